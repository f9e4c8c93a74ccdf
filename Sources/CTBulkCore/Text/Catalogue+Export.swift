extension Catalogue {
    /// `ctbulk export` and `export --undo-for`.
    static let exportEntries: [String: Entry] = [
        "export.what": Entry(en: "Give a file (a job or a list of numbers), --pool or --redirect-id.",
                             ru: "Укажите файл (задание или список номеров), --pool или --redirect-id."),
        "export.done": Entry(en: "Exported {n} {n|number|numbers} to {path}.",
                             ru: "Выгружено {n} {n|номер|номера|номеров} в {path}."),
        "export.free_left_out": Entry(en: "{n} free {n|number|numbers} (no settings) {n|was|were} left out.",
                                      ru: "Пропущено свободных номеров (без настроек): {n}."),
        "export.unknown": Entry(en: "{n} {n|number is|numbers are} not in the account.",
                                ru: "{n} {n|номера|номеров|номеров} нет в аккаунте."),
        "export.no_run": Entry(en: "No run {run} in {path}.", ru: "Запуска {run} нет в журнале {path}."),
        "export.undo_done": Entry(en: "Undo of run {run} ({job}): {n} {n|number|numbers} written to {path}.",
                                  ru: "Откат запуска {run} ({job}): {n} {n|номер|номера|номеров} записано в {path}."),
        "export.were_free": Entry(
            en: "These numbers were free before the run; a job cannot free them, free them in the web cabinet: {numbers}",
            ru: "Эти номера были свободны до запуска; задание их не освобождает, освободите их в кабинете: {numbers}"),
        "export.added_reserves": Entry(
            en: "The run added a reserve redirect to these numbers; a job cannot remove it, remove it in the web cabinet: {numbers}",
            ru: "У этих номеров запуск добавил резервную переадресацию; задание её не снимает, снимите в кабинете: {numbers}"),
        "export.not_completed": Entry(en: "Note: run {run} is not completed ({status}).",
                                      ru: "Внимание: запуск {run} не завершён ({status})."),
    ]
}
