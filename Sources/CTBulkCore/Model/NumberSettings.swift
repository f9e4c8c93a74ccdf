/// Display options of a static pool: what reports show for calls to the number. `source` is required whenever any
/// display option is given.
public struct DisplayOptions: Hashable, Sendable, Codable {
    public var source: String?
    public var medium: String?
    public var campaign: String?
    public var content: String?
    public var keyword: String?

    public init(source: String? = nil, medium: String? = nil, campaign: String? = nil, content: String? = nil,
                keyword: String? = nil) {
        self.source = source; self.medium = medium; self.campaign = campaign; self.content = content
        self.keyword = keyword
    }

    /// True when no option is set.
    public var isEmpty: Bool { source == nil && medium == nil && campaign == nil && content == nil && keyword == nil }

    /// Marks a clearable field (``NumberSettings/clearableFields``) as "clear it" (an empty string); other fields are
    /// left as they are.
    public mutating func markCleared(_ field: SettingField) {
        switch field {
        case .medium: medium = ""
        case .campaign: campaign = ""
        case .content: content = ""
        case .keyword: keyword = ""
        default: break
        }
    }
}

/// The reserve redirect: where a call goes when the primary redirect does not answer within `reserveTimeOut` s.
public struct ReserveRedirect: Hashable, Sendable, Codable {
    public var reserveNumber: PhoneNumber?
    /// Seconds, 10...120.
    public var reserveTimeOut: Int?
    /// The API defaults this to true when it is left out.
    public var ignoreEarlyMedia: Bool?

    public init(reserveNumber: PhoneNumber? = nil, reserveTimeOut: Int? = nil, ignoreEarlyMedia: Bool? = nil) {
        self.reserveNumber = reserveNumber; self.reserveTimeOut = reserveTimeOut; self.ignoreEarlyMedia = ignoreEarlyMedia
    }

    public var isEmpty: Bool { reserveNumber == nil && reserveTimeOut == nil && ignoreEarlyMedia == nil }
}

/// The redirect scenario. The API supports one type only, `PSTN` (a phone number).
public struct RedirectOptions: Hashable, Sendable, Codable {
    public var redirectNumber: PhoneNumber?
    public var reserve: ReserveRedirect?

    public init(redirectNumber: PhoneNumber? = nil, reserve: ReserveRedirect? = nil) {
        self.redirectNumber = redirectNumber; self.reserve = reserve
    }

    public var isEmpty: Bool { redirectNumber == nil && (reserve?.isEmpty ?? true) }
}

/// Pool and redirect settings of one static number: what a job row asks for (a nil field is "not set": the row has
/// no opinion about it), or what the account holds for a used number.
///
/// In desired settings, an empty string in `medium`, `campaign`, `content` or `keyword` means "clear this field"
/// (a `[]` cell in a job file, as in Google Ads Editor). Such values are never sent: ``merging(_:)`` removes the
/// field and ``withoutClears`` drops the marker.
public struct NumberSettings: Hashable, Sendable, Codable {
    /// The fields a job may clear with `[]`.
    public static let clearableFields: Set<SettingField> = [.medium, .campaign, .content, .keyword]

    public var poolName: String?
    public var displayOptions: DisplayOptions?
    public var redirectOptions: RedirectOptions?

    public init(poolName: String? = nil, displayOptions: DisplayOptions? = nil, redirectOptions: RedirectOptions? = nil) {
        self.poolName = poolName; self.displayOptions = displayOptions; self.redirectOptions = redirectOptions
    }

    /// True when nothing is set.
    public var isEmpty: Bool {
        poolName == nil && (displayOptions?.isEmpty ?? true) && (redirectOptions?.isEmpty ?? true)
    }

    /// The value of one field as text (nil when not set), the way diffs and reports show it.
    public subscript(field: SettingField) -> String? {
        switch field {
        case .poolName: return poolName
        case .source: return displayOptions?.source
        case .medium: return displayOptions?.medium
        case .campaign: return displayOptions?.campaign
        case .content: return displayOptions?.content
        case .keyword: return displayOptions?.keyword
        case .redirectNumber: return redirectOptions?.redirectNumber?.digits
        case .reserveNumber: return redirectOptions?.reserve?.reserveNumber?.digits
        case .reserveTimeOut: return redirectOptions?.reserve?.reserveTimeOut.map(String.init)
        case .ignoreEarlyMedia: return redirectOptions?.reserve?.ignoreEarlyMedia.map { $0 ? "true" : "false" }
        }
    }

    /// The fields this value sets, in display order.
    public var setFields: [SettingField] { SettingField.allCases.filter { self[$0] != nil } }

