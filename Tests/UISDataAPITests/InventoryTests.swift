import Foundation
import CTBulkCore
import CTBulkSandbox
import Testing
import UISDataAPI

@Suite("Inventory cross-check over real HTTP")
struct InventoryTests {
    static func row(_ n: Int, _ digits: String) -> JobRow {
        JobRow(row: n, phoneNumber: PhoneNumber(canonical: digits)!, settings: NumberSettings(poolName: "p"))
    }

    @Test("free active numbers pass; missing, inactive and used numbers get their problems")
    func problems() async throws {
        try await withUIS { client, _ in
            let all = try await client.all(VirtualNumber.self).records
            let free = try #require(all.first {
                $0.status == "active" && ($0.campaigns ?? []).isEmpty && ($0.scenarios ?? []).isEmpty
            })
            let inactive = try #require(all.first {
                $0.status == "waiting" && ($0.campaigns ?? []).isEmpty && ($0.scenarios ?? []).isEmpty
            })
            let used = try #require(all.first { $0.status == "active" && !($0.campaigns ?? []).isEmpty })
            let scenarioOnly = try #require(all.first {
                $0.status == "active" && ($0.campaigns ?? []).isEmpty && !($0.scenarios ?? []).isEmpty
            })
            let known = Set(all.compactMap(\.virtualPhoneNumber))
            let absent = try #require((0..<1000).map { "7999000\(String(format: "%04d", $0))" }.first { !known.contains($0) })
            let rows = [
                Self.row(2, free.virtualPhoneNumber!), Self.row(3, inactive.virtualPhoneNumber!),
                Self.row(4, used.virtualPhoneNumber!), Self.row(5, absent), Self.row(6, scenarioOnly.virtualPhoneNumber!),
                Self.row(7, absent),
            ]
            let before = client.statistics.requests
            let problems = try await inventoryProblems(rows: rows, client: client)
            #expect(client.statistics.requests - before == 1)  // one batched `in` request, not one per number

            #expect(!problems.contains { $0.row == 2 })
            let inactiveProblem = try #require(problems.first { $0.row == 3 })
            #expect(inactiveProblem.code == .inventoryInactive)
            #expect(inactiveProblem.severity == .error)
            #expect(inactiveProblem.details["status"] == "waiting")

            let inUse = try #require(problems.first { $0.row == 4 })
            #expect(inUse.code == .inventoryInUse)
            #expect(inUse.severity == .warning)
            let campaignName = try #require(used.campaigns?.first?.campaignName)
            #expect(inUse.details["usedBy"]?.contains(campaignName) == true)

            #expect(problems.filter { $0.code == .inventoryNotConnected }.map(\.row) == [5, 7])
            #expect(problems.first { $0.row == 5 }?.severity == .error)
            let scenario = try #require(problems.first { $0.row == 6 })
            #expect(scenario.code == .inventoryInUse)
            #expect(scenario.details["usedBy"]?.contains("scenario") == true)
            #expect(scenario.message(.ru).contains("используется") == true)
        }
    }

    @Test("numbers are looked up in batches of batchSize")
    func batches() async throws {
        try await withUIS { client, _ in
            let some = try await client.virtualNumbers(UISQuery(filter: .where("status", .equal, "active"),
                                                                fields: ["virtual_phone_number"], limit: 5))
            let rows = some.records.enumerated().map { Self.row($0.offset + 2, $0.element.virtualPhoneNumber!) }
            let problems = try await inventoryProblems(rows: rows, client: client, batchSize: 2)
            #expect(client.statistics.requests == 4)  // 1 setup + ceil(5 / 2) lookups
            #expect(!problems.contains { $0.code == .inventoryNotConnected || $0.code == .inventoryInactive })
        }
    }
}
