import CTBulkCore

/// One element of the settings-read answer. Unknown fields are ignored; `displayOptions` null (or absent) means free.
struct WireNumberRecord: Decodable {
    var phoneNumber: String
    var poolName: String?
    var displayOptions: WireDisplayOptions?
    var redirectOptions: WireRedirectOptions?

    private enum CodingKeys: String, CodingKey { case phoneNumber, poolName, displayOptions, redirectOptions }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let number = try c.lenientString(.phoneNumber) else {
            throw DecodingError.keyNotFound(
                CodingKeys.phoneNumber, .init(codingPath: c.codingPath, debugDescription: "phoneNumber is missing"))
        }
        phoneNumber = number
        poolName = try c.lenientString(.poolName)
        displayOptions = try c.decodeIfPresent(WireDisplayOptions.self, forKey: .displayOptions)
        redirectOptions = try c.decodeIfPresent(WireRedirectOptions.self, forKey: .redirectOptions)
    }

    /// The number and its state.
    func model() throws(WireMappingError) -> (PhoneNumber, LiveNumber) {
        guard let number = try WireMappingError.phone(phoneNumber, field: "phoneNumber") else {
            throw WireMappingError(description: "phoneNumber is blank")
        }
        guard let display = displayOptions else { return (number, .free) }
        let settings = NumberSettings(poolName: poolName.nonBlank, displayOptions: display.model,
                                      redirectOptions: try redirectOptions?.model())
        return (number, .used(settings))
    }
}
