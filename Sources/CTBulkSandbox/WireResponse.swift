/// An answer of the fake API before it becomes an HTTP response.
struct WireResponse: Sendable, Equatable {
    var status: Int
    var body: [UInt8]
    /// Whether the body is (or pretends to be) JSON: sets `Content-Type: application/json`.
    var isJSON: Bool
    /// Whether to send `Retry-After: 1`.
    var retryAfter = false

    /// 200 with an empty body: the documented success of a write.
    static let emptyOK = WireResponse(status: 200, body: [], isJSON: false)

    /// 200 with a JSON body.
    static func json(_ body: [UInt8], status: Int = 200) -> WireResponse {
        WireResponse(status: status, body: body, isJSON: true)
    }

    /// The answer for an error.
    static func error(_ error: WireError) -> WireResponse {
        WireResponse(status: error.status, body: error.body, isJSON: true)
    }
}
