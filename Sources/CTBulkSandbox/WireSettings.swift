import CTBulkCore

/// Reading and checking the settings part of API bodies (`poolName`, `displayOptions`, `redirectOptions`) the way
/// the real API documents it, with a 400 `invalid_request` naming the field at the first problem.
enum WireSettings {
    /// The top-level objects one update/create body carries; nil = left out (or null), so kept as it is.
    struct Objects: Equatable, Sendable {
        var poolName: String?
        var displayOptions: DisplayOptions?
        var redirectOptions: RedirectOptions?

        var isEmpty: Bool { poolName == nil && displayOptions == nil && redirectOptions == nil }

        /// `settings` with each object this body carries replaced wholesale.
        func applied(to settings: NumberSettings) -> NumberSettings {
            var result = settings
            if let poolName { result.poolName = poolName }
            if let displayOptions { result.displayOptions = displayOptions }
            if let redirectOptions { result.redirectOptions = redirectOptions }
            return result
        }

        /// The settings of a number that had none.
        var settings: NumberSettings {
            NumberSettings(poolName: poolName, displayOptions: displayOptions, redirectOptions: redirectOptions)
        }
    }

    /// The body must be a JSON object.
    static func object(_ body: [UInt8]) throws(WireError) -> [String: BodyJSON] {
        guard let value = BodyJSON.parse(body) else { throw .invalid("the body is not valid JSON", field: nil) }
        guard case .object(let object) = value else {
            throw .invalid("the body must be a JSON object, not \(value.typeName)", field: nil)
        }
        return object
    }

    /// The required `phoneNumber` of update, create and delete.
    static func phoneNumber(in object: [String: BodyJSON], field: String = "phoneNumber") throws(WireError) -> PhoneNumber {
        guard let value = object[field], value != .null else { throw .invalid("\(field) is required", field: field) }
        return try phone(value, field: field)
    }

    /// A `7xxxxxxxxxx` string.
    static func phone(_ value: BodyJSON, field: String) throws(WireError) -> PhoneNumber {
        guard case .string(let text) = value, let phone = PhoneNumber(canonical: text) else {
            throw .invalid("\(field) must be a string in the format 7xxxxxxxxxx", field: field)
        }
        return phone
    }

    /// Reads `poolName`, `displayOptions`, `redirectOptions` (each may be absent or null). Does not require any.
    static func objects(in object: [String: BodyJSON]) throws(WireError) -> Objects {
        var result = Objects()
        if let value = present(object["poolName"]) {
            guard case .string(let name) = value else {
                throw .invalid("poolName must be a string, not \(value.typeName)", field: "poolName")
            }
            guard !name.trimmingSpaces.isEmpty else { throw .invalid("poolName must not be empty", field: "poolName") }
            result.poolName = name
        }
        if let value = present(object["displayOptions"]) {
            result.displayOptions = try displayOptions(value)
        }
        if let value = present(object["redirectOptions"]) {
            result.redirectOptions = try redirectOptions(value)
        }
        return result
    }

    /// Update and create: `phoneNumber` and at least one of the three objects.
    static func writeBody(_ body: [UInt8]) throws(WireError) -> (PhoneNumber, Objects) {
        let object = try object(body)
        let phone = try phoneNumber(in: object)
        let objects = try objects(in: object)
        guard !objects.isEmpty else {
            throw .invalid("at least one of poolName, displayOptions, redirectOptions is required", field: nil)
        }
        return (phone, objects)
    }

    private static func present(_ value: BodyJSON?) -> BodyJSON? {
        guard let value, value != .null else { return nil }
        return value
    }

    private static func optionalString(_ object: [String: BodyJSON], _ key: String, path: String) throws(WireError) -> String? {
        guard let value = present(object[key]) else { return nil }
        guard case .string(let text) = value else {
            throw .invalid("\(path).\(key) must be a string, not \(value.typeName)", field: "\(path).\(key)")
        }
        return text.trimmingSpaces.isEmpty ? nil : text
    }

    private static func displayOptions(_ value: BodyJSON) throws(WireError) -> DisplayOptions {
        guard case .object(let object) = value else {
            throw .invalid("displayOptions must be an object, not \(value.typeName)", field: "displayOptions")
        }
        let path = "displayOptions"
        guard let source = try optionalString(object, "source", path: path) else {
            throw .invalid("displayOptions.source is required when displayOptions is given", field: "displayOptions.source")
        }
        return DisplayOptions(source: source,
                              medium: try optionalString(object, "medium", path: path),
                              campaign: try optionalString(object, "campaign", path: path),
                              content: try optionalString(object, "content", path: path),
                              keyword: try optionalString(object, "keyword", path: path))
    }

