/// The body of the settings read: `{ "phoneNumbers": ["79001112233", …] }`.
struct WireListRequest: Encodable, Equatable {
    var phoneNumbers: [String]
}
