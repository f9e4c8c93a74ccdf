/// The body of `delete`: `{ "phoneNumber": "79001112233" }`.
struct WirePhoneNumberRequest: Encodable, Equatable {
    var phoneNumber: String
}
