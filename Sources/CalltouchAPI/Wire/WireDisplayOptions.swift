import CTBulkCore

/// `displayOptions` on the wire.
struct WireDisplayOptions: Codable, Equatable {
    var source: String?
    var medium: String?
    var campaign: String?
    var content: String?
    var keyword: String?

    init(_ options: DisplayOptions) {
        source = options.source; medium = options.medium; campaign = options.campaign
        content = options.content; keyword = options.keyword
    }

    private enum CodingKeys: String, CodingKey { case source, medium, campaign, content, keyword }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.lenientString(.source)
        medium = try c.lenientString(.medium)
        campaign = try c.lenientString(.campaign)
        content = try c.lenientString(.content)
        keyword = try c.lenientString(.keyword)
    }

    /// The model value; blank strings count as not set. Nil when nothing is set.
    var model: DisplayOptions? {
        let options = DisplayOptions(source: source.nonBlank, medium: medium.nonBlank, campaign: campaign.nonBlank,
                                     content: content.nonBlank, keyword: keyword.nonBlank)
        return options.isEmpty ? nil : options
    }
}

extension Optional where Wrapped == String {
    /// Nil for nil, empty or whitespace-only text.
    var nonBlank: String? {
        guard let self, !CellText.trim(self).isEmpty else { return nil }
        return self
    }
}
