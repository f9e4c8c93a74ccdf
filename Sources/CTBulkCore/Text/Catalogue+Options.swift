extension Catalogue {
    /// Help texts of the options added with .xlsx input, the team's own headers and --skip-invalid.
    static let optionEntries: [String: Entry] = [
        "usage.at_least": Entry(en: "{option} must be at least {min}", ru: "Значение {option} должно быть не меньше {min}"),
        "usage.range": Entry(en: "{option} must be {min} to {max}", ru: "Значение {option} должно быть от {min} до {max}"),
        "usage.fraction": Entry(en: "{option} is a fraction between 0 and 1", ru: "Значение {option} — доля от 0 до 1"),
        "usage.not_both": Entry(en: "give {a} or {b}, not both", ru: "Укажите {a} или {b}, но не то и другое вместе"),
        "usage.apply_input": Entry(en: "give a job file, a saved plan, or --resume",
                                   ru: "Укажите файл задания, сохранённый план или --resume"),
        "usage.reconcile_input": Entry(en: "give a job or list file, --pool, --redirect-id or --undo-for",
                                       ru: "Укажите файл задания или списка номеров, --pool, --redirect-id или --undo-for"),
        "help.input.sheet": Entry(
            en: "The sheet of an .xlsx file to read (default: the first).",
            ru: "Лист файла .xlsx, который читать (по умолчанию — первый)."),
        "help.input.map": Entry(
            en: "Map a header of yours to a field: --map 'Резерв=reserveNumber' (repeatable).",
            ru: "Сопоставить ваш заголовок полю: --map 'Резерв=reserveNumber' (можно несколько раз)."),
        "help.input.mapping": Entry(
            en: "A JSON file of your headers to fields: {\"Резерв\": \"reserveNumber\"}.",
            ru: "JSON-файл соответствия ваших заголовков полям: {\"Резерв\": \"reserveNumber\"}."),
        "help.input.strictHeaders": Entry(
            en: "Make an unrecognised header an error instead of a warning.",
            ru: "Считать нераспознанный заголовок ошибкой, а не предупреждением."),
        "help.plan.skipInvalid": Entry(
            en: "Go ahead with the valid rows of a file with errors; the others are listed (and in the reports) with their errors.",
            ru: "Работать с верными строками файла, в котором есть ошибки; остальные перечисляются (и попадают в отчёты) со своими ошибками."),
        "help.export.plain": Entry(
            en: "Plain UTF-8 CSV with ',' (by default a CSV is what Excel opens correctly: UTF-8 with BOM and ';'; a path ending in .xlsx is a workbook).",
            ru: "Обычный CSV в UTF-8 с «,» (по умолчанию — CSV, который Excel открывает правильно: UTF-8 с BOM и «;»; путь с окончанием .xlsx — книга Excel)."),
        "report.outcome.invalid": Entry(en: "invalid", ru: "ошибка в строке"),
        "help.serve.abstract": Entry(
            en: "Serve the web app: upload a job, see its errors, plan, apply with live progress, download the results.",
            ru: "Веб-приложение: загрузите задание, посмотрите ошибки, план, примените с ходом работы в реальном времени, скачайте результаты."),
        "help.serve.discussion": Entry(
            en: "Listens on 127.0.0.1 by default. On any other address every request needs the access secret: --password-file FILE (owner-only), or a token generated and printed at start. The Calltouch token never reaches the browser. Try it with --sandbox (the built-in fake account).",
            ru: "По умолчанию слушает 127.0.0.1. На любом другом адресе каждому запросу нужен секрет доступа: --password-file ФАЙЛ (доступный только владельцу) или токен, созданный и напечатанный при запуске. Ключ Calltouch в браузер не попадает. Попробуйте с --sandbox (встроенный учебный аккаунт)."),
        "help.serve.host": Entry(
            en: "Address to listen on (default 127.0.0.1; any other needs the access secret).",
            ru: "Адрес, на котором слушать (по умолчанию 127.0.0.1; любой другой требует секрета доступа)."),
        "help.serve.port": Entry(
            en: "Port to listen on (0 picks a free one).",
            ru: "Порт (0 — выбрать свободный)."),
        "help.serve.passwordFile": Entry(
            en: "Access secret for the browser, first line of an owner-only file (required beyond loopback; else one is generated).",
            ru: "Секрет доступа для браузера — первая строка файла, доступного только владельцу (нужен вне loopback; иначе создаётся автоматически)."),
        "help.serve.dataDir": Entry(
            en: "Folder of uploads, the header mapping, the journal and run reports (default <state-dir>/web).",
            ru: "Папка загрузок, соответствия заголовков, журнала и отчётов запусков (по умолчанию <state-dir>/web)."),
        "help.serve.maxUploadMb": Entry(
            en: "Largest upload accepted, in megabytes.",
            ru: "Наибольший размер загружаемого файла, МБ."),
    ]
}
