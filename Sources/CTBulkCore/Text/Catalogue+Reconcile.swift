extension Catalogue {
    /// `ctbulk reconcile`: drift between the account and the job.
    static let reconcileEntries: [String: Entry] = [
        "reconcile.status.changed": Entry(en: "changed", ru: "изменено"),
        "reconcile.status.missing": Entry(en: "missing (the number is free)", ru: "нет в пуле (номер свободен)"),
        "reconcile.status.unknown": Entry(en: "unknown (not in the account)", ru: "нет в аккаунте"),
        "reconcile.status.in-sync": Entry(en: "in sync", ru: "совпадает"),
        "reconcile.change": Entry(en: "{field}: live {live}, desired {desired}", ru: "{field}: в аккаунте {live}, в задании {desired}"),
        "reconcile.summary": Entry(
            en: "Reconcile: {inSync} in sync, {changed} changed, {missing} missing, {unknown} unknown.",
            ru: "Сверка: совпадает {inSync}, изменено {changed}, нет в пуле {missing}, нет в аккаунте {unknown}."),
        "reconcile.unknown_cannot_fix": Entry(
            en: "{n} {n|number is|numbers are} not in the account; applying cannot fix that.",
            ru: "{n} {n|номера|номеров|номеров} нет в аккаунте; применением это не исправить."),
        "reconcile.fixed": Entry(en: "Drift fixed: the account now matches the job.",
                                 ru: "Расхождения исправлены: аккаунт совпадает с заданием."),
        "reconcile.metrics_failed": Entry(en: "Cannot write metrics to {path}: {error}",
                                          ru: "Не удалось записать метрики в {path}: {error}"),
    ]
}
