extension Catalogue {
    /// `ctbulk plan`: the per-row diff, the summary and its cost.
    static let planEntries: [String: Entry] = [
        "plan.action.create": Entry(en: "create", ru: "добавить (номер свободен)"),
        "plan.action.update": Entry(en: "update", ru: "изменить"),
        "plan.action.no-op": Entry(en: "no-op", ru: "без изменений"),
        "plan.action.error": Entry(en: "error", ru: "ошибка"),
        "plan.row": Entry(en: "row {row}", ru: "строка {row}"),
        "plan.account": Entry(en: "Account: SiteId {site} at {url}", ru: "Аккаунт: SiteId {site}, {url}"),
        "plan.hidden_noops": Entry(
            en: "= {n} {n|row|rows} already as desired (list them with --show-unchanged)",
            ru: "= ещё {n} {n|строка|строки|строк} уже как нужно (показать: --show-unchanged)"),
        "plan.saved": Entry(en: "Plan saved to {path}", ru: "План сохранён: {path}"),
        "plan.summary": Entry(
            en: "Plan: {create} to create, {update} to update, {noop} unchanged, {errors} {errors|error|errors}.",
            ru: "Итог: добавить {create}, изменить {update}, без изменений {noop}, ошибок {errors}."),
        "plan.cost": Entry(
            en: "Cost: {writes} {writes|write|writes} + {rereads} {rereads|re-read|re-reads} of live state before writing + {verify} {verify|read-back|read-backs} to verify = {total} {total|request|requests} and points; about {duration} at {rate} requests/s.",
            ru: "Стоимость: {writes} {writes|запрос|запроса|запросов} записи, {rereads} {rereads|чтение|чтения|чтений} перед записью, {verify} {verify|проверочное чтение|проверочных чтения|проверочных чтений} после; всего {total} {total|запрос|запроса|запросов} и столько же баллов, около {duration} при {rate} {rate|запросе|запросах|запросах} в секунду."),
        "plan.reads": Entry(
            en: "(Reading live state for this plan took {n} {n|request|requests}.)",
            ru: "(Чтение состояния для плана: {n} {n|запрос|запроса|запросов}.)"),
        "duration.hours": Entry(en: "{h} h {m} min", ru: "{h} ч {m} мин"),
        "duration.minutes": Entry(en: "{m} min {s} s", ru: "{m} мин {s} с"),
        "duration.seconds": Entry(en: "{s} s", ru: "{s} с"),
        "progress.reading": Entry(en: "reading live state: {done}/{total}", ru: "чтение состояния: {done}/{total}"),
    ]
}
