import CTBulkCore
import CTBulkTestSupport
import Testing
@testable import CalltouchAPI

@Suite("Error classification")
struct ErrorClassificationTests {
    @Test("status first, body second", arguments: [
        (200, "", nil),
        (204, "", nil),
        (401, #"{"error":"unauthorized","message":"bad token"}"#, CalltouchError.Category.authentication),
        (403, #"{"error":"forbidden","message":"site not allowed"}"#, .authentication),
        (403, #"{"error":"points_exhausted","message":"daily points are spent"}"#, .budgetExhausted),
        (403, #"{"message":"Budget exceeded"}"#, .budgetExhausted),
        (403, #"{"message":"Недостаточно баллов"}"#, .budgetExhausted),
        (403, #"{"message":"daily limit reached"}"#, .budgetExhausted),
        (403, #"{"message":"access to this endpoint is forbidden"}"#, .authentication),
        (403, #"{"message":"unlimited plan required"}"#, .authentication),
        (403, "", .authentication),
        (429, #"{"error":"too_many_requests"}"#, .rateLimited),
        (400, #"{"error":"invalid_request"}"#, .invalidData),
        (400, #"{"error":"number_is_free"}"#, .invalidData),
        (404, #"{"error":"number_not_found"}"#, .invalidData),
        (409, "", .invalidData),
        (422, "", .invalidData),
        (408, "", .transport),
        (500, "", .server),
        (502, "<html>bad gateway</html>", .server),
        (503, "", .server),
        (504, "", .server),
        (301, "", .redirected),
        (302, "", .redirected),
        (307, "", .redirected),
        (308, "<html>moved</html>", .redirected),
        (100, "", .server),
    ] as [(Int, String, CalltouchError.Category?)])
    func classify(status: Int, body: String, expected: CalltouchError.Category?) {
        #expect(CalltouchError.category(forStatus: status, body: body) == expected)
    }

    @Test("what each category means for a run")
    func retryAndStop() {
        let retryable = Set(CalltouchError.Category.allCases.filter(\.isRetryable))
        #expect(retryable == [.rateLimited, .server, .transport])
        let stopping = Set(CalltouchError.Category.allCases.filter(\.stopsRun))
        #expect(stopping == [.authentication, .budgetExhausted, .cancelled, .redirected])
        let error = CalltouchError(.rateLimited, endpoint: .update, detail: "HTTP 429")
        #expect(error.isRetryable && !error.stopsRun)
    }

    @Test("description names endpoint, number, category, status, retry-after and body on one line")
    func description() {
        let error = CalltouchError(.rateLimited, endpoint: .update, phoneNumber: phone("79001112233"),
                                   status: 429, body: "{\"error\":\n\"too_many_requests\"}",
                                   retryAfter: .seconds(1), detail: "HTTP 429", attempts: 3)
        let text = error.description
        #expect(text.hasPrefix("calltouch update 79001112233: rate limited (HTTP 429, retry after 1.0 seconds, 3 attempts)"))
        #expect(text.contains(#"body: {"error": "too_many_requests"}"#))
        #expect(!text.contains("\n"))
    }

    @Test("the stored body is cut at a character boundary")
    func truncation() {
        let long = String(repeating: "я", count: 3000)  // 6000 bytes
        let error = CalltouchError(.server, endpoint: .list, status: 500, body: long, detail: "HTTP 500")
        let body = error.body!
        #expect(body.hasSuffix("… (6000 bytes)"))
        #expect(body.utf8.count <= CalltouchError.maxStoredBodyBytes + 20)
        #expect(!body.contains("\u{FFFD}"))
        #expect(body.hasPrefix(String(repeating: "я", count: 1024)))
        let short = CalltouchError(.server, endpoint: .list, body: "short", detail: "")
        #expect(short.body == "short")
    }

    @Test("errors built by the client are scrubbed of the token")
    func scrubbing() throws {
        let configuration = try CalltouchConfiguration(credentials: Fixtures.credentials())
        let client = CalltouchClient(configuration: configuration, httpClient: .shared, gate: UnlimitedGate())
        let echoed = Array("{\"error\":\"unauthorized\",\"token\":\"\(Fixtures.token)\"}".utf8)
        let error = client.failure(.authentication, .update, nil, status: 401, body: echoed,
                                   detail: "token \(Fixtures.token) refused")
        #expect(!error.description.contains(Fixtures.token))
        #expect(!(error.body ?? "").contains(Fixtures.token))
        #expect(error.body?.contains("***") == true)
        #expect(!error.detail.contains(Fixtures.token))
    }
}
