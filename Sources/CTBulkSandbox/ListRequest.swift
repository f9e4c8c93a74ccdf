import CTBulkCore

/// The body of `ad-platform/phone/list`: `{"phoneNumbers": ["7…", …]}`, at most ``maximumCount`` numbers.
struct ListRequest: Equatable, Sendable {
    /// The most numbers one list request may ask for.
    static let maximumCount = 100

    /// The numbers asked for, duplicates removed, in request order.
    var phoneNumbers: [PhoneNumber]

    init(body: [UInt8]) throws(WireError) {
        let object = try WireSettings.object(body)
        guard let value = object["phoneNumbers"], value != .null else {
            throw .invalid("phoneNumbers is required", field: "phoneNumbers")
        }
        guard case .array(let items) = value else {
            throw .invalid("phoneNumbers must be an array of strings, not \(value.typeName)", field: "phoneNumbers")
        }
        guard items.count <= Self.maximumCount else {
            throw .invalid("phoneNumbers holds \(items.count) numbers; at most \(Self.maximumCount) are allowed",
                           field: "phoneNumbers")
        }
        var seen: Set<PhoneNumber> = []
        phoneNumbers = []
        for (index, item) in items.enumerated() {
            let phone = try WireSettings.phone(item, field: "phoneNumbers[\(index)]")
            if seen.insert(phone).inserted { phoneNumbers.append(phone) }
        }
    }
}
