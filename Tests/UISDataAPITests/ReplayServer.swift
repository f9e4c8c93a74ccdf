import CTBulkTestSupport
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A loopback server that answers every `POST /<file>/<key>/v2.0` with a fixture from `Fixtures/`: the whole file
/// `<file>.json` when `key` is `-`, else the member `key` of the JSON object in it. It replays answers taken from the
/// documentation as they are, so the client is checked against the documentation rather than against our sandbox.
enum ReplayServer {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The answer bytes for `file` and `key`, or nil when there is no such fixture.
    static func answer(file: String, key: String) -> Data? {
        guard file.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              let data = try? Data(contentsOf: fixtures.appendingPathComponent(file + ".json")) else { return nil }
        guard key != "-" else { return data }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let member = object[key],
              let bytes = try? JSONSerialization.data(withJSONObject: member) else { return nil }
        return bytes
    }

    /// Runs `body` with the base URL (`http://127.0.0.1:PORT`) of a server on an ephemeral loopback port.
    static func with<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/:file/:key/v2.0") { _, context -> Response in
            let file = context.parameters.get("file") ?? ""
            let key = context.parameters.get("key") ?? ""
            guard let data = answer(file: file, key: key) else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=UTF-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        return try await serveOnLoopback(router, body)
    }
}
