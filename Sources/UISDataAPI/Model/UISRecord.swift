/// A record type one `get.*` method returns.
public protocol UISRecord: Codable, Sendable, Hashable {
    /// The JSON-RPC method, e.g. `get.virtual_numbers`.
    static var methodName: String { get }
    /// Every documented response field, in the documentation's order.
    static var documentedFields: [String] { get }
    /// The fields shown when none are asked for (the documented ones unless a type leaves some out).
    static var defaultFields: [String] { get }
    /// The key that identifies a record across pages (its `id` where it has one); nil when the field was not asked for.
    var deduplicationKey: String? { get }
    /// The JSON type of each response field, for typing filter values.
    static var fieldTypes: [String: UISFieldType] { get }
}

extension UISRecord {
    public static var defaultFields: [String] { documentedFields }
}
