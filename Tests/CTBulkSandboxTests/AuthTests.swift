import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("Authentication") struct AuthTests {
    @Test("a wrong token, a wrong site id or missing headers get 401 unauthorized and change nothing")
    func refused() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let update = #"{"phoneNumber":"79990000005","poolName":"Чужой"}"#
            let cases: [(String?, String?)] = [("wrong", "1"), ("sandbox-token", "2"), (nil, "1"), ("sandbox-token", nil),
                                               (nil, nil), ("Sandbox-Token", "1")]
            for (token, site) in cases {
                let answer = try await Wire.call(sandbox, .update, update, token: token, siteID: site)
                #expect(answer.status == 401, "token \(token ?? "nil"), site \(site ?? "nil")")
                #expect(answer.error?.error == "unauthorized")
                #expect(answer.headers.first(name: "Content-Type") == "application/json")
            }
            #expect(sandbox.settings(of: phone("79990000005"))??.poolName == "Осень")
            let stats = try await Wire.stats(sandbox)
            #expect(stats.rejected.auth == cases.count)
            #expect(stats.points.used == 0)
            #expect(stats.requests["update"] == cases.count)
        }
    }

    @Test("only the configured token and site id are accepted")
    func customCredentials() async throws {
        var configuration = SandboxConfiguration.demoUnlimited()
        configuration.accessToken = "t0ken-42"
        configuration.siteID = "777"
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let list = #"{"phoneNumbers":["79990000001"]}"#
            #expect(try await Wire.call(sandbox, .list, list).status == 401)
            #expect(try await Wire.call(sandbox, .list, list, token: "t0ken-42", siteID: "1").status == 401)
            #expect(try await Wire.call(sandbox, .list, list, token: "t0ken-42", siteID: "777").status == 200)
        }
    }

    @Test("admin routes need no token")
    func adminOpen() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            #expect(try await Wire.admin(sandbox, .GET, "state").status == 200)
            #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200)
        }
    }
}
