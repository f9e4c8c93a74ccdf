extension Catalogue {
    /// Headers as teams write them (mapping, suggestions, title rows), numbers and values as people type them, the
    /// listing of problems, skipped invalid rows and the plan as a spreadsheet.
    static let headersEntries: [String: Entry] = [
        // The fields, as people call them.
        "field.phoneNumber": Entry(en: "Number", ru: "Номер"),
        "field.poolName": Entry(en: "Pool", ru: "Пул"),
        "field.source": Entry(en: "Source", ru: "Источник"),
        "field.medium": Entry(en: "Medium", ru: "Канал"),
        "field.campaign": Entry(en: "Campaign", ru: "Кампания"),
        "field.content": Entry(en: "Content", ru: "Объявление"),
        "field.keyword": Entry(en: "Keyword", ru: "Ключевое слово"),
        "field.redirectType": Entry(en: "Redirect type", ru: "Тип переадресации"),
        "field.redirectNumber": Entry(en: "Redirect number", ru: "Номер переадресации"),
        "field.reserveNumber": Entry(en: "Reserve number", ru: "Резервный номер"),
        "field.reserveTimeOut": Entry(en: "Reserve time-out", ru: "Таймаут"),
        "field.ignoreEarlyMedia": Entry(en: "Ignore early media", ru: "Игнорировать early media"),

        // Unknown headers.
        "headers.unknown.suggestion": Entry(
            en: "Column «{header}» is not recognised and its data is ignored. Maybe {field} («{label}»)? Map it with --map '{header}={field}' (or a --mapping file), or rename the column.",
            ru: "Столбец «{header}» не распознан, его данные не используются. Может быть, {field} («{label}»)? Укажите --map '{header}={field}' (или файл --mapping) либо переименуйте столбец."),
        "headers.unknown.plain": Entry(
            en: "Column «{header}» is not recognised and its data is ignored. Map it with --map '{header}=FIELD' (or a --mapping file); the README lists the fields and accepted names.",
            ru: "Столбец «{header}» не распознан, его данные не используются. Укажите --map '{header}=ПОЛЕ' (или файл --mapping); поля и допустимые названия перечислены в README."),
        "problem.header.unknown_empty": Entry(
            en: "Column «{header}» is not recognised; it is empty and ignored.",
            ru: "Столбец «{header}» не распознан; он пустой и пропущен."),
        "problem.header.title_rows": Entry(
            en: "The header is on row {row}: the {n} {n|row|rows} above it ({title}) {n|was|were} skipped as a title.",
            ru: "Заголовок таблицы найден в строке {row}: {n} {n|строка|строки|строк} выше ({title}) {n|пропущена|пропущены|пропущены} как название."),
        "headers.phone_missing.seems_at": Entry(
            en: "No phone number column. The header seems to be on row {row} ({columns}), but it has no column for the number: name it «Номер», «Телефон» or phone_number, or map it with --map 'HEADER=phoneNumber'.",
            ru: "Нет столбца с номером телефона. Похоже, заголовок таблицы в строке {row} ({columns}), но в нём нет столбца с номером: назовите его «Номер», «Телефон» или phone_number либо укажите --map 'ЗАГОЛОВОК=phoneNumber'."),

        // Mapping options.
        "headers.map.syntax": Entry(
            en: "--map '{value}': write HEADER=FIELD, e.g. --map 'Резерв=reserveNumber'.",
            ru: "--map '{value}': нужно ЗАГОЛОВОК=ПОЛЕ, например --map 'Резерв=reserveNumber'."),
        "headers.map.field": Entry(
            en: "{source}: «{header}» is mapped to «{field}», which is not a field. Fields: {fields}.",
            ru: "{source}: столбец «{header}» сопоставлен с «{field}», такого поля нет. Поля: {fields}."),
        "headers.mapping.unreadable": Entry(
            en: "Cannot read the mapping file {path}: {reason}.",
            ru: "Не удаётся прочитать файл сопоставления {path}: {reason}."),
        "headers.mapping.shape": Entry(
            en: "The mapping file {path} is not a JSON object of headers to fields, like {{\"Резерв\": \"reserveNumber\"}}.",
            ru: "Файл сопоставления {path} должен быть JSON-объектом «заголовок → поле», например {{\"Резерв\": \"reserveNumber\"}}."),
        "headers.mapping.strict": Entry(
            en: "Column «{header}» is not recognised (--strict-headers). Map it with --map '{header}=FIELD' or remove the column.",
            ru: "Столбец «{header}» не распознан (--strict-headers). Укажите --map '{header}=ПОЛЕ' или удалите столбец."),
        "headers.mapped": Entry(en: "mapped", ru: "сопоставлено"),

        // Numbers and values.
        "problem.phone.extension": Entry(
            en: "The number has an extension («{extension}»). Calltouch redirects to a number only, without an extension: keep the number (7xxxxxxxxxx) and set the extension up in your PBX.",
            ru: "У номера указан добавочный («{extension}»). Calltouch переадресует только на номер, без добавочного: оставьте номер (7xxxxxxxxxx), а добавочный настройте в АТС."),
        "problem.phone.country_added": Entry(
            en: "Ten digits without the country code: «7» added, {normalized}. Check that it is a Russian number.",
            ru: "Десять цифр без кода страны: добавлена «7», {normalized}. Проверьте, что это российский номер."),

        // The listing.
        "listing.columns": Entry(en: "Columns:", ru: "Столбцы:"),
        "listing.errors": Entry(en: "Errors ({n}):", ru: "Ошибки ({n}):"),
        "listing.errors.cut": Entry(en: "Errors (the first {shown} of {n}; --all for every one):",
                                    ru: "Ошибки (первые {shown} из {n}; все: --all):"),
        "listing.warnings": Entry(en: "Warnings ({n}):", ru: "Предупреждения ({n}):"),
        "listing.warnings.cut": Entry(en: "Warnings (the first {shown} of {n}; --all for every one):",
                                      ru: "Предупреждения (первые {shown} из {n}; все: --all):"),
        "listing.notes": Entry(en: "Notes ({n}; listed with --all):", ru: "Примечания ({n}; список: --all):"),
        "listing.notes.all": Entry(en: "Notes ({n}):", ru: "Примечания ({n}):"),
        "listing.note.count": Entry(en: "{code}: {n} {n|row|rows}", ru: "{code}: {n} {n|строка|строки|строк}"),

        // Skipping invalid rows.
        "skip.invalid.summary": Entry(
            en: "{n} {n|row has|rows have} errors and {n|is|are} skipped (--skip-invalid); the other rows go ahead.",
            ru: "{n} {n|строка с ошибками пропущена|строки с ошибками пропущены|строк с ошибками пропущено} (--skip-invalid); остальные строки идут дальше."),
        "skip.invalid.outcome": Entry(en: "invalid", ru: "ошибка в строке"),
        "skip.invalid.nothing": Entry(
            en: "No row is valid: nothing to plan. Fix the errors (ctbulk validate --report) and run again.",
            ru: "Нет ни одной строки без ошибок: планировать нечего. Исправьте ошибки (ctbulk validate --report) и запустите снова."),

        // The plan as a spreadsheet.
        "plan.report.row": Entry(en: "Row", ru: "Строка"),
        "plan.report.number": Entry(en: "Number", ru: "Номер"),
        "plan.report.action": Entry(en: "Action", ru: "Действие"),
        "plan.report.live": Entry(en: "Now", ru: "Сейчас"),
        "plan.report.changes": Entry(en: "Changes", ru: "Изменений"),
        "plan.report.before": Entry(en: "{field}: before", ru: "{field}: было"),
        "plan.report.after": Entry(en: "{field}: after", ru: "{field}: станет"),
        "plan.report.message": Entry(en: "Message", ru: "Сообщение"),
        "plan.report.action.create": Entry(en: "add (the number is free)", ru: "добавить (номер свободен)"),
        "plan.report.action.update": Entry(en: "update", ru: "изменить"),
        "plan.report.action.noop": Entry(en: "no change", ru: "без изменений"),
        "plan.report.action.error": Entry(en: "error", ru: "ошибка"),
        "plan.report.action.invalid": Entry(en: "skipped: errors in the row", ru: "пропущена: ошибки в строке"),
        "plan.report.live.free": Entry(en: "free", ru: "свободен"),
        "plan.report.live.used": Entry(en: "in a pool", ru: "в пуле"),
        "plan.report.live.unknown": Entry(en: "not in the account", ru: "нет в аккаунте"),
        "plan.report.total": Entry(en: "Total", ru: "Итого"),
        "plan.report.summary": Entry(
            en: "{create} to add, {update} to update, {noop} unchanged, {errors} with errors",
            ru: "добавить: {create}, изменить: {update}, без изменений: {noop}, с ошибками: {errors}"),
        "plan.report.cost": Entry(
            en: "{requests} {requests|request|requests} and points ({writes} {writes|write|writes}), about {time} at {rate} requests/s",
            ru: "{requests} {requests|запрос|запроса|запросов} и баллов (записей: {writes}), около {time} при {rate} запросах/с"),
        "plan.report.seconds": Entry(en: "{s} s", ru: "{s} с"),
        "plan.report.minutes": Entry(en: "{m} min {s} s", ru: "{m} мин {s} с"),
        "plan.report.hours": Entry(en: "{h} h {m} min", ru: "{h} ч {m} мин"),
        "plan.report.written": Entry(en: "Plan for approval: {path}", ru: "План на согласование: {path}"),
    ]
}