    /// `self` with every field that `overlay` sets replaced by the overlay's value: what an account holds after a
    /// row is applied to it, since a blank cell means "leave as it is".
    public func merging(_ overlay: NumberSettings) -> NumberSettings {
        var result = self
        if let pool = overlay.poolName { result.poolName = pool }
        if let display = overlay.displayOptions, !display.isEmpty {
            var merged = result.displayOptions ?? DisplayOptions()
            if let v = display.source { merged.source = v }
            if let v = display.medium { merged.medium = v.isEmpty ? nil : v }
            if let v = display.campaign { merged.campaign = v.isEmpty ? nil : v }
            if let v = display.content { merged.content = v.isEmpty ? nil : v }
            if let v = display.keyword { merged.keyword = v.isEmpty ? nil : v }
            result.displayOptions = merged
        }
        if let redirect = overlay.redirectOptions, !redirect.isEmpty {
            var merged = result.redirectOptions ?? RedirectOptions()
            if let v = redirect.redirectNumber { merged.redirectNumber = v }
            if let reserve = redirect.reserve, !reserve.isEmpty {
                var mergedReserve = merged.reserve ?? ReserveRedirect()
                if let v = reserve.reserveNumber { mergedReserve.reserveNumber = v }
                if let v = reserve.reserveTimeOut { mergedReserve.reserveTimeOut = v }
                if let v = reserve.ignoreEarlyMedia { mergedReserve.ignoreEarlyMedia = v }
                merged.reserve = mergedReserve
            }
            result.redirectOptions = merged
        }
        return result
    }

    /// The settings with every "clear this field" marker removed: what a free number gets.
    public var withoutClears: NumberSettings {
        var copy = self
        if var display = copy.displayOptions {
            if display.medium == "" { display.medium = nil }
            if display.campaign == "" { display.campaign = nil }
            if display.content == "" { display.content = nil }
            if display.keyword == "" { display.keyword = nil }
            copy.displayOptions = display.isEmpty ? nil : display
        }
        return copy
    }

    /// The field-by-field changes needed to bring `live` to what `self` (the desired settings) asks for. Fields
    /// `self` leaves unset are not compared. `live == nil` is a free number: every set field is a change.
    public func changes(from live: NumberSettings?) -> [FieldChange] {
        setFields.compactMap { field in
            var want = self[field]
            if want == "" { want = nil }  // "clear this field"
            let have = live?[field]
            if want == have { return nil }
            if field == .ignoreEarlyMedia, want == "true", have == nil, live?.redirectOptions?.reserve != nil {
                return nil  // the API's default for a reserve without the flag is true
            }
            return FieldChange(field: field, from: have, to: want)
        }
    }
}

/// One settable field of a number, named as in the API body.
public enum SettingField: String, CaseIterable, Sendable, Codable, Hashable {
    case poolName
    case source, medium, campaign, content, keyword
    case redirectNumber, reserveNumber, reserveTimeOut, ignoreEarlyMedia

    /// The path of the field in the API's JSON body.
    public var apiPath: String {
        switch self {
        case .poolName: return "poolName"
        case .source, .medium, .campaign, .content, .keyword: return "displayOptions.\(rawValue)"
        case .redirectNumber: return "redirectOptions.ptsnOptions.redirectNumber"
        case .reserveNumber, .reserveTimeOut, .ignoreEarlyMedia: return "redirectOptions.reserveRedirect.\(rawValue)"
        }
    }

    /// The canonical CSV column name.
    public var csvName: String {
        switch self {
        case .poolName: return "pool_name"
        case .source, .medium, .campaign, .content, .keyword: return rawValue
        case .redirectNumber: return "redirect_number"
        case .reserveNumber: return "reserve_number"
        case .reserveTimeOut: return "reserve_timeout"
        case .ignoreEarlyMedia: return "ignore_early_media"
        }
    }
}

/// One field that differs between live and desired settings.
public struct FieldChange: Hashable, Sendable, Codable {
    public var field: SettingField
    /// The live value (nil: not set).
    public var from: String?
    /// The desired value.
    public var to: String?

    public init(field: SettingField, from: String?, to: String?) {
        self.field = field; self.from = from; self.to = to
    }

    /// `campaign: spring → summer`, with `∅` for an unset value.
    public var rendered: String { "\(field.rawValue): \(from ?? "∅") → \(to ?? "∅")" }
}

/// One row of a job: a static number and the settings it should have.
public struct JobRow: Hashable, Sendable, Codable {
    /// The row as the user sees it: the spreadsheet row number for CSV (the header is row 1), the element number
    /// (from 1) for a JSON array.
    public var row: Int
    public var phoneNumber: PhoneNumber
    public var settings: NumberSettings

    public init(row: Int, phoneNumber: PhoneNumber, settings: NumberSettings) {
        self.row = row; self.phoneNumber = phoneNumber; self.settings = settings
    }
}