    private static func redirectOptions(_ value: BodyJSON) throws(WireError) -> RedirectOptions {
        guard case .object(let object) = value else {
            throw .invalid("redirectOptions must be an object, not \(value.typeName)", field: "redirectOptions")
        }
        guard let type = present(object["redirectType"]) else {
            throw .invalid("redirectOptions.redirectType is required when redirectOptions is given",
                           field: "redirectOptions.redirectType")
        }
        guard type == .string("PSTN") else {
            throw .invalid("redirectOptions.redirectType must be PSTN", field: "redirectOptions.redirectType")
        }
        let numberField = "redirectOptions.ptsnOptions.redirectNumber"
        guard let ptsn = present(object["ptsnOptions"]) else {
            throw .invalid("\(numberField) is required when redirectOptions is given", field: numberField)
        }
        guard case .object(let ptsnObject) = ptsn else {
            throw .invalid("redirectOptions.ptsnOptions must be an object, not \(ptsn.typeName)",
                           field: "redirectOptions.ptsnOptions")
        }
        guard let number = present(ptsnObject["redirectNumber"]) else {
            throw .invalid("\(numberField) is required when redirectOptions is given", field: numberField)
        }
        var result = RedirectOptions(redirectNumber: try phone(number, field: numberField))
        if let reserve = present(object["reserveRedirect"]) {
            result.reserve = try reserveRedirect(reserve)
        }
        return result
    }

    private static func reserveRedirect(_ value: BodyJSON) throws(WireError) -> ReserveRedirect {
        let path = "redirectOptions.reserveRedirect"
        guard case .object(let object) = value else {
            throw .invalid("\(path) must be an object, not \(value.typeName)", field: path)
        }
        guard let number = present(object["reserveNumber"]) else {
            throw .invalid("\(path).reserveNumber is required when reserveRedirect is given", field: "\(path).reserveNumber")
        }
        let reserveNumber = try phone(number, field: "\(path).reserveNumber")
        guard let timeout = present(object["reserveTimeOut"]) else {
            throw .invalid("\(path).reserveTimeOut is required when reserveRedirect is given",
                           field: "\(path).reserveTimeOut")
        }
        guard case .number(let seconds) = timeout, seconds == seconds.rounded(), seconds >= 10, seconds <= 120 else {
            throw .invalid("\(path).reserveTimeOut must be a whole number of seconds from 10 to 120",
                           field: "\(path).reserveTimeOut")
        }
        var ignoreEarlyMedia = true  // the documented default when the field is left out
        if let flag = present(object["ignoreEarlyMedia"]) {
            guard case .bool(let value) = flag else {
                throw .invalid("\(path).ignoreEarlyMedia must be a boolean, not \(flag.typeName)",
                               field: "\(path).ignoreEarlyMedia")
            }
            ignoreEarlyMedia = value
        }
        return ReserveRedirect(reserveNumber: reserveNumber, reserveTimeOut: Int(seconds), ignoreEarlyMedia: ignoreEarlyMedia)
    }

    /// Why settings given in Swift (an initial state) could not exist in a real account, or nil when they could.
    static func problem(with settings: NumberSettings) -> String? {
        guard let display = settings.displayOptions, let source = display.source, !source.isEmpty else {
            return "a used number needs displayOptions.source (a number whose displayOptions are null is free)"
        }
        if let redirect = settings.redirectOptions, !redirect.isEmpty {
            guard redirect.redirectNumber != nil else {
                return "redirectOptions needs ptsnOptions.redirectNumber"
            }
            if let reserve = redirect.reserve, !reserve.isEmpty {
                guard reserve.reserveNumber != nil else { return "reserveRedirect needs reserveNumber" }
                guard let timeout = reserve.reserveTimeOut, (10...120).contains(timeout) else {
                    return "reserveRedirect needs reserveTimeOut from 10 to 120"
                }
            }
        }
        return nil
    }

    /// Settings as the account stores them: empty objects dropped, a reserve's missing ignoreEarlyMedia = true.
    /// Nil (free) for empty settings.
    static func stored(_ settings: NumberSettings?) -> NumberSettings? {
        guard var settings, !settings.isEmpty else { return nil }
        if settings.displayOptions?.isEmpty == true { settings.displayOptions = nil }
        if let redirect = settings.redirectOptions {
            if redirect.isEmpty {
                settings.redirectOptions = nil
            } else if let reserve = redirect.reserve {
                if reserve.isEmpty {
                    settings.redirectOptions?.reserve = nil
                } else if reserve.ignoreEarlyMedia == nil {
                    settings.redirectOptions?.reserve?.ignoreEarlyMedia = true
                }
            }
        }
        return settings
    }
}
