import CTBulkCore

/// The body of `update` and `create`: exactly the documented shape, unset objects and fields left out.
struct WireSettingsRequest: Encodable, Equatable {
    var phoneNumber: String
    var displayOptions: WireDisplayOptions?
    var redirectOptions: WireRedirectOptions?
    var poolName: String?

    init(number: PhoneNumber, settings: NumberSettings) {
        phoneNumber = number.digits
        if let display = settings.displayOptions, !display.isEmpty {
            displayOptions = WireDisplayOptions(display)
        }
        redirectOptions = WireRedirectOptions(settings.redirectOptions)
        poolName = settings.poolName
    }
}
