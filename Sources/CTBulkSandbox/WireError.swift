#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error answer of the fake API: an HTTP status and the body `{"error": code, "message": ..., "field": ...}`
/// (`field` only for `invalid_request` answers about one field).
struct WireError: Error, Equatable, Sendable {
    var status: Int
    var code: String
    var message: String
    var field: String?

    /// 400 `invalid_request` about `field` (the message names it too).
    static func invalid(_ message: String, field: String?) -> WireError {
        WireError(status: 400, code: "invalid_request", message: message, field: field)
    }

    /// The JSON body.
    var body: [UInt8] {
        struct Body: Encodable {
            var error: String
            var message: String
            var field: String?
        }
        return WireJSON.encode(Body(error: code, message: message, field: field))
    }
}
