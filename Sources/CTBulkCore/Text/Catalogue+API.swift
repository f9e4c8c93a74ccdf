extension Catalogue {
    /// Calltouch API failures: HTTP, connection, rate and budget errors, with what to do.
    static let apiEntries: [String: Entry] = [
        "api.status": Entry(en: " (HTTP {status})", ru: " (HTTP {status})"),
        "api.retry": Entry(en: "Calltouch API: {reason}; retrying in {seconds} s (attempt {attempt} of {limit}).",
                           ru: "API Calltouch: {reason}; повтор через {seconds} с (попытка {attempt} из {limit})."),
        "api.authentication": Entry(
            en: "The API refused the access token or SiteId{status}. Check CALLTOUCH_ACCESS_TOKEN (or --token-file) and the SiteId under \"Интеграции - API и Webhooks\".",
            ru: "API отклонил ключ доступа или SiteId{status}. Проверьте CALLTOUCH_ACCESS_TOKEN (или --token-file) и SiteId в разделе «Интеграции - API и Webhooks»."),
        "api.budget": Entry(
            en: "The API's daily points budget is spent{status}. Run the same command again (or with --resume) after the budget resets.",
            ru: "Дневной лимит баллов API исчерпан{status}. Запустите ту же команду (или с --resume) после сброса лимита, обычно на следующий день."),
        "api.rate_limited": Entry(en: "The API kept rate-limiting{status} after every retry. Lower --rate.",
                                  ru: "API ограничил частоту запросов{status}, повторы не помогли. Уменьшите --rate."),
        "api.invalid_data": Entry(en: "The API rejected the data{status}: {detail}", ru: "API отклонил данные{status}: {detail}"),
        "api.server": Entry(en: "The API kept failing{status} after every retry: {detail}",
                            ru: "Ошибка сервера API{status} после всех повторов: {detail}"),
        "api.transport": Entry(
            en: "Cannot reach the Calltouch API{place}: {detail}{tries}. Check --base-url, the network and any proxy.",
            ru: "Нет связи с API Calltouch{place}: {detail}{tries}. Проверьте --base-url, сеть и прокси."),
        "api.transport_place": Entry(en: " at {url}", ru: " по адресу {url}"),
        "api.transport_tries": Entry(en: ", {n} {n|attempt|attempts}", ru: ", {n} {n|попытка|попытки|попыток}"),
        "api.cancelled": Entry(en: "Cancelled.", ru: "Прервано."),
    ]
}
