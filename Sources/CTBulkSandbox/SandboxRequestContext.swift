import Hummingbird
import NIOCore

/// The request context of the sandbox's router: Hummingbird's core storage plus the connection, whose remote
/// address keys the rate limit and which a dropped-connection fault closes.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client connection.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// The client's IP address (the rate limit is per address, not per connection).
    var clientAddress: String { channel.remoteAddress?.ipAddress ?? "unknown" }
}
