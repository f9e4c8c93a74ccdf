/// One sort key of `params.sort`: a field and a direction (the API's default is ascending).
public struct UISSort: Hashable, Sendable {
    /// Sort direction as on the wire.
    public enum Order: String, Sendable, Codable, Hashable {
        case asc, desc
    }

    public var field: String
    public var order: Order

    /// A sort key; `order` defaults to ascending.
    public init(_ field: String, _ order: Order = .asc) {
        self.field = field; self.order = order
    }

    /// The key as the JSON object sent in `params.sort`.
    public var wireValue: UISValue { .object(["field": .string(field), "order": .string(order.rawValue)]) }
}
