import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

@Suite("Admin routes") struct AdminRouteTests {
    @Test("GET /_sandbox/state: every number, sorted, in the list shape")
    func state() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.admin(sandbox, .GET, "state")
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "Content-Type") == "application/json")
            let records = try answer.decode([ListRecord].self)
            #expect(records.count == 32)
            #expect(records.map(\.phoneNumber) == records.map(\.phoneNumber).sorted())
            #expect(records.first?.phoneNumber == "79990000001")
            #expect(records.last?.phoneNumber == "79990000119")
            #expect(records.filter { $0.displayOptions != nil }.count == 8)
            // Same shape as list.
            let listed = try await Wire.list(sandbox, ["79990000008"])
            #expect(records.first { $0.phoneNumber == "79990000008" } == listed.first)
            // Free numbers: explicit nulls.
            #expect(answer.text.contains(#""displayOptions":null"#))
        }
    }

    @Test("GET /_sandbox/stats has the documented keys")
    func statsShape() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            _ = try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000005","poolName":"Новый"}"#)
            _ = try await Wire.call(sandbox, .list, "{}")
            let object = try #require(try await Wire.admin(sandbox, .GET, "stats").object)
            let requests = try #require(object["requests"] as? [String: Int])
            #expect(requests["update"] == 1)
            #expect(requests["list"] == 1)
            #expect(requests["create"] == 0)
            #expect(Set(requests.keys) == ["update", "create", "list", "delete", "call-redirect-list", "uis"])
            let rejected = try #require(object["rejected"] as? [String: Int])
            #expect(rejected == ["rate_limit": 0, "budget": 0, "auth": 0, "invalid": 1])
            let writes = try #require(object["writes"] as? [String: [String: Int]])
            #expect(writes == ["79990000005": ["create": 0, "update": 1, "delete": 0]])
            let points = try #require(object["points"] as? [String: Int])
            #expect(points == ["used": 1, "budget": 100_000])
            let faults = try #require(object["faults"] as? [String: Int])
            #expect(faults == ["5xx": 0, "hang": 0, "drop": 0, "malformed": 0])
            #expect((object["fault_events"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("PUT /_sandbox/numbers/<n> sets a number by hand, creating it; {} or null frees it")
    func putNumber() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            var answer = try await Wire.admin(sandbox, .PUT, "numbers/79990000001",
                body: #"{"poolName":"Ручной","displayOptions":{"source":"cabinet"},"redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000005"},"reserveRedirect":{"reserveNumber":"74950000006","reserveTimeOut":20}}}"#)
            #expect(answer.status == 200)
            let record = try answer.decode(ListRecord.self)
            #expect(record.poolName == "Ручной")
            #expect(record.redirectOptions?.reserveRedirect?.ignoreEarlyMedia == true)
            #expect(try await Wire.list(sandbox, ["79990000001"]).first == record)

            // An absent number is created.
            answer = try await Wire.admin(sandbox, .PUT, "numbers/79991234567", body: #"{"displayOptions":{"source":"x"}}"#)
            #expect(answer.status == 200)
            #expect(sandbox.settings(of: phone("79991234567"))??.displayOptions?.source == "x")
            answer = try await Wire.admin(sandbox, .PUT, "numbers/79991234568", body: "null")
            #expect(answer.status == 200)
            #expect(sandbox.settings(of: phone("79991234568")) == .some(nil))

            // {} and null free a used number.
            for body in ["{}", "null"] {
                #expect(try await Wire.admin(sandbox, .PUT, "numbers/79990000005", body: body).status == 200)
                #expect(sandbox.settings(of: phone("79990000005")) == .some(nil))
                #expect(try await Wire.admin(sandbox, .PUT, "numbers/79990000005",
                                             body: #"{"displayOptions":{"source":"y"}}"#).status == 200)
            }

            // Refusals.
            answer = try await Wire.admin(sandbox, .PUT, "numbers/12345", body: "{}")
            #expect(answer.status == 400)
            answer = try await Wire.admin(sandbox, .PUT, "numbers/79990000006", body: #"{"displayOptions":{"medium":"x"}}"#)
            #expect(answer.error?.field == "displayOptions.source")
            answer = try await Wire.admin(sandbox, .PUT, "numbers/79990000006", body: #"{"poolName":"Без отображения"}"#)
            #expect(answer.error?.field == "displayOptions")
            answer = try await Wire.admin(sandbox, .PUT, "numbers/79990000006", body: #"{"phoneNumber":"79990000007","poolName":"X","displayOptions":{"source":"s"}}"#)
            #expect(answer.error?.field == "phoneNumber")
            #expect(sandbox.settings(of: phone("79990000006"))??.poolName == "Осень")

            // Hand edits are not API writes and cost no points.
            #expect(sandbox.stats().writes.isEmpty)
            #expect(sandbox.stats().points.used == 1)  // the one list
        }
    }

    @Test("DELETE /_sandbox/numbers/<n> removes a number from the account")
    func deleteNumber() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            #expect(try await Wire.admin(sandbox, .DELETE, "numbers/79990000005").status == 200)
            #expect(sandbox.settings(of: phone("79990000005")) == nil)
            #expect(try await Wire.list(sandbox, ["79990000005", "79990000006"]).map(\.phoneNumber) == ["79990000006"])
            #expect(try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000005","poolName":"X"}"#).status == 404)
            let again = try await Wire.admin(sandbox, .DELETE, "numbers/79990000005")
            #expect(again.status == 404)
            #expect(again.error?.error == "number_not_found")
        }
    }

    @Test("POST /_sandbox/reset restores state, counters, budget and settings")
    func reset() async throws {
        var configuration = SandboxConfiguration.demoUnlimited()
        configuration.pointsBudget = 10
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let before = sandbox.numbers()
            #expect(try await Wire.call(sandbox, .delete, #"{"phoneNumber":"79990000005"}"#).status == 200)
            #expect(try await Wire.admin(sandbox, .DELETE, "numbers/79990000006").status == 200)
            #expect(try await Wire.admin(sandbox, .POST, "budget", body: #"{"budget":99}"#).status == 200)
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"latencyMs":5,"rateLimit":3}"#).status == 200)
            #expect(sandbox.numbers() != before)

            let answer = try await Wire.admin(sandbox, .POST, "reset")
            #expect(answer.status == 200)
            #expect(sandbox.numbers() == before)
            let stats = try await Wire.stats(sandbox)
            #expect(stats == SandboxStats(budget: 10))
            let config = try #require(try await Wire.admin(sandbox, .GET, "config").object)
            #expect(config["latencyMs"] as? Int == 0)
            #expect(config["rateLimit"] is NSNull)
        }
    }

    @Test("the UIS Data API fake is served at POST /v2.0 with a JSON answer")
    func uisRoute() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.send(sandbox, method: .POST, path: "/v2.0",
                body: #"{"jsonrpc":"2.0","id":1,"method":"get.account","params":{"access_token":"nope"}}"#,
                headers: [("Content-Type", "application/json")])
            #expect(answer.headers.first(name: "Content-Type") == "application/json")
            #expect(answer.isJSON)
            #expect(answer.text.contains("jsonrpc"))
            #expect(sandbox.stats().requests["uis"] == 1)
        }
    }
}

@Suite("Unknown routes") struct UnknownRouteTests {
    @Test("an unknown path gets a JSON 404 unknown_path, distinct from number_not_found")
    func unknownPath() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            for (method, path) in [("POST", "/phone-service/v1/api/calltracking/ad-platform/phone/upsert"),
                                   ("GET", "/phone-service/v1/api/calltracking/ad-platform/phone/list"),
                                   ("GET", "/_sandbox/nothing")] {
                let answer = try await Wire.send(sandbox, method: .init(rawValue: method), path: path, body: "{}")
                #expect(answer.status == 404, "\(method) \(path)")
                #expect(answer.error?.error == "unknown_path")
                #expect(answer.error?.message.contains(path) == true)
            }
        }
    }
}
