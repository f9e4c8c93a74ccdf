import CTBulkCore

/// `redirectOptions` on the wire: `{ "redirectType": "PSTN", "ptsnOptions": {…}, "reserveRedirect": {…} }`.
struct WireRedirectOptions: Codable, Equatable {
    /// The only type the API supports.
    static let pstn = "PSTN"

    var redirectType: String?
    var ptsnOptions: WirePtsnOptions?
    var reserveRedirect: WireReserveRedirect?

    /// The wire form of the model; nil when nothing is set.
    init?(_ options: RedirectOptions?) {
        guard let options, !options.isEmpty else { return nil }
        redirectType = Self.pstn
        ptsnOptions = options.redirectNumber.map { WirePtsnOptions(redirectNumber: $0.digits) }
        reserveRedirect = WireReserveRedirect(options.reserve)
    }

    private enum CodingKeys: String, CodingKey { case redirectType, ptsnOptions, reserveRedirect }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        redirectType = try c.lenientString(.redirectType)
        ptsnOptions = try c.decodeIfPresent(WirePtsnOptions.self, forKey: .ptsnOptions)
        reserveRedirect = try c.decodeIfPresent(WireReserveRedirect.self, forKey: .reserveRedirect)
    }

    /// The model value; nil when nothing is set.
    func model() throws(WireMappingError) -> RedirectOptions? {
        let number = try WireMappingError.phone(ptsnOptions?.redirectNumber, field: "redirectNumber")
        let options = RedirectOptions(redirectNumber: number, reserve: try reserveRedirect?.model())
        return options.isEmpty ? nil : options
    }
}

/// `ptsnOptions` (spelled so by the API).
struct WirePtsnOptions: Codable, Equatable {
    var redirectNumber: String?

    init(redirectNumber: String?) { self.redirectNumber = redirectNumber }

    private enum CodingKeys: String, CodingKey { case redirectNumber }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        redirectNumber = try c.lenientString(.redirectNumber)
    }
}

/// `reserveRedirect`: `reserveTimeOut` is sent as a JSON number and read from a number or a string.
struct WireReserveRedirect: Codable, Equatable {
    var reserveNumber: String?
    var reserveTimeOut: Int?
    var ignoreEarlyMedia: Bool?

    init?(_ reserve: ReserveRedirect?) {
        guard let reserve, !reserve.isEmpty else { return nil }
        reserveNumber = reserve.reserveNumber?.digits
        reserveTimeOut = reserve.reserveTimeOut
        ignoreEarlyMedia = reserve.ignoreEarlyMedia
    }

    private enum CodingKeys: String, CodingKey { case reserveNumber, reserveTimeOut, ignoreEarlyMedia }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reserveNumber = try c.lenientString(.reserveNumber)
        reserveTimeOut = try c.lenientInt(.reserveTimeOut)
        ignoreEarlyMedia = try c.lenientBool(.ignoreEarlyMedia)
    }

    func model() throws(WireMappingError) -> ReserveRedirect? {
        let reserve = ReserveRedirect(
            reserveNumber: try WireMappingError.phone(reserveNumber, field: "reserveNumber"),
            reserveTimeOut: reserveTimeOut, ignoreEarlyMedia: ignoreEarlyMedia)
        return reserve.isEmpty ? nil : reserve
    }
}
