import CTBulkCore

/// The body of `call-redirect/list` (every filter optional; `{}` or an empty body lists every number that has a
/// redirect):
/// `{"redirectOptions": {"redirectIds": [..≤50], "redirectName": {"value", "filterMode"}, "redirectStatus"},
///   "poolOptions": {"poolName": {"value"}}, "phoneNumbers": [..≤100]}`.
struct RedirectListRequest: Sendable {
    /// How `redirectName.value` is matched (case-insensitively).
    enum NameMatch: Equatable, Sendable {
        case prefix, contains, exact, suffix

        /// `star_twith` (the documented spelling), `start_with`, `starts_with`, `contains`, `exact`, `equals`,
        /// `end_with`, `ends_with`; missing = `contains`.
        init?(mode: String) {
            switch mode.lowercased() {
            case "star_twith", "start_with", "starts_with", "startwith", "startswith": self = .prefix
            case "contains", "like": self = .contains
            case "exact", "equals", "eq": self = .exact
            case "end_with", "ends_with", "endwith", "endswith": self = .suffix
            default: return nil
            }
        }

        func matches(_ name: String, _ value: String) -> Bool {
            let name = name.lowercased(), value = value.lowercased()
            switch self {
            case .prefix: return name.hasPrefix(value)
            case .contains: return value.isEmpty || name.contains(value)
            case .exact: return name == value
            case .suffix: return name.hasSuffix(value)
            }
        }
    }

    static let maximumRedirectIDs = 50
    static let maximumPhoneNumbers = 100

    var redirectIDs: Set<Int>?
    var redirectName: (value: String, match: NameMatch)?
    var redirectStatus: String?
    var poolName: String?
    var phoneNumbers: Set<PhoneNumber>?

    init(body: [UInt8]) throws(WireError) {
        let object: [String: BodyJSON] = body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
            ? [:] : try WireSettings.object(body)
        if let options = Self.present(object["redirectOptions"]) {
            guard case .object(let redirect) = options else {
                throw .invalid("redirectOptions must be an object", field: "redirectOptions")
            }
            if let ids = Self.present(redirect["redirectIds"]) {
                guard case .array(let items) = ids else {
                    throw .invalid("redirectOptions.redirectIds must be an array of numbers", field: "redirectOptions.redirectIds")
                }
                guard items.count <= Self.maximumRedirectIDs else {
                    throw .invalid("redirectOptions.redirectIds holds \(items.count) ids; at most \(Self.maximumRedirectIDs) are allowed",
                                   field: "redirectOptions.redirectIds")
                }
                var set: Set<Int> = []
                for (index, item) in items.enumerated() {
                    guard case .number(let value) = item, value == value.rounded(), abs(value) < 1e15 else {
                        throw .invalid("redirectOptions.redirectIds[\(index)] must be a whole number",
                                       field: "redirectOptions.redirectIds[\(index)]")
                    }
                    set.insert(Int(value))
                }
                redirectIDs = set
            }
            if let name = Self.present(redirect["redirectName"]) {
                guard case .object(let nameObject) = name else {
                    throw .invalid("redirectOptions.redirectName must be an object", field: "redirectOptions.redirectName")
                }
                guard case .string(let value)? = Self.present(nameObject["value"]) else {
                    throw .invalid("redirectOptions.redirectName.value is required and must be a string",
                                   field: "redirectOptions.redirectName.value")
                }
                var match = NameMatch.contains
                if let mode = Self.present(nameObject["filterMode"]) {
                    guard case .string(let text) = mode, let parsed = NameMatch(mode: text) else {
                        throw .invalid("redirectOptions.redirectName.filterMode is not a known mode (star_twith, contains, exact, end_with)",
                                       field: "redirectOptions.redirectName.filterMode")
                    }
                    match = parsed
                }
                redirectName = (value, match)
            }
            if let status = Self.present(redirect["redirectStatus"]) {
                guard case .string(let text) = status else {
                    throw .invalid("redirectOptions.redirectStatus must be a string", field: "redirectOptions.redirectStatus")
                }
                redirectStatus = text
            }
        }
        if let options = Self.present(object["poolOptions"]) {
            guard case .object(let pool) = options else {
                throw .invalid("poolOptions must be an object", field: "poolOptions")
            }
            if let name = Self.present(pool["poolName"]) {
                guard case .object(let nameObject) = name, case .string(let value)? = Self.present(nameObject["value"]) else {
                    throw .invalid("poolOptions.poolName.value is required and must be a string",
                                   field: "poolOptions.poolName.value")
                }
                poolName = value
            }
        }
        if let numbers = Self.present(object["phoneNumbers"]) {
            guard case .array(let items) = numbers else {
                throw .invalid("phoneNumbers must be an array of strings", field: "phoneNumbers")
            }
            guard items.count <= Self.maximumPhoneNumbers else {
                throw .invalid("phoneNumbers holds \(items.count) numbers; at most \(Self.maximumPhoneNumbers) are allowed",
                               field: "phoneNumbers")
            }
            var set: Set<PhoneNumber> = []
            for (index, item) in items.enumerated() {
                set.insert(try WireSettings.phone(item, field: "phoneNumbers[\(index)]"))
            }
            phoneNumbers = set
        }
    }

    private static func present(_ value: BodyJSON?) -> BodyJSON? {
        guard let value, value != .null else { return nil }
        return value
    }

    /// Whether one number with its scenario passes every filter. Every scenario is `active`.
    func matches(phone: PhoneNumber, poolName pool: String?, scenario: RedirectScenarios.Scenario) -> Bool {
        if let phoneNumbers, !phoneNumbers.contains(phone) { return false }
        if let redirectIDs, !redirectIDs.contains(scenario.id) { return false }
        if let redirectName, !redirectName.match.matches(scenario.name, redirectName.value) { return false }
        if let redirectStatus, redirectStatus.lowercased() != "active", redirectStatus.lowercased() != "all" { return false }
        if let poolName, pool?.lowercased() != poolName.lowercased() { return false }
        return true
    }
}
