extension Catalogue {
    /// The journal (`.ctbulk/journal.sqlite`) and the run lock.
    static let journalEntries: [String: Entry] = [
        "journal.damaged": Entry(
            en: "The journal {path} is damaged or is not a ctbulk journal ({reason}). Move it aside (mv {path} {path}.broken) and run again; the runs it recorded cannot be resumed.",
            ru: "Журнал {path} повреждён или не является журналом ctbulk ({reason}). Отложите его (mv {path} {path}.broken) и запустите снова; записанные в нём запуски продолжить не получится."),
        "journal.unreadable_record": Entry(
            en: "The journal {path} holds a record this ctbulk cannot read ({reason}); it may come from a newer version.",
            ru: "В журнале {path} есть запись, которую эта версия ctbulk не может прочитать ({reason}); возможно, её сделала более новая версия."),
        "journal.unavailable": Entry(
            en: "The journal {path} cannot be used: {reason}.",
            ru: "Журнал {path} недоступен: {reason}."),
        "journal.no_run": Entry(en: "no run {run}", ru: "нет запуска {run}"),
        "lock.process": Entry(en: "process {pid}", ru: "процесс {pid}"),
        "lock.another_process": Entry(en: "another process", ru: "другой процесс"),
        "lock.since": Entry(en: " since {since}", ru: " с {since}"),
        "lock.folder": Entry(en: "folder {folder}", ru: "папка {folder}"),
        "lock.file": Entry(en: "file {file}", ru: "файл {file}"),
        "lock.journal": Entry(en: "journal {journal}", ru: "журнал {journal}"),
        "lock.held": Entry(
            en: "This job is already running on this account on this machine ({who}{since}{details}); not starting a second run. Lock: {path}",
            ru: "Это задание уже выполняется для этого аккаунта на этой машине ({who}{since}{details}); второй запуск не начат. Блокировка: {path}"),
        "lock.unusable": Entry(en: "Cannot take the lock {path}: {reason}", ru: "Не удалось взять блокировку {path}: {reason}"),
    ]
}
