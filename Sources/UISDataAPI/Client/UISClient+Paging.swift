extension UISClient {
    /// One page of a `get.*` method.
    /// - Throws: ``UISError`` (`.invalidArgument` for a limit or offset outside the documented range, before sending).
    public func page<Record: UISRecord>(_ type: Record.Type, query: UISQuery = UISQuery()) async throws
        -> UISPage<Record>
    {
        try query.validate()
        let result: ListResult<Record> = try await perform(Record.methodName, params: query.wireParams,
                                                           authenticated: true)
        state.withLock { $0.statistics.pages += 1 }
        return UISPage(records: result.data, rawRecords: result.raw.count == result.data.count ? result.raw : [],
                       metadata: result.metadata ?? UISMetadata())
    }

    /// Every record the query matches, walking pages up to `metadata.total_items` and de-duplicating by
    /// ``UISRecord/deduplicationKey``. The query's `limit` is the page size (default
    /// ``UISClientConfiguration/pageSize``); its `offset` is where the walk starts.
    ///
    /// The API serves no offset beyond 100,000, so at most 100,000 + page size records are reachable. When the first
    /// answer says more match, the walk stops at once with `.resultTooDeep` instead of returning a short list.
    /// - Throws: ``UISError`` `.resultTooDeep`, `.incompleteResult` (fewer distinct records than `total_items`, e.g.
    ///   the data changed during the walk), or any call failure.
    public func all<Record: UISRecord>(_ type: Record.Type, query: UISQuery = UISQuery(),
                                       progress: (@Sendable (UISProgress) -> Void)? = nil) async throws
        -> UISPage<Record>
    {
        var pageQuery = query
        let pageSize = query.limit ?? configuration.pageSize
        let start = query.offset ?? 0
        pageQuery.limit = pageSize
        try pageQuery.validate()
        let reachable = UISQuery.maximumOffset + pageSize

        var records: [Record] = []
        var rawRecords: [UISValue] = []
        var keepsRaw = true
        var seen = Set<String>()
        var offset = start
        var total: Int?
        var metadata = UISMetadata()
        var pages = 0
        while true {
            let requestOffset = min(offset, UISQuery.maximumOffset)
            let skip = offset - requestOffset
            pageQuery.offset = requestOffset
            let page = try await self.page(Record.self, query: pageQuery)
            pages += 1
            metadata = page.metadata
            if let totalItems = page.metadata.totalItems {
                total = totalItems
                if totalItems > reachable {
                    throw UISError(.resultTooDeep, method: Record.methodName,
                                   details: ["total": String(totalItems), "reachable": String(reachable)])
                }
            }
            keepsRaw = keepsRaw && page.rawRecords.count == page.records.count
            for (index, record) in page.records.enumerated().dropFirst(skip) {
                if let key = record.deduplicationKey, !seen.insert(key).inserted { continue }
                records.append(record)
                if keepsRaw { rawRecords.append(page.rawRecords[index]) }
            }
            progress?(UISProgress(pages: pages, records: records.count, totalItems: total))
            if page.records.isEmpty { break }
            offset = requestOffset + page.records.count
            if let total {
                if offset >= total { break }
            } else if page.records.count < pageSize {
                break
            }
        }
        if let total, records.count < total - start {
            throw UISError(.incompleteResult, method: Record.methodName,
                           details: ["total": String(total - start), "received": String(records.count)])
        }
        return UISPage(records: records, rawRecords: keepsRaw ? rawRecords : [], metadata: metadata)
    }

    /// One page of `get.virtual_numbers`.
    public func virtualNumbers(_ query: UISQuery = UISQuery()) async throws -> UISPage<VirtualNumber> {
        try await page(VirtualNumber.self, query: query)
    }

    /// One page of `get.available_virtual_numbers`.
    public func availableVirtualNumbers(_ query: UISQuery = UISQuery()) async throws
        -> UISPage<AvailableVirtualNumber>
    {
        try await page(AvailableVirtualNumber.self, query: query)
    }

    /// One page of `get.campaign_available_phone_numbers`.
    public func campaignAvailablePhoneNumbers(_ query: UISQuery = UISQuery()) async throws
        -> UISPage<CampaignPhoneNumber>
    {
        try await page(CampaignPhoneNumber.self, query: query)
    }

    /// One page of `get.sources_groups`.
    public func sourcesGroups(_ query: UISQuery = UISQuery()) async throws -> UISPage<SourceGroup> {
        try await page(SourceGroup.self, query: query)
    }
}
