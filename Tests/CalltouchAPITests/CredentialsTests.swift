import CTBulkTestSupport
import Foundation
import Testing
@testable import CalltouchAPI

@Suite("Credentials")
struct CredentialsTests {
    @Test("the token never shows in description, debugDescription, reflection or dump")
    func redaction() throws {
        let credentials = Fixtures.credentials()
        var dumped = ""
        dump(credentials, to: &dumped)
        let renderings = [credentials.description, credentials.debugDescription, String(reflecting: credentials),
                          "\(credentials)", String(describing: credentials), dumped,
                          "\(try CalltouchConfiguration(credentials: credentials))"]
        for text in renderings {
            #expect(!text.contains(Fixtures.token), "leaked in: \(text)")
            #expect(text.contains("***"), "no redaction marker in: \(text)")
        }
        #expect(credentials.accessToken == Fixtures.token)
        #expect(credentials.siteId == Fixtures.siteId)
    }

    @Test("values are trimmed; empty or control characters are refused")
    func validation() throws {
        let trimmed = try CalltouchCredentials(accessToken: "  abc\n", siteId: " 7 ")
        #expect(trimmed.accessToken == "abc" && trimmed.siteId == "7")
        for (token, site) in [("", "1"), ("   ", "1"), ("a\u{1}b", "1"), ("a\nb", "1"), ("abc", ""), ("abc", "1\r2")] {
            #expect(throws: CalltouchConfigurationError.self) { try CalltouchCredentials(accessToken: token, siteId: site) }
        }
    }

    @Test("from the environment")
    func environment() throws {
        let credentials = try CalltouchCredentials.fromEnvironment(
            ["CALLTOUCH_ACCESS_TOKEN": "tok\n", "CALLTOUCH_SITE_ID": "42"])
        #expect(credentials.accessToken == "tok" && credentials.siteId == "42")

        let noToken = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromEnvironment(["CALLTOUCH_SITE_ID": "42"])
        }
        #expect(noToken?.category == .missingCredential)
        #expect(noToken?.message.contains("CALLTOUCH_ACCESS_TOKEN") == true)

        let noSite = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromEnvironment(["CALLTOUCH_ACCESS_TOKEN": "tok", "CALLTOUCH_SITE_ID": " "])
        }
        #expect(noSite?.category == .missingCredential)
        #expect(noSite?.message.contains("CALLTOUCH_SITE_ID") == true)
    }

    @Test("a private token file is read and its trailing newline trimmed; it wins over the environment")
    func privateTokenFile() throws {
        let directory = TempDir().url
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("token")
        try Fixtures.writeFile("file-token\n", at: file, mode: 0o600)
        let credentials = try CalltouchCredentials.fromTokenFile(file.path, siteId: "9")
        #expect(credentials.accessToken == "file-token")
        let resolved = try CalltouchCredentials.resolve(
            tokenFile: file.path, siteId: nil,
            environment: ["CALLTOUCH_ACCESS_TOKEN": "env-token", "CALLTOUCH_SITE_ID": "3"])
        #expect(resolved.accessToken == "file-token" && resolved.siteId == "3")
        try Fixtures.writeFile("owner-only-read\r\n", at: file, mode: 0o400)
        #expect(try CalltouchCredentials.fromTokenFile(file.path, siteId: "9").accessToken == "owner-only-read")
    }

    @Test("a token file open to group or others is refused, naming the path and not the token",
          arguments: [0o640, 0o604, 0o644, 0o620, 0o602, 0o660, 0o666, 0o700 | 0o010, 0o601])
    func openTokenFile(mode: Int) throws {
        let directory = TempDir().url
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("token")
        try Fixtures.writeFile(Fixtures.token, at: file, mode: mode)
        let error = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromTokenFile(file.path, siteId: "9")
        }
        #expect(error?.category == .tokenFilePermissions)
        #expect(error?.path == file.path)
        #expect(error?.description.contains(file.path) == true)
        #expect(error?.description.contains(Fixtures.token) == false)
    }

    @Test("a missing, empty or non-regular token file is refused, naming the path")
    func unusableTokenFile() throws {
        let directory = TempDir().url
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing").path
        let missingError = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromTokenFile(missing, siteId: "9")
        }
        #expect(missingError?.category == .tokenFileUnreadable)
        #expect(missingError?.description.contains(missing) == true)

        let empty = directory.appendingPathComponent("empty")
        try Fixtures.writeFile("\n", at: empty, mode: 0o600)
        let emptyError = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromTokenFile(empty.path, siteId: "9")
        }
        #expect(emptyError?.category == .invalidCredential)
        #expect(emptyError?.path == empty.path)

        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        let dirError = #expect(throws: CalltouchConfigurationError.self) {
            try CalltouchCredentials.fromTokenFile(directory.path, siteId: "9")
        }
        #expect(dirError?.category == .tokenFileUnreadable)
    }
}
