import Testing
@testable import CalltouchAPI

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults")
    func defaults() throws {
        let configuration = try CalltouchConfiguration(credentials: Fixtures.credentials())
        #expect(configuration.baseURL == "https://api.calltouch.ru")
        #expect(configuration.readBatchSize == 50)
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(configuration.readTimeout == .seconds(30))
        #expect(configuration.siteId == Fixtures.siteId)
        #expect(configuration.url(for: .update)
            == "https://api.calltouch.ru/phone-service/v1/api/calltracking/ad-platform/phone/update")
        #expect(configuration.url(for: .create)
            == "https://api.calltouch.ru/phone-service/v1/api/calltracking/ad-platform/phone/create")
        #expect(configuration.url(for: .list)
            == "https://api.calltouch.ru/phone-service/v1/api/calltracking/ad-platform/phone/list")
        #expect(configuration.url(for: .delete)
            == "https://api.calltouch.ru/phone-service/v1/api/calltracking/ad-platform/phone/delete")
        #expect(configuration.url(for: .redirectList)
            == "https://api.calltouch.ru/phone-service/v1/api/calltracking/call-redirect/list")
        let http = configuration.httpClientConfiguration
        #expect(http.timeout.connect == .seconds(10))
        #expect(http.timeout.read == .seconds(30))
    }

    @Test("paths are configurable; a trailing slash on the base URL is dropped")
    func customPaths() throws {
        var paths = CalltouchPaths(create: "custom/create")
        paths.list = "/x/list"
        let configuration = try CalltouchConfiguration(baseURL: "https://example.org/api/", credentials: Fixtures.credentials(),
                                                       paths: paths)
        #expect(configuration.url(for: .create) == "https://example.org/api/custom/create")
        #expect(configuration.url(for: .list) == "https://example.org/api/x/list")
    }

    @Test("plain http is allowed to loopback hosts", arguments: [
        "http://127.0.0.1:8080", "http://127.255.3.4", "http://localhost:1", "http://LOCALHOST", "http://[::1]:8080",
        "http://[0:0:0:0:0:0:0:1]", "http://[::ffff:127.0.0.1]:80", "https://example.org",
    ])
    func loopbackAllowed(url: String) throws {
        _ = try CalltouchConfiguration(baseURL: url, credentials: Fixtures.credentials())
    }

    @Test("plain http elsewhere is refused with insecureBaseURL", arguments: [
        "http://api.calltouch.ru", "http://128.0.0.1", "http://10.0.0.1:8080", "http://localhost.example.com",
        "http://127.0.0.1.nip.io", "http://0.0.0.0", "http://[::2]", "http://[::ffff:10.0.0.1]",
    ])
    func insecureRefused(url: String) {
        let error = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchConfiguration(baseURL: url, credentials: Fixtures.credentials())
        }
        #expect(error?.category == .insecureBaseURL)
    }

    @Test("unusable URLs and settings are refused", arguments: [
        "ftp://127.0.0.1", "not a url", "", "https://", "https://user:pw@example.org", "https://example.org/?q=1",
    ])
    func invalidURL(url: String) {
        let error = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchConfiguration(baseURL: url, credentials: Fixtures.credentials())
        }
        #expect(error?.category == .invalidBaseURL)
    }

    @Test("batch size and timeouts must be positive")
    func invalidSettings() {
        #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchConfiguration(credentials: Fixtures.credentials(), readBatchSize: 0)
        }
        #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchConfiguration(credentials: Fixtures.credentials(), connectTimeout: .zero)
        }
        #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchConfiguration(credentials: Fixtures.credentials(), readTimeout: .seconds(-1))
        }
    }
}
