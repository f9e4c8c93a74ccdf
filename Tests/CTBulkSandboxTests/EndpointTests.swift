import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

@Suite("Calltouch endpoints") struct EndpointTests {
    // MARK: list

    @Test("list answers the asked numbers in request order, with explicit nulls for a free number")
    func listShapes() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .list,
                #"{"phoneNumbers":["79990000008","79990000001","70000000000","79990000009","79990000008"]}"#)
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "Content-Type") == "application/json")
            let records = try answer.decode([ListRecord].self)
            #expect(records.map(\.phoneNumber) == ["79990000008", "79990000001", "79990000009"])

            let used = records[0]
            #expect(used.poolName == "Осень")
            #expect(used.displayOptions == .init(source: "yandex", medium: "cpc", campaign: "autumn"))
            #expect(used.redirectOptions?.redirectType == "PSTN")
            #expect(used.redirectOptions?.ptsnOptions.redirectNumber == "74950000001")
            #expect(used.redirectOptions?.reserveRedirect == .init(reserveNumber: "74950000002", reserveTimeOut: 30,
                                                                   ignoreEarlyMedia: true))
            #expect(records[2].redirectOptions?.reserveRedirect == nil)
            #expect(records[2].poolName == "Весна")

            // The free number: every key present and null.
            let raw = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [[String: Any]])
            let free = raw[1]
            #expect(free["phoneNumber"] as? String == "79990000001")
            for key in ["poolName", "displayOptions", "redirectOptions"] {
                #expect(free.keys.contains(key) && free[key] is NSNull, "\(key) of a free number")
            }
            let redirect = try #require(raw[2]["redirectOptions"] as? [String: Any])
            #expect(redirect.keys.contains("reserveRedirect") && redirect["reserveRedirect"] is NSNull)
        }
    }

    @Test("list refuses more than 100 numbers, bad numbers and a missing array", arguments: [
        (#"{"phoneNumbers":[\#((0..<101).map { "\"7999000\(String(format: "%04d", $0))\"" }.joined(separator: ","))]}"#, "phoneNumbers"),
        (#"{"phoneNumbers":["79990000001","8999000000"]}"#, "phoneNumbers[1]"),
        (#"{"phoneNumbers":[79990000001]}"#, "phoneNumbers[0]"),
        (#"{}"#, "phoneNumbers"),
        (#"{"phoneNumbers":"79990000001"}"#, "phoneNumbers"),
    ])
    func listInvalid(body: String, field: String) async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .list, body)
            #expect(answer.status == 400)
            #expect(answer.error?.error == "invalid_request")
            #expect(answer.error?.field == field)
            #expect(answer.error?.message.contains(field) == true)
        }
    }

    @Test("list accepts exactly 100 numbers")
    func listHundred() async throws {
        try await Sandbox.withSandbox(SandboxConfiguration(rateLimit: nil, initialNumbers: SandboxPreset.generatedNumbers(count: 150, seed: 3))) { (sandbox) async throws in
            let numbers = (0..<100).map { String(79_990_000_000 + $0) }
            let records = try await Wire.list(sandbox, numbers)
            #expect(records.count == 100)
        }
    }

    // MARK: update

    @Test("update replaces each object it carries and keeps the others")
    func updateReplacesObjects() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            // displayOptions only: medium and campaign go, pool and redirect stay.
            var answer = try await Wire.call(sandbox, .update,
                #"{"phoneNumber":"79990000008","displayOptions":{"source":"vk","keyword":"окна"}}"#)
            #expect(answer.status == 200)
            #expect(answer.body.isEmpty)
            var settings = try #require(sandbox.settings(of: phone("79990000008")) ?? nil)
            #expect(settings.displayOptions == DisplayOptions(source: "vk", keyword: "окна"))
            #expect(settings.poolName == "Осень")
            #expect(settings.redirectOptions?.reserve?.reserveNumber == phone("74950000002"))

            // redirectOptions without a reserve: the reserve goes.
            answer = try await Wire.call(sandbox, .update,
                #"{"phoneNumber":"79990000008","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000009"}}}"#)
            #expect(answer.status == 200)
            settings = try #require(sandbox.settings(of: phone("79990000008")) ?? nil)
            #expect(settings.redirectOptions == RedirectOptions(redirectNumber: phone("74950000009")))
            #expect(settings.displayOptions?.source == "vk")

            // poolName only.
            answer = try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000008","poolName":"Лето"}"#)
            #expect(answer.status == 200)
            settings = try #require(sandbox.settings(of: phone("79990000008")) ?? nil)
            #expect(settings.poolName == "Лето")
            #expect(settings.redirectOptions?.redirectNumber == phone("74950000009"))
        }
    }

    @Test("a reserve without ignoreEarlyMedia is stored as true; false is kept")
    func ignoreEarlyMediaDefault() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let base = #"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000007","reserveTimeOut":45"#
            #expect(try await Wire.call(sandbox, .update, base + "}}}").status == 200)
            var record = try #require(try await Wire.list(sandbox, ["79990000005"]).first)
            #expect(record.redirectOptions?.reserveRedirect == .init(reserveNumber: "74950000007", reserveTimeOut: 45,
                                                                     ignoreEarlyMedia: true))
            #expect(try await Wire.call(sandbox, .update, base + #","ignoreEarlyMedia":false}}}"#).status == 200)
            record = try #require(try await Wire.list(sandbox, ["79990000005"]).first)
            #expect(record.redirectOptions?.reserveRedirect?.ignoreEarlyMedia == false)
        }
    }

    static let invalidBodies: [(String, String?)] = [
        (#"{"poolName":"X"}"#, "phoneNumber"),
        (#"{"phoneNumber":"89990000005","poolName":"X"}"#, "phoneNumber"),
        (#"{"phoneNumber":79990000005,"poolName":"X"}"#, "phoneNumber"),
        (#"{"phoneNumber":"79990000005"}"#, nil),
        (#"{"phoneNumber":"79990000005","poolName":null,"displayOptions":null}"#, nil),
        (#"{"phoneNumber":"79990000005","poolName":5}"#, "poolName"),
        (#"{"phoneNumber":"79990000005","poolName":"  "}"#, "poolName"),
        (#"{"phoneNumber":"79990000005","displayOptions":{"medium":"cpc"}}"#, "displayOptions.source"),
        (#"{"phoneNumber":"79990000005","displayOptions":{"source":""}}"#, "displayOptions.source"),
        (#"{"phoneNumber":"79990000005","displayOptions":{"source":"x","medium":3}}"#, "displayOptions.medium"),
        (#"{"phoneNumber":"79990000005","displayOptions":"yandex"}"#, "displayOptions"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"ptsnOptions":{"redirectNumber":"74950000001"}}}"#, "redirectOptions.redirectType"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"SIP","ptsnOptions":{"redirectNumber":"74950000001"}}}"#, "redirectOptions.redirectType"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN"}}"#, "redirectOptions.ptsnOptions.redirectNumber"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"123"}}}"#, "redirectOptions.ptsnOptions.redirectNumber"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveTimeOut":30}}}"#, "redirectOptions.reserveRedirect.reserveNumber"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000002"}}}"#, "redirectOptions.reserveRedirect.reserveTimeOut"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000002","reserveTimeOut":9}}}"#, "redirectOptions.reserveRedirect.reserveTimeOut"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000002","reserveTimeOut":121}}}"#, "redirectOptions.reserveRedirect.reserveTimeOut"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000002","reserveTimeOut":"30"}}}"#, "redirectOptions.reserveRedirect.reserveTimeOut"),
        (#"{"phoneNumber":"79990000005","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74950000001"},"reserveRedirect":{"reserveNumber":"74950000002","reserveTimeOut":30,"ignoreEarlyMedia":"yes"}}}"#, "redirectOptions.reserveRedirect.ignoreEarlyMedia"),
        (#"not json"#, nil),
        (#"["79990000005"]"#, nil),
    ]

    @Test("update validates its body like the API: 400 invalid_request naming the field, nothing changes",
          arguments: invalidBodies)
    func updateInvalid(body: String, field: String?) async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let before = sandbox.numbers()
            let answer = try await Wire.call(sandbox, .update, body)
            #expect(answer.status == 400)
            let error = try #require(answer.error)
            #expect(error.error == "invalid_request")
            #expect(error.field == field)
            if let field { #expect(error.message.contains(field)) }
            #expect(sandbox.numbers() == before)
            let stats = sandbox.stats()
            #expect(stats.rejected.invalid == 1)
            #expect(stats.points.used == 0)
        }
    }

    @Test("create validates its body the same way")
    func createInvalid() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .create,
                #"{"phoneNumber":"79990000001","displayOptions":{"medium":"cpc"}}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.field == "displayOptions.source")
            #expect(sandbox.settings(of: phone("79990000001")) == .some(nil))
        }
    }

    @Test("the number's state decides: update on free, create on used, delete on free, unknown numbers")
    func stateErrors() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let display = #""displayOptions":{"source":"yandex"}"#
            var answer = try await Wire.call(sandbox, .update, #"{"phoneNumber":"79990000001",\#(display)}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.error == "number_is_free")

            answer = try await Wire.call(sandbox, .create, #"{"phoneNumber":"79990000005",\#(display)}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.error == "number_in_use")

            answer = try await Wire.call(sandbox, .delete, #"{"phoneNumber":"79990000001"}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.error == "number_is_free")

            for endpoint in [SandboxEndpoint.update, .create] {
                answer = try await Wire.call(sandbox, endpoint, #"{"phoneNumber":"79000000000",\#(display)}"#)
                #expect(answer.status == 404)
                #expect(answer.error?.error == "number_not_found")
            }
            answer = try await Wire.call(sandbox, .delete, #"{"phoneNumber":"79000000000"}"#)
            #expect(answer.status == 404)
            #expect(answer.error?.error == "number_not_found")

            answer = try await Wire.call(sandbox, .delete, #"{}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.field == "phoneNumber")

            #expect(sandbox.stats().rejected.invalid == 7)
            #expect(sandbox.stats().points.used == 0)
        }
    }

    @Test("create needs displayOptions: a used number always has them")
    func createNeedsDisplay() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .create, #"{"phoneNumber":"79990000001","poolName":"Весна"}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.field == "displayOptions")
            #expect(sandbox.settings(of: phone("79990000001")) == .some(nil))
        }
    }

    // MARK: call-redirect/list

    @Test("call-redirect/list answers one record per number with a redirect, numbered scenarios")
    func redirectListAll() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            for body in ["{}", ""] {
                let answer = try await Wire.call(sandbox, .redirectList, body)
                #expect(answer.status == 200)
                let records = try answer.decode([RedirectRecordBody].self)
                #expect(records.map(\.phoneNumber) == (5...12).map { String(79_990_000_000 + $0) })
                #expect(records.first == RedirectRecordBody(redirectId: 101, redirectName: "Переадресация на 74950000001",
                                                            redirectStatus: "active", phoneNumber: "79990000005",
                                                            poolName: "Осень"))
                #expect(records[3].redirectId == 102)  // 79990000008 has a reserve: another scenario
                #expect(records[3].redirectName.hasPrefix("Переадресация на 74950000001 (резерв 74950000002"))
                #expect(records[4].redirectId == 103)
                #expect(Set(records[4...].map(\.redirectId)) == [103])
            }
        }
    }

    @Test("call-redirect/list filters", arguments: [
        (#"{"poolOptions":{"poolName":{"value":"весна"}}}"#, ["79990000009", "79990000010", "79990000011", "79990000012"]),
        (#"{"redirectOptions":{"redirectIds":[102]}}"#, ["79990000008"]),
        (#"{"redirectOptions":{"redirectName":{"value":"переадресация на 74950000001","filterMode":"star_twith"}}}"#,
         ["79990000005", "79990000006", "79990000007", "79990000008"]),
        (#"{"redirectOptions":{"redirectName":{"value":"резерв"}}}"#, ["79990000008"]),
        (#"{"redirectOptions":{"redirectStatus":"inactive"}}"#, []),
        (#"{"phoneNumbers":["79990000006","79990000001","79990000012"]}"#, ["79990000006", "79990000012"]),
        (#"{"redirectOptions":{"redirectIds":[101,103],"redirectStatus":"active"},"phoneNumbers":["79990000005","79990000008","79990000009"]}"#,
         ["79990000005", "79990000009"]),
    ])
    func redirectListFilters(body: String, expected: [String]) async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .redirectList, body)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(try answer.decode([RedirectRecordBody].self).map(\.phoneNumber) == expected)
        }
    }

    @Test("call-redirect/list refuses more than 50 ids and bad filters")
    func redirectListInvalid() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let ids = (1...51).map(String.init).joined(separator: ",")
            var answer = try await Wire.call(sandbox, .redirectList, #"{"redirectOptions":{"redirectIds":[\#(ids)]}}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.field == "redirectOptions.redirectIds")
            answer = try await Wire.call(sandbox, .redirectList,
                                         #"{"redirectOptions":{"redirectName":{"value":"x","filterMode":"regex"}}}"#)
            #expect(answer.status == 400)
            #expect(answer.error?.field == "redirectOptions.redirectName.filterMode")
        }
    }

    @Test("a new redirect written by update gets the next scenario id")
    func newScenario() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let update = #"{"phoneNumber":"79990000012","redirectOptions":{"redirectType":"PSTN","ptsnOptions":{"redirectNumber":"74959999999"}}}"#
            #expect(try await Wire.call(sandbox, .update, update).status == 200)
            let answer = try await Wire.call(sandbox, .redirectList, #"{"phoneNumbers":["79990000012"]}"#)
            let records = try answer.decode([RedirectRecordBody].self)
            #expect(records.map(\.redirectId) == [104])
            #expect(records.first?.redirectName == "Переадресация на 74959999999")
        }
    }
}
