import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// The UIS fake answers what public clients of the Data API send.
@Suite("UIS fake: requests of public clients")
struct UISPublicClientTests {
    /// One JSON-RPC call to the fake; returns `result` or `error` as a dictionary.
    static func call(_ sandbox: RunningSandbox, _ method: String, _ params: [String: Any]) async throws -> [String: Any] {
        var all = params
        all["access_token"] = UISSandboxConfiguration.defaultToken
        let body = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "id": 1, "method": method,
                                                               "params": all])
        let answer = try await Wire.send(sandbox, method: .POST, path: "/v2.0", body: String(decoding: body, as: UTF8.self))
        #expect(answer.status == 200)
        return try #require(answer.object)
    }

    @Test("get.virtual_numbers with the field list a public client sends by default, site_blocks included")
    func defaultFieldsOfAPublicClient() async throws {
        let fields = ["id", "virtual_phone_number", "redirection_phone_number", "activation_date", "status", "category",
                      "type", "campaigns", "site_blocks", "scenarios"]
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let answer = try await Self.call(sandbox, "get.virtual_numbers", ["fields": fields, "limit": 500])
            #expect(answer["error"] == nil, "\(answer)")
            let result = try #require(answer["result"] as? [String: Any])
            let data = try #require(result["data"] as? [[String: Any]])
            #expect(data.count == 500)
            for record in data { #expect(Set(record.keys) == Set(fields)) }
            // A number in a campaign: its top-level site_blocks are the blocks of its campaigns.
            let inCampaign = try #require(data.first { ($0["campaigns"] as? [Any])?.isEmpty == false })
            let campaigns = try #require(inCampaign["campaigns"] as? [[String: Any]])
            let nested = campaigns.flatMap { ($0["site_blocks"] as? [[String: Any]]) ?? [] }.compactMap { $0["site_block_id"] as? Int }
            let top = try #require(inCampaign["site_blocks"] as? [[String: Any]]).compactMap { $0["site_block_id"] as? Int }
            #expect(!top.isEmpty)
            #expect(top == nested)
        }
    }

    @Test("sort_prohibited and filter_prohibited: field is the parameter's path, value the field asked for; min_charge is not sortable")
    func prohibited() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            let sort = try await Self.call(sandbox, "get.available_virtual_numbers",
                                           ["sort": [["field": "min_charge", "order": "asc"]]])
            let sortData = try #require((sort["error"] as? [String: Any])?["data"] as? [String: Any])
            #expect(sortData["mnemonic"] as? String == "sort_prohibited")
            #expect(sortData["field"] as? String == "sort.field")
            #expect(sortData["value"] as? String == "min_charge")

            let filter = try await Self.call(sandbox, "get.virtual_numbers",
                                             ["filter": ["field": "site_blocks", "operator": "=", "value": 1]])
            let filterData = try #require((filter["error"] as? [String: Any])?["data"] as? [String: Any])
            #expect(filterData["mnemonic"] as? String == "filter_prohibited")
            #expect(filterData["field"] as? String == "filter.field")
            #expect(filterData["value"] as? String == "site_blocks")

            let sortable = try await Self.call(sandbox, "get.available_virtual_numbers",
                                               ["sort": [["field": "location_name", "order": "desc"]], "limit": 3])
            #expect(sortable["result"] != nil)
        }
    }
}
