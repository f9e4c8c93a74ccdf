/// Every comparison operator of the Data API filter ("Критерии фильтрации"), spelled as on the wire.
public enum UISFilterOperator: String, Sendable, Codable, CaseIterable, Hashable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    /// Case-sensitive pattern with `%` (any run of characters).
    case like
    /// Case-insensitive `like`.
    case ilike
    case notLike = "not_like"
    case notIlike = "not_ilike"
    /// POSIX regular expression.
    case regexp
    /// PostgreSQL jsquery over object and array fields.
    case jsquery
    /// The field equals one of an array of values.
    case `in`
    case notIn = "not_in"
    /// An array field shares at least one element with the value.
    case overlap
    case notOverlap = "not_overlap"
    case isNull = "is_null"
    case isNotNull = "is_not_null"

    /// Whether the operator takes an array value (`in`, `not_in`, `overlap`, `not_overlap`).
    public var takesList: Bool { self == .in || self == .notIn || self == .overlap || self == .notOverlap }

    /// Whether the operator takes no value (`is_null`, `is_not_null`).
    public var takesNoValue: Bool { self == .isNull || self == .isNotNull }
}
