import CTBulkTestSupport
import Testing
import UISDataAPI

/// Answers shaped like the documentation's samples, served by a closure transport.
@Suite("Tolerant decoding of documented answers")
struct DecodingTests {
    static func client(answer: String) -> UISClient {
        UISClient(configuration: UISClientConfiguration(credentials: .accessToken("t")),
                  transport: ClosureTransport { _, _ in UISHTTPResponse(status: 200, body: Array(answer.utf8)) })
    }

    @Test("the get.sources_groups sample (no state, version null, limits {}) decodes")
    func sourceGroupsSample() async throws {
        let sample = """
            {"jsonrpc": "2.0","id": "HXw4IeLYAfblv6FRkzRNd","result": {"data": [
            {"id": -3,"name": "Bing Ads","is_custom": false,"channel_id": -1,"channel_name": "Контекстная реклама","channel_mnemonic": "context"},
            {"id": -2,"name": "Яндекс.Директ","is_custom": false,"channel_id": -1,"channel_name": "Контекстная реклама","channel_mnemonic": "context"}],
            "metadata": {"total_items": 4,"version": null,"limits": {}}}}
            """
        let page = try await Self.client(answer: sample).sourcesGroups()
        #expect(page.records.count == 2)
        #expect(page.records[1] == SourceGroup(id: -2, name: "Яндекс.Директ", channelID: -1,
                                               channelName: "Контекстная реклама", channelMnemonic: "context",
                                               isCustom: false))
        #expect(page.totalItems == 4)
        #expect(page.metadata.limits?.isEmpty == true)
    }

    @Test("added fields and enum values are tolerated; every documented field is read")
    func virtualNumberFull() async throws {
        let answer = """
            {"jsonrpc":"2.0","id":1,"result":{"data":[{"id":7,"virtual_phone_number":"74950000001",
            "redirection_phone_number":null,"activation_date":"2024-05-01 10:00:00","status":"frozen_new",
            "category":"gold","type":"va","child_customer_id":5001,"comment":"c","name":"n","brand_new":{"x":1},
            "campaigns":[{"campaign_id":2,"campaign_name":"Весна","site_id":3,"site_domain_name":"a.ru",
            "site_blocks":[{"site_block_id":4,"site_block_name":"Шапка","is_tracking":true,"extra":1}]}],
            "scenarios":[{"scenario_id":5,"scenario_name":"Основной","call_processing_rule_id":6,"is_active":false}]}],
            "metadata":{"total_items":"1","limits":{"minute_remaining":2.5,"minute_reset":"7","day_limit":100},
            "api_version":{"current_version_deprecated":true,"current_version":"2.0","latest_version":"2.1"}}}}
            """
        let page = try await Self.client(answer: answer).virtualNumbers()
        let number = try #require(page.records.first)
        #expect(number.status == "frozen_new")
        #expect(number.childCustomerID == 5001 && number.comment == "c" && number.name == "n")
        #expect(number.campaigns?.first?.siteBlocks?.first == VirtualNumber.SiteBlock(siteBlockID: 4, siteBlockName: "Шапка",
                                                                                      isTracking: true))
        #expect(number.scenarios?.first == VirtualNumber.Scenario(scenarioID: 5, scenarioName: "Основной",
                                                                  callProcessingRuleID: 6, isActive: false))
        #expect(page.totalItems == 1)
        #expect(page.metadata.limits == UISLimits(dayLimit: 100, minuteRemaining: 3, minuteReset: 7))
        #expect(page.metadata.apiVersion?.currentVersionDeprecated == true)
    }

    @Test("a wrong type inside data is a malformedResponse naming the path")
    func malformed() async {
        let answer = #"{"jsonrpc":"2.0","id":1,"result":{"data":[{"id":"seven"}],"metadata":{}}}"#
        let error = await uisError { _ = try await Self.client(answer: answer).virtualNumbers() }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.details["reason"]?.contains("id") == true)
    }

    @Test("login.user: expire_at and the sample's expire are both read")
    func loginSpellings() async throws {
        for key in ["expire_at", "expire"] {
            let answer = #"{"jsonrpc":"2.0","id":1,"result":{"data":{"access_token":"s","\#(key)":1700000000,"app_id":3}}}"#
            let client = UISClient(configuration: UISClientConfiguration(credentials: .login(user: "u", password: "p")),
                                   transport: ClosureTransport { _, _ in UISHTTPResponse(status: 200, body: Array(answer.utf8)) })
            let session = try await client.login()
            #expect(session.expireAt == 1_700_000_000)
            #expect(session.appID == 3)
        }
    }

    @Test("HTTP errors without a JSON-RPC body: 5xx is retried then reported, 404 is reported at once")
    func httpStatus() async {
        for (status, attempts) in [(503, 4), (404, 1)] {
            let calls = Locked(0)
            let client = UISClient(
                configuration: UISClientConfiguration(credentials: .accessToken("t"),
                                                      backoff: .init(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 4)),
                transport: ClosureTransport { _, _ in
                    calls.mutate { $0 += 1 }
                    return UISHTTPResponse(status: status, body: Array("<html>nope</html>".utf8))
                },
                clock: .virtual(VirtualClock()))
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .httpStatus)
            #expect(error?.details["status"] == String(status))
            #expect(calls.value == attempts)
        }
    }

    @Test("the request is a JSON-RPC 2.0 envelope with the key, user_id and query in params")
    func requestShape() async throws {
        let seen = Locked((url: "", body: ""))
        let client = UISClient(
            configuration: UISClientConfiguration(credentials: .accessToken("k"), userID: 42),
            transport: ClosureTransport { url, body in
                seen.mutate { $0 = (url, String(decoding: body, as: UTF8.self)) }
                return UISHTTPResponse(status: 200, body: Array(#"{"jsonrpc":"2.0","id":1,"result":{"data":[]}}"#.utf8))
            })
        _ = try await client.virtualNumbers(UISQuery(filter: .where("id", .in, [1, 2]), sort: [UISSort("name", .desc)],
                                                     fields: ["id"], limit: 5, offset: 10))
        #expect(seen.value.url == "https://dataapi.uiscom.ru/v2.0")
        #expect(seen.value.body == #"{"id":1,"jsonrpc":"2.0","method":"get.virtual_numbers","params":{"access_token":"k","fields":["id"],"filter":{"field":"id","operator":"in","value":[1,2]},"limit":5,"offset":10,"sort":[{"field":"name","order":"desc"}],"user_id":42}}"#)
    }
}
