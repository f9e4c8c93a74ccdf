extension Catalogue {
    /// Texts of the safety rules: refused redirects, the machine-wide rate limit.
    static let safetyEntries: [String: Entry] = [
        "api.redirected": Entry(
            en: "The API at {baseURL} answered with a redirect ({detail}). ctbulk does not follow redirects: fix --base-url (https? the path?) and run the same command again.",
            ru: "API по адресу {baseURL} ответил перенаправлением ({detail}). ctbulk не следует перенаправлениям: исправьте --base-url (https? путь?) и повторите ту же команду."),
        "stop.redirected": Entry(
            en: "Stopped at once: the API answered with a redirect, so the base URL is wrong; nothing was changed by that request{detail}",
            ru: "Остановлено сразу: API ответил перенаправлением, значит адрес API (--base-url) указан неверно; этот запрос ничего не изменил{detail}"),
    ]
}
