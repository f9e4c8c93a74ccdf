import CTBulkCore

/// One element of the `call-redirect/list` answer (shape assumed). Unknown fields are ignored; `redirectId` may be
/// a number or a string.
struct WireRedirectRecord: Decodable {
    var redirectId: Int
    var redirectName: String?
    var redirectStatus: String?
    var phoneNumber: String
    var poolName: String?

    private enum CodingKeys: String, CodingKey { case redirectId, redirectName, redirectStatus, phoneNumber, poolName }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = try c.lenientInt(.redirectId) else {
            throw DecodingError.keyNotFound(
                CodingKeys.redirectId, .init(codingPath: c.codingPath, debugDescription: "redirectId is missing"))
        }
        guard let number = try c.lenientString(.phoneNumber) else {
            throw DecodingError.keyNotFound(
                CodingKeys.phoneNumber, .init(codingPath: c.codingPath, debugDescription: "phoneNumber is missing"))
        }
        redirectId = id
        phoneNumber = number
        redirectName = try c.lenientString(.redirectName)
        redirectStatus = try c.lenientString(.redirectStatus)
        poolName = try c.lenientString(.poolName)
    }

    func model() throws(WireMappingError) -> RedirectRecord {
        guard let number = try WireMappingError.phone(phoneNumber, field: "phoneNumber") else {
            throw WireMappingError(description: "phoneNumber is blank")
        }
        return RedirectRecord(redirectId: redirectId, redirectName: redirectName, redirectStatus: redirectStatus,
                              phoneNumber: number, poolName: poolName.nonBlank)
    }
}
