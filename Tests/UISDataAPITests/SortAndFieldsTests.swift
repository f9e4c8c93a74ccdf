import CTBulkApp
import CTBulkSandbox
import CTBulkTestSupport
import Testing
import UISDataAPI

@Suite("Sort and fields over real HTTP")
struct SortAndFieldsTests {
    @Test("multi-key sort: category descending, then name ascending with nulls last")
    func multiKeySort() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 3_000)) { client, _ in
            let sorted = try await client.all(VirtualNumber.self, query: UISQuery(
                sort: [UISSort("category", .desc), UISSort("name")], fields: ["id", "category", "name"]))
            #expect(sorted.records.count == 3_000)
            let pairs = zip(sorted.records, sorted.records.dropFirst())
            let ordered = pairs.allSatisfy { a, b in
                let ca = a.category?.rawValue ?? "", cb = b.category?.rawValue ?? ""
                if ca != cb { return ca > cb }
                switch (a.name, b.name) {
                case (nil, nil), (_?, nil): return true
                case (nil, _?): return false
                case (let x?, let y?): return x <= y
                }
            }
            #expect(ordered)
            #expect(sorted.records.first?.category == "usual")  // "usual" is last alphabetically
        }
    }

    @Test("sort by id descending on source groups, where every field is sortable")
    func sortSourceGroups() async throws {
        try await withUIS { client, _ in
            let groups = try await client.sourcesGroups(UISQuery(sort: [UISSort("id", .desc)]))
            let ids = groups.records.compactMap(\.id)
            #expect(ids.count > 4)
            #expect(ids == ids.sorted(by: >))
        }
    }

    @Test("sorting on a field the method does not allow is sort_prohibited; an unknown one unexpected_parameters")
    func sortErrors() async throws {
        try await withUIS { client, _ in
            let prohibited = await uisError { _ = try await client.virtualNumbers(UISQuery(sort: [UISSort("id")])) }
            #expect(prohibited?.kind == .sortProhibited)
            #expect(prohibited?.field == "sort.field")
            #expect(prohibited?.value == "id")
            #expect(prohibited?.message(.en).contains("\"id\" cannot be sorted on") == true)
            let unknown = await uisError { _ = try await client.virtualNumbers(UISQuery(sort: [UISSort("colour")])) }
            #expect(unknown?.kind == .unexpectedParameters)
        }
    }

    @Test("fields returns only the asked fields; the rest decode as absent")
    func fieldsSubset() async throws {
        try await withUIS { client, _ in
            let page = try await client.virtualNumbers(UISQuery(fields: ["id", "status"], limit: 50))
            #expect(page.records.count == 50)
            #expect(page.records.allSatisfy { $0.id != nil && $0.status != nil })
            #expect(page.records.allSatisfy {
                $0.virtualPhoneNumber == nil && $0.campaigns == nil && $0.scenarios == nil && $0.category == nil
            })
            let full = try await client.virtualNumbers(UISQuery(limit: 500))
            #expect(full.records.allSatisfy { $0.virtualPhoneNumber != nil && $0.campaigns != nil })
            #expect(full.records.contains { !($0.campaigns ?? []).isEmpty })
            #expect(full.records.contains { ($0.scenarios ?? []).contains { $0.callProcessingRuleID != nil } })
            let unknown = await uisError { _ = try await client.virtualNumbers(UISQuery(fields: ["id", "colour"])) }
            #expect(unknown?.kind == .unexpectedParameters)
            #expect(unknown?.value == "colour")
        }
    }

    @Test("site_blocks is a field of get.virtual_numbers: asked for with the fields a public client sends, read back")
    func siteBlocks() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 400)) { client, _ in
            let page = try await client.virtualNumbers(UISQuery(fields: [
                "id", "virtual_phone_number", "status", "campaigns", "site_blocks", "scenarios"]))
            #expect(page.records.count == 400)
            let inCampaign = try #require(page.records.first { $0.campaigns?.isEmpty == false })
            let nested = (inCampaign.campaigns ?? []).flatMap { $0.siteBlocks ?? [] }
            #expect(!nested.isEmpty)
            #expect(inCampaign.siteBlocks == nested)
            #expect(inCampaign.allSiteBlocks == nested)
            #expect(page.rawRecords.count == 400)
        }
    }

    @Test("ctbulk uis virtual-numbers --fields id,site_blocks against the sandbox exits 0 and shows the blocks")
    func siteBlocksCommand() async {
        let console = CapturingConsole()
        let options = UISCommandOptions(fields: ["id,site_blocks"], limit: 300, sandbox: true, width: 300,
                                        clock: .virtual(VirtualClock()))
        let code = await UISCommandRunner.run(method: .virtualNumbers, options: options, output: console)
        #expect(code == 0, "\(console.stderr)")
        #expect(console.stdout.hasPrefix("id"))
        #expect(console.stdout.contains("(tracking)"))
    }
}
