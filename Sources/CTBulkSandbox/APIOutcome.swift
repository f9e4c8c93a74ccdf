/// What the HTTP layer must do with one Calltouch request after the state has processed it.
enum APIOutcome: Sendable, Equatable {
    /// Send this answer.
    case respond(WireResponse)
    /// Hold the request, then close the connection without an answer.
    case hang
    /// Close the connection: after a head and part of a body when `partial`, else before sending anything.
    case drop(partial: Bool)
}
