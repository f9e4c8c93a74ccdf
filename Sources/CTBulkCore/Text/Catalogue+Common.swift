extension Catalogue {
    /// Words used by every front end.
    static let commonEntries: [String: Entry] = [
        "common.rows": Entry(en: "{n} {n|row|rows}", ru: "{n} {n|строка|строки|строк}"),
        "common.numbers": Entry(en: "{n} {n|number|numbers}", ru: "{n} {n|номер|номера|номеров}"),
        "common.requests": Entry(en: "{n} {n|request|requests}", ru: "{n} {n|запрос|запроса|запросов}"),
        "common.changes": Entry(en: "{n} {n|change|changes}", ru: "{n} {n|изменение|изменения|изменений}"),
        "common.account": Entry(en: "SiteId {site} at {url}", ru: "SiteId {site} ({url})"),
        "common.yes": Entry(en: "yes", ru: "да"),
        "common.no": Entry(en: "no", ru: "нет"),
    ]
}
