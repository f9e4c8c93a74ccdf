/// A Data API filter: one `{field, operator, value}` condition or a tree of them joined by `and` / `or`.
///
/// ```swift
/// let filter: UISFilter = .all([
///     .where("status", .equal, "active"),
///     .where("category", .in, ["gold", "silver"]),
/// ])
/// ```
public indirect enum UISFilter: Hashable, Sendable {
    /// How the members of a filter tree are joined.
    public enum Condition: String, Sendable, Codable, Hashable {
        case and, or
    }

    /// One condition. A nil `value` is left out of the request ("empty" in the docs).
    case condition(field: String, operator: UISFilterOperator, value: UISValue?)
    /// A tree: every member (`and`) or any member (`or`) must hold.
    case group(Condition, [UISFilter])

    /// A single condition; `is_null` and `is_not_null` get the documented `"value": null`.
    public static func `where`(_ field: String, _ op: UISFilterOperator, _ value: UISValue? = nil) -> UISFilter {
        .condition(field: field, operator: op, value: op.takesNoValue ? (value ?? .null) : value)
    }

    /// All of the filters must hold. A single filter is returned as it is.
    public static func all(_ filters: [UISFilter]) -> UISFilter {
        filters.count == 1 ? filters[0] : .group(.and, filters)
    }

    /// Any of the filters must hold. A single filter is returned as it is.
    public static func any(_ filters: [UISFilter]) -> UISFilter {
        filters.count == 1 ? filters[0] : .group(.or, filters)
    }

    /// The filter as the JSON object sent in `params.filter`.
    public var wireValue: UISValue {
        switch self {
        case .condition(let field, let op, let value):
            var object: [String: UISValue] = ["field": .string(field), "operator": .string(op.rawValue)]
            if let value { object["value"] = value }
            return .object(object)
        case .group(let condition, let members):
            return .object(["filters": .array(members.map(\.wireValue)), "condition": .string(condition.rawValue)])
        }
    }
}
