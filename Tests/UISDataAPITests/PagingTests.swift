import Synchronization
import CTBulkCore
import CTBulkSandbox
import Testing
import UISDataAPI

@Suite("Paging over real HTTP")
struct PagingTests {
    @Test("walking all pages returns every one of 12,500 numbers once, matching total_items")
    func walksMoreThanTenThousand() async throws {
        try await withUIS { client, _ in
            let progress = Mutex<[UISProgress]>([])
            let all = try await client.all(VirtualNumber.self) { snapshot in progress.withLock { $0.append(snapshot) } }
            #expect(all.records.count == 12_500)
            #expect(all.totalItems == 12_500)
            #expect(Set(all.records.compactMap(\.id)).count == 12_500)
            #expect(progress.withLock { $0.count } == 2)  // 10,000 + 2,500
            #expect(client.statistics.pages == 2)
        }
    }

    @Test("a single page honours limit and offset")
    func singlePage() async throws {
        try await withUIS { client, _ in
            let first = try await client.virtualNumbers(UISQuery(limit: 10_000))
            let second = try await client.virtualNumbers(UISQuery(limit: 10_000, offset: 10_000))
            #expect(first.records.count == 10_000)
            #expect(second.records.count == 2_500)
            #expect(Set(first.records.compactMap(\.id)).isDisjoint(with: second.records.compactMap(\.id)))
            let defaultPage = try await client.virtualNumbers()
            #expect(defaultPage.records.count == 1000)
        }
    }

    @Test("a small page size walks many pages and still returns everything")
    func smallPages() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 2_345)) { client, _ in
            let all = try await client.all(VirtualNumber.self, query: UISQuery(limit: 500))
            #expect(all.records.count == 2_345)
            #expect(client.statistics.pages == 5)
        }
    }

    @Test("limit above 10,000 and offset above 100,000 are refused locally and by the server")
    func pagingBounds() async throws {
        try await withUIS { client, _ in
            let local = await uisError { _ = try await client.virtualNumbers(UISQuery(limit: 10_001)) }
            #expect(local?.kind == .invalidArgument)
            #expect(local?.field == "limit")
            let localOffset = await uisError { _ = try await client.virtualNumbers(UISQuery(offset: 100_001)) }
            #expect(localOffset?.field == "offset")
            #expect(client.statistics.requests == 0)

            let server = await uisError {
                let _: UISValue = try await client.call("get.virtual_numbers", params: ["limit": 10_001])
            }
            #expect(server?.kind == .invalidParameterValue)
            #expect(server?.code == -32602)
            #expect(server?.field == "limit")
            let serverOffset = await uisError {
                let _: UISValue = try await client.call("get.virtual_numbers", params: ["offset": 100_001])
            }
            #expect(serverOffset?.kind == .invalidParameterValue)
        }
    }

    @Test("a result deeper than offset 100,000 + limit fails with resultTooDeep; one that fits is walked to the end")
    func tooDeepAndDeepestPage() async throws {
        try await withUIS(UISSandboxConfiguration(numberCount: 102_500, availableNumberCount: 10,
                                                  campaignNumberCount: 10)) { client, _ in
            // limit 1000 reaches 101,000 < 102,500 records.
            let error = await uisError { _ = try await client.all(VirtualNumber.self, query: UISQuery(limit: 1000)) }
            #expect(error?.kind == .resultTooDeep)
            #expect(error?.details["total"] == "102500")
            #expect(error?.details["reachable"] == "101000")
            #expect(error?.message(.en).contains("Narrow the filter") == true)
            #expect(error?.message(.ru).contains("Сузьте фильтр") == true)
            #expect(client.statistics.pages == 1)  // it stops at once, no points wasted

            // limit 3000 reaches 103,000: the last page is asked at offset 100,000 exactly.
            let all = try await client.all(VirtualNumber.self, query: UISQuery(fields: ["id"], limit: 3000))
            #expect(all.records.count == 102_500)
            #expect(Set(all.records.compactMap(\.id)).count == 102_500)
        }
    }

    @Test("the last page is clamped to offset 100,000 and overlapping records are skipped")
    func clampedLastPage() async throws {
        let server = PositionServer(total: 102_500)
        let client = UISClient(configuration: UISClientConfiguration(credentials: .accessToken("t")),
                               transport: server.transport)
        let all = try await client.all(SourceGroup.self, query: UISQuery(limit: 3000))
        #expect(all.records.compactMap(\.id) == Array(0..<102_500))
        let offsets = server.requests.withLock { $0.map(\.offset) }
        #expect(offsets.max() == 100_000)
        #expect(offsets.last == 100_000)
    }

    @Test("records repeated across pages are de-duplicated by id; a short walk is reported, not returned")
    func deduplicationAndIncomplete() async throws {
        // Every page answers the same 10 records while promising 30: after de-duplication only 10 remain.
        let transport = ClosureTransport { _, _ in
            let data = (0..<10).map { "{\"id\":\($0)}" }.joined(separator: ",")
            let text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"data\":[\(data)],\"metadata\":{\"total_items\":30}}}"
            return UISHTTPResponse(status: 200, body: Array(text.utf8))
        }
        let client = UISClient(configuration: UISClientConfiguration(credentials: .accessToken("t")),
                               transport: transport)
        let error = await uisError { _ = try await client.all(CampaignPhoneNumber.self, query: UISQuery(limit: 10)) }
        #expect(error?.kind == .incompleteResult)
        #expect(error?.details["received"] == "10")
        #expect(error?.details["total"] == "30")
    }
}
