import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A loopback HTTP server that gives every request the same answer (a status, headers, a body) and counts the
/// requests: for what no sandbox does on purpose, such as an API that redirects.
public final class StaticAnswerServer: Sendable {
    private let count = Mutex(0)

    /// Requests answered so far.
    public var requests: Int { count.withLock { $0 } }

    public init() {}

    /// Runs `body` with the base URL (`http://127.0.0.1:PORT`) of a server on an ephemeral loopback port that answers
    /// every request with `status`, a `Location` header when given, and `answer` as the body.
    public func with<T: Sendable>(status: Int, location: String? = nil, answer: String = "",
                                  _ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        var fields = HTTPFields()
        fields[.location] = location
        let answerFields = fields
        let responder: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            self.count.withLock { $0 += 1 }
            return Response(status: .init(code: status), headers: answerFields,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        }
        router.post("**", use: responder)
        router.get("**", use: responder)
        return try await serveOnLoopback(router, body)
    }
}

/// Runs `router` on an ephemeral loopback port for as long as `body` runs, giving `body` the base URL
/// (`http://127.0.0.1:PORT`); shuts the server down gracefully afterwards.
public func serveOnLoopback<T: Sendable>(_ router: Router<BasicRequestContext>,
                                         _ body: @Sendable (String) async throws -> T) async throws -> T {
    var logger = Logger(label: "loopback-server")
    logger.logLevel = .warning
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { channel in
                              continuation.yield(channel.localAddress?.port ?? 0)
                              continuation.finish()
                          }, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result: Result<T, any Error>
        do { result = .success(try await body("http://127.0.0.1:\(port)")) } catch { result = .failure(error) }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}