/// The messages of the problem codes this area added (and of `header.unknown`, which now names the closest field).
enum HeaderMessages {
    static func message(_ code: ProblemCode, problem: Problem) -> Message {
        let d = problem.details
        let header = problem.column ?? problem.value ?? ""
        switch code {
        case .headerUnknown:
            if d["strict"] != nil { return Message("headers.mapping.strict", ["header": .text(header)]) }
            if let column = problem.suggestedColumn {
                return Message("headers.unknown.suggestion", ["header": .text(header), "field": .text(column.fieldName),
                                                              "label": .message(column.label)])
            }
            return Message("headers.unknown.plain", ["header": .text(header)])
        case .headerPhoneMissing:
            return Message("headers.phone_missing.seems_at", ["row": .text(d["seemsAt"] ?? "?"),
                                                              "columns": .text(d["columns"] ?? "")])
        case .headerTitleRows:
            return Message("problem.header.title_rows", ["row": .text(d["row"] ?? "?"), "n": .count(Int(d["skipped"] ?? "") ?? 0),
                                                         "title": .text(d["title"] ?? "")])
        default:
            var arguments: [String: Message.Argument] = ["header": .text(header)]
            for (key, value) in d { arguments[key] = .text(value) }
            return Message("problem.\(code.rawValue)", arguments)
        }
    }
}

extension JobColumn {
    /// The field as people call it («Резервный номер»).
    public var label: Message { Message("field.\(fieldName)") }
}

extension Problem {
    /// For an unrecognised header: the field it most likely means, if one is close.
    public var suggestedColumn: JobColumn? { details["suggestion"].flatMap { JobColumn(fieldName: $0) } }
}

extension SettingField {
    /// The field as people call it («Кампания»), the same words as its column's.
    public var label: Message { Message("field.\(rawValue)") }
}
