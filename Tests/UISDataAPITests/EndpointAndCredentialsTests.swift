import Foundation
import Testing
import UISDataAPI

@Suite("Endpoint and credentials")
struct EndpointAndCredentialsTests {
    @Test("hosts and URLs become the v2.0 endpoint", arguments: [
        ("dataapi.uiscom.ru", "https://dataapi.uiscom.ru/v2.0"),
        ("uis", "https://dataapi.uiscom.ru/v2.0"),
        ("comagic", "https://dataapi.comagic.ru/v2.0"),
        ("https://dataapi.comagic.ru", "https://dataapi.comagic.ru/v2.0"),
        ("https://dataapi.comagic.ru/", "https://dataapi.comagic.ru/v2.0"),
        ("https://dataapi.uiscom.ru/v2.0/", "https://dataapi.uiscom.ru/v2.0"),
        ("http://127.0.0.1:8080/v2.0", "http://127.0.0.1:8080/v2.0"),
        ("http://localhost:9", "http://localhost:9/v2.0"),
        ("http://[::1]:8080", "http://[::1]:8080/v2.0"),
        ("dataapi.example.org:8443/v2.1", "https://dataapi.example.org:8443/v2.1"),
    ])
    func endpoints(_ text: String, _ url: String) throws {
        #expect(try UISEndpoint(text).url == url)
    }

    @Test("plain http is refused unless loopback; garbage is refused", arguments: [
        ("http://dataapi.uiscom.ru/v2.0", UISError.Kind.insecureEndpoint),
        ("http://10.0.0.1", .insecureEndpoint),
        ("ftp://dataapi.uiscom.ru", .invalidEndpoint),
        ("https://user:pass@dataapi.uiscom.ru", .invalidEndpoint),
        ("", .invalidEndpoint),
        ("https://", .invalidEndpoint),
        ("https://host name", .invalidEndpoint),
        ("https://host/v2.0?x=1", .invalidEndpoint),
    ])
    func refused(_ text: String, _ kind: UISError.Kind) {
        do {
            _ = try UISEndpoint(text)
            Issue.record("\(text) accepted")
        } catch let error as UISError {
            #expect(error.kind == kind)
        } catch {
            Issue.record("\(error)")
        }
    }

    static func tokenFile(_ text: String, mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("uis-token-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test("a token file readable by group or others is refused; an owner-only one is read")
    func tokenFiles() throws {
        let open = try Self.tokenFile("secret-1\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: open) }
        #expect(throws: UISError.self) { try UISCredentials.readTokenFile(open) }
        do {
            _ = try UISCredentials.readTokenFile(open)
        } catch let error as UISError {
            #expect(error.kind == .tokenFileInsecure)
            #expect(error.details["mode"] == "644")
            #expect(error.message(.en).contains("chmod 600"))
            #expect(!error.description.contains("secret-1"))
        }
        let groupOnly = try Self.tokenFile("secret-2", mode: 0o640)
        defer { try? FileManager.default.removeItem(atPath: groupOnly) }
        #expect(throws: UISError.self) { try UISCredentials.readTokenFile(groupOnly) }

        let safe = try Self.tokenFile("\n  secret-3  \n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: safe) }
        #expect(try UISCredentials.readTokenFile(safe) == "secret-3")

        let empty = try Self.tokenFile("\n\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        do {
            _ = try UISCredentials.readTokenFile(empty)
            Issue.record("empty file accepted")
        } catch let error as UISError {
            #expect(error.kind == .tokenFileUnreadable)
        }
        do {
            _ = try UISCredentials.readTokenFile("/nonexistent/uis-token")
            Issue.record("missing file accepted")
        } catch let error as UISError {
            #expect(error.kind == .tokenFileUnreadable)
        }
    }

    @Test("credentials: token file, then --login with UIS_PASSWORD, then UIS_ACCESS_TOKEN")
    func resolution() throws {
        let file = try Self.tokenFile("from-file", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let env = ["UIS_ACCESS_TOKEN": "from-env", "UIS_PASSWORD": "pw"]
        #expect(try UISCredentials.resolve(environment: env, tokenFile: file, login: "me") == .accessToken("from-file"))
        #expect(try UISCredentials.resolve(environment: env, login: "me") == .login(user: "me", password: "pw"))
        #expect(try UISCredentials.resolve(environment: env) == .accessToken("from-env"))
        #expect(throws: UISError.self) { try UISCredentials.resolve(environment: [:]) }
        #expect(throws: UISError.self) { try UISCredentials.resolve(environment: ["UIS_ACCESS_TOKEN": "x"], login: "me") }
        #expect(UISCredentials.login(user: "me", password: "pw").description == "login.user session (redacted)")
    }
}
