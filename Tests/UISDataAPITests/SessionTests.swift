import CTBulkSandbox
import CTBulkTestSupport
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
        let clock = VirtualClock()
        let uis = UISSandboxConfiguration(sessionLifetime: .seconds(4), numberCount: 100)
        try await withUIS(uis, credentials: Self.login, clock: clock) { client, _ in
            _ = try await client.sourcesGroups()
            clock.advance(by: .milliseconds(3999))
            _ = try await client.sourcesGroups()
            #expect(client.statistics.relogins == 0, "1 ms before its end the session is still good")
            clock.advance(by: .milliseconds(1))
            let groups = try await client.sourcesGroups()
            #expect(!groups.records.isEmpty)
            let statistics = client.statistics
            #expect(statistics.relogins == 1)
            #expect(statistics.logins == 2)
            // login, call, call, rejected call, login, repeated call
            #expect(statistics.requests == 6)
        }
    }

    @Test("a session older than the configured lifetime is renewed before use")
    func proactiveRenewal() async throws {
        let clock = VirtualClock()
        try await withUIS(UISSandboxConfiguration(numberCount: 100), credentials: Self.login, clock: clock,
                          configure: { $0.sessionLifetime = .milliseconds(200) }) { client, _ in
            _ = try await client.sourcesGroups()
            clock.advance(by: .milliseconds(199))
            _ = try await client.sourcesGroups()
            #expect(client.statistics.logins == 1)
            clock.advance(by: .milliseconds(1))
            _ = try await client.sourcesGroups()
            #expect(client.statistics.logins == 2)
            #expect(client.statistics.relogins == 0)
        }
    }

    @Test("logout ends the session; the next call logs in again")
    func logout() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 100), credentials: Self.login) { client, _ in
            let session = try await client.login()
            // The sandbox's clock starts at 2026-01-01T00:00:00Z; a session lives one hour.
            #expect(session.expireAt == Double(1_767_225_600 + 3600))
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
