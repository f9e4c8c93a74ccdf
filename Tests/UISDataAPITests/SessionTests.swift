import CTBulkSandbox
import Testing
import UISDataAPI

@Suite("login.user sessions over real HTTP")
struct SessionTests {
    static let login = UISCredentials.login(user: "sandbox", password: "sandbox-password")

    @Test("a login session is opened on first use and reused")
    func loginOnce() async throws {
        try await withUIS(credentials: Self.login) { client, _ in
            _ = try await client.sourcesGroups()
            _ = try await client.virtualNumbers(UISQuery(limit: 5))
            #expect(client.statistics.logins == 1)
            #expect(client.statistics.requests == 3)
        }
    }

    @Test("when the server says the session expired, the client logs in again and repeats the call")
    func reloginOnExpiry() async throws {
        // Long enough that the fresh session outlives the repeated call on a loaded machine.
        let uis = UISSandboxConfiguration(sessionLifetime: .seconds(4), numberCount: 100)
        try await withUIS(uis, credentials: Self.login) { client, _ in
            _ = try await client.sourcesGroups()
            try await Task.sleep(for: .milliseconds(4300))
            let groups = try await client.sourcesGroups()
            #expect(!groups.records.isEmpty)
            // Every rejected session led to exactly one new login (more than one only on a very slow machine).
            let statistics = client.statistics
            #expect(statistics.relogins >= 1)
            #expect(statistics.logins == statistics.relogins + 1)
        }
    }

    @Test("a session older than the configured lifetime is renewed before use")
    func proactiveRenewal() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 100), credentials: Self.login,
                          configure: { $0.sessionLifetime = .milliseconds(200) }) { client, _ in
            _ = try await client.sourcesGroups()
            try await Task.sleep(for: .milliseconds(300))
            _ = try await client.sourcesGroups()
            #expect(client.statistics.logins == 2)
            #expect(client.statistics.relogins == 0)
        }
    }

    @Test("logout ends the session; the next call logs in again")
    func logout() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 100), credentials: Self.login) { client, _ in
            let session = try await client.login()
            #expect(session.expireAt != nil)
            #expect(session.appID == 1)
            try await client.logout()
            _ = try await client.sourcesGroups()
            #expect(client.statistics.logins == 2)
        }
    }

    @Test("a wrong password is auth_error and is not retried; the password never shows")
    func wrongPassword() async throws {
        try await withUIS(credentials: .login(user: "sandbox", password: "not-the-password")) { client, _ in
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .authError)
            #expect(error?.isAuthentication == true)
            #expect(error?.description.contains("not-the-password") == false)
            #expect(client.statistics.requests == 1)
        }
    }
}
