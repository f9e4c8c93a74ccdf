/// The settings `PUT /_sandbox/config` may change while the sandbox runs. JSON shape (every key optional on PUT):
/// `{"rateLimit": 5 | null, "rateLimitWindowMs": 1000, "latencyMs": 0, "faults": "5xx=0.1", "seed": 0,
///   "hangMs": 300000, "holdWritesAfter": null}`.
struct RuntimeSettings: Sendable, Equatable, Encodable {
    var rateLimit: Int?
    var rateLimitWindow: Duration
    var latency: Duration
    var faults: FaultSpec
    var seed: UInt64
    var hangDuration: Duration
    /// Once this many writes were applied, every further write is held unanswered and unapplied (as a hang) until
    /// the setting is cleared: a test can stop a client at an exact point of its run, however late it looks. nil: off.
    var holdWritesAfter: Int?

    init(_ configuration: SandboxConfiguration) {
        rateLimit = configuration.rateLimit
        rateLimitWindow = configuration.rateLimitWindow
        latency = configuration.latency
        faults = configuration.faults
        seed = configuration.seed
        hangDuration = configuration.hangDuration
    }

    private enum CodingKeys: String, CodingKey {
        case rateLimit, rateLimitWindowMs, latencyMs, faults, seed, hangMs, holdWritesAfter
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rateLimit, forKey: .rateLimit)
        try container.encode(Self.milliseconds(rateLimitWindow), forKey: .rateLimitWindowMs)
        try container.encode(Self.milliseconds(latency), forKey: .latencyMs)
        try container.encode(faults.description, forKey: .faults)
        try container.encode(seed, forKey: .seed)
        try container.encode(Self.milliseconds(hangDuration), forKey: .hangMs)
        try container.encode(holdWritesAfter, forKey: .holdWritesAfter)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Applies the keys of a PUT body; returns whether the seed changed. Nothing changes when a key is invalid.
    mutating func apply(_ object: [String: BodyJSON]) throws(WireError) -> Bool {
        var next = self
        func count(_ key: String, minimum: Int64) throws(WireError) -> Int64? {
            guard let value = object[key] else { return nil }
            guard case .number(let number) = value, number == number.rounded(), number >= Double(minimum),
                  number < 1e12 else {
                throw .invalid("\(key) must be a whole number of at least \(minimum)", field: key)
            }
            return Int64(number)
        }
        if let value = object["rateLimit"] {
            if value == .null {
                next.rateLimit = nil
            } else {
                guard let limit = try count("rateLimit", minimum: 1) else { return false }
                next.rateLimit = Int(limit)
            }
        }
        if let ms = try count("rateLimitWindowMs", minimum: 1) { next.rateLimitWindow = .milliseconds(ms) }
        if let ms = try count("latencyMs", minimum: 0) { next.latency = .milliseconds(ms) }
        if let ms = try count("hangMs", minimum: 1) { next.hangDuration = .milliseconds(ms) }
        if let value = object["holdWritesAfter"] {
            if value == .null {
                next.holdWritesAfter = nil
            } else if let writes = try count("holdWritesAfter", minimum: 0) {
                next.holdWritesAfter = Int(writes)
            }
        }
        if let value = object["faults"] {
            guard case .string(let text) = value else { throw .invalid("faults must be a fault spec string", field: "faults") }
            do {
                next.faults = try FaultSpec(parsing: text)
            } catch {
                throw .invalid("faults: \(error)", field: "faults")
            }
        }
        var reseed = false
        if let seed = try count("seed", minimum: 0) {
            next.seed = UInt64(seed)
            reseed = true
        }
        self = next
        return reseed
    }
}
