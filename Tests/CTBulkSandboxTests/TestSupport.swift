import AsyncHTTPClient
import CTBulkCore
import CTBulkSandbox
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// One HTTP answer, read completely.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded as `T` (throws when it is not).
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(body)) }

    /// The body as a JSON object (dictionary), or nil.
    var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    /// Whether the body is valid JSON.
    var isJSON: Bool { (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) != nil }

    /// The `{"error", "message", "field"}` body.
    var error: ErrorBody? { try? decode(ErrorBody.self) }
}

/// The sandbox's error body.
struct ErrorBody: Decodable, Equatable {
    var error: String
    var message: String
    var field: String?
}

/// A list record as the wire shows it.
struct ListRecord: Decodable, Equatable {
    struct Display: Decodable, Equatable {
        var source: String?
        var medium: String?
        var campaign: String?
        var content: String?
        var keyword: String?
    }
    struct Redirect: Decodable, Equatable {
        struct PTSN: Decodable, Equatable { var redirectNumber: String }
        struct Reserve: Decodable, Equatable {
            var reserveNumber: String
            var reserveTimeOut: Int
            var ignoreEarlyMedia: Bool
        }
        var redirectType: String
        var ptsnOptions: PTSN
        var reserveRedirect: Reserve?
    }
    var phoneNumber: String
    var poolName: String?
    var displayOptions: Display?
    var redirectOptions: Redirect?
}

/// A `call-redirect/list` record.
struct RedirectRecordBody: Decodable, Equatable {
    var redirectId: Int
    var redirectName: String
    var redirectStatus: String
    var phoneNumber: String
    var poolName: String?
}

/// Calls over real HTTP.
enum Wire {
    static let client = HTTPClient.shared

    /// A Calltouch call with the default credentials unless others are given.
    static func call(_ sandbox: RunningSandbox, _ endpoint: SandboxEndpoint, _ json: String,
                     token: String? = SandboxConfiguration.defaultAccessToken,
                     siteID: String? = SandboxConfiguration.defaultSiteID,
                     timeout: TimeAmount = .seconds(20)) async throws -> HTTPAnswer {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let token { headers.append(("Access-Token", token)) }
        if let siteID { headers.append(("SiteId", siteID)) }
        return try await send(sandbox, method: .POST, path: endpoint.path, body: json, headers: headers, timeout: timeout)
    }

    /// Any request.
    static func send(_ sandbox: RunningSandbox, method: HTTPMethod, path: String, body: String? = nil,
                     headers: [(String, String)] = [], timeout: TimeAmount = .seconds(20)) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: sandbox.baseURL.absoluteString + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers,
                          body: Array(buffer.readableBytesView))
    }

    /// An admin call.
    static func admin(_ sandbox: RunningSandbox, _ method: HTTPMethod, _ path: String,
                      body: String? = nil) async throws -> HTTPAnswer {
        try await send(sandbox, method: method, path: "/_sandbox/" + path, body: body)
    }

    /// `list` of some numbers, decoded.
    static func list(_ sandbox: RunningSandbox, _ numbers: [String]) async throws -> [ListRecord] {
        let body = try JSONSerialization.data(withJSONObject: ["phoneNumbers": numbers])
        let answer = try await call(sandbox, .list, String(decoding: body, as: UTF8.self))
        try #require(answer.status == 200, "list answered \(answer.status): \(answer.text)")
        return try answer.decode([ListRecord].self)
    }

    /// The stats over HTTP.
    static func stats(_ sandbox: RunningSandbox) async throws -> SandboxStats {
        try await admin(sandbox, .GET, "stats").decode(SandboxStats.self)
    }
}

/// A phone number from its digits.
func phone(_ digits: String) -> PhoneNumber { PhoneNumber(canonical: digits)! }

/// The demo configuration without a rate limit (functional tests send many requests).
func demoUnlimited() -> SandboxConfiguration {
    var configuration = SandboxConfiguration.demo
    configuration.rateLimit = nil
    return configuration
}
