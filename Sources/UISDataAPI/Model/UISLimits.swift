/// `metadata.limits`: the point allowances left. Every field is optional, since the API sends `{}` when limits do not
/// apply, and a field may be missing.
public struct UISLimits: Hashable, Sendable, Codable {
    public var dayLimit: Int?
    public var dayRemaining: Int?
    /// Seconds until the daily allowance resets.
    public var dayReset: Int?
    public var minuteLimit: Int?
    public var minuteRemaining: Int?
    /// Seconds until the per-minute allowance resets.
    public var minuteReset: Int?

    /// Limits with the given values.
    public init(dayLimit: Int? = nil, dayRemaining: Int? = nil, dayReset: Int? = nil, minuteLimit: Int? = nil,
                minuteRemaining: Int? = nil, minuteReset: Int? = nil) {
        self.dayLimit = dayLimit; self.dayRemaining = dayRemaining; self.dayReset = dayReset
        self.minuteLimit = minuteLimit; self.minuteRemaining = minuteRemaining; self.minuteReset = minuteReset
    }

    enum CodingKeys: String, CodingKey {
        case dayLimit = "day_limit", dayRemaining = "day_remaining", dayReset = "day_reset"
        case minuteLimit = "minute_limit", minuteRemaining = "minute_remaining", minuteReset = "minute_reset"
    }

    /// Decodes leniently: numbers as integers, fractions or numeric strings; anything unreadable as nil.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dayLimit = c.lenientInt(.dayLimit); dayRemaining = c.lenientInt(.dayRemaining); dayReset = c.lenientInt(.dayReset)
        minuteLimit = c.lenientInt(.minuteLimit); minuteRemaining = c.lenientInt(.minuteRemaining)
        minuteReset = c.lenientInt(.minuteReset)
    }

    /// True when the answer carried no limit at all (`"limits": {}`).
    public var isEmpty: Bool {
        dayLimit == nil && dayRemaining == nil && dayReset == nil && minuteLimit == nil && minuteRemaining == nil
            && minuteReset == nil
    }
}
