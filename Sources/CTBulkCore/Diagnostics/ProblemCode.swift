/// Every problem ctbulk reports, with its stable code (what scripts and reports match on), its severity and its
/// message in English and Russian. Messages say what is wrong and how to fix it.
public enum ProblemCode: String, Sendable, Codable, CaseIterable {
    // File and header
    case headerPhoneMissing = "header.phone.missing"
    case headerUnknown = "header.unknown"
    case headerDuplicate = "header.duplicate"
    case headerUnknownEmpty = "header.unknown_empty"
    case headerTitleRows = "header.title_rows"
    case fileEmpty = "file.empty"
    case fileEncoding = "file.encoding"
    case fileCSVSyntax = "file.csv.syntax"
    case jsonSyntax = "json.syntax"
    case jsonShape = "json.shape"
    case jsonUnknownKey = "json.unknown_key"
    case rowExtraCells = "row.extra_cells"
    case rowEmpty = "row.empty"
    case fileWorkbookDamaged = "file.xlsx.damaged"
    // Cells
    case excelError = "cell.excel_error"
    case cellTooLarge = "cell.too_large"
    case controlCharacter = "cell.control_character"
    case cellDate = "cell.date"
    case phoneMissing = "phone.missing"
    case phoneScientific = "phone.scientific"
    case phoneLetters = "phone.letters"
    case phoneCharacters = "phone.characters"
    case phoneLength = "phone.length"
    case phoneCountry = "phone.country"
    case phoneExtension = "phone.extension"
    case phoneCountryAdded = "phone.country_added"
    case phoneNormalized = "phone.normalized"
    case phoneFloatTail = "phone.float_tail"
    case clearNotAllowed = "cell.clear_not_allowed"
    case boolFormat = "bool.format"
    case redirectTypeInvalid = "redirect.type"
    case reserveTimeoutFormat = "reserve.timeout.format"
    case reserveTimeoutRange = "reserve.timeout.range"
    case timeoutFloatTail = "reserve.timeout.float_tail"
    // Rules of the API document
    case nothingToSet = "row.nothing_to_set"
    case displaySourceRequired = "display.source.required"
    case redirectNumberRequired = "redirect.number.required"
    case reserveNumberRequired = "reserve.number.required"
    case reserveTimeoutRequired = "reserve.timeout.required"
    case reservePrimaryRequired = "reserve.primary.required"
    case redirectLoop = "redirect.loop"
    case reserveLoop = "reserve.loop"
    case reserveSameAsPrimary = "reserve.same_as_primary"
    // Across rows
    case duplicateConflict = "duplicate.conflict"
    case duplicateIdentical = "duplicate.identical"
    // Live state and inventory
    case numberUnknown = "live.number_unknown"
    case freeNumberNeedsSource = "live.free_needs_source"
    case inventoryNotConnected = "inventory.not_connected"
    case inventoryInactive = "inventory.inactive"
    case inventoryInUse = "inventory.in_use"

    /// How bad the problem is unless the reporter says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .headerUnknown, .jsonUnknownKey, .rowExtraCells, .duplicateIdentical, .reserveSameAsPrimary, .inventoryInUse:
            return .warning
        case .phoneNormalized, .phoneFloatTail, .timeoutFloatTail, .rowEmpty, .headerUnknownEmpty, .headerTitleRows,
             .phoneCountryAdded:
            return .note
        default:
            return .error
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func message(_ language: Language, problem: Problem) -> String {
        let d = problem.details
        let ru = language == .ru
        switch self {
        case .headerUnknown, .headerUnknownEmpty, .headerTitleRows, .phoneExtension, .phoneCountryAdded:
            return HeaderMessages.message(self, problem: problem).render(language)
        case .headerPhoneMissing where d["seemsAt"] != nil:
            return HeaderMessages.message(self, problem: problem).render(language)
        case .fileWorkbookDamaged, .cellDate:  // from the catalogue (`problem.<code>`, Catalogue+Spreadsheet.swift)
            return Catalogue.render(Message("problem." + rawValue, d.mapValues(Message.Argument.text)), language)
        case .headerPhoneMissing:
            return ru ? "Нет столбца с номером телефона. Назовите его «Номер», «Телефон» или phone_number."
                : "No phone number column. Name it \"phone_number\", \"Номер\" or \"Телефон\"."
        case .headerDuplicate:
            return ru ? "Поле «\(d["field"] ?? "")» задано двумя столбцами. Оставьте один."
                : "Two columns map to the field \"\(d["field"] ?? "")\". Keep one."
        case .fileEmpty:
            return ru ? "Файл пуст: нет строки заголовка." : "The file is empty: there is no header row."
        case .fileEncoding:
            return ru ? "Текст не читается в кодировке \(d["encoding"] ?? ""). Укажите --encoding (utf-8, cp1251, utf-16le)."
                : "The text is not valid \(d["encoding"] ?? ""). Pass --encoding (utf-8, cp1251, utf-16le)."
        case .fileCSVSyntax:
            return ru ? "Ошибка разбора CSV (незакрытая кавычка?)." : "CSV syntax error (an unclosed quote?)."
        case .jsonSyntax:
            return ru ? "Файл не является корректным JSON: \(d["reason"] ?? "")."
                : "The file is not valid JSON: \(d["reason"] ?? "")."
        case .jsonShape:
            return ru ? "Ожидается массив объектов, как в документации API, или объект {\"defaults\": {...}, \"numbers\": [...]}."
                : "Expected an array of objects shaped like the API body, or {\"defaults\": {...}, \"numbers\": [...]}."
        case .jsonUnknownKey:
            return ru ? "Неизвестное поле; оно будет пропущено." : "Unknown key; it is ignored."
        case .rowExtraCells:
            return ru ? "В строке больше ячеек, чем столбцов в заголовке; лишние пропущены."
                : "The row has more cells than the header has columns; the extra cells are ignored."
        case .rowEmpty:
            return ru ? "Пустая строка пропущена." : "Empty row skipped."
        case .excelError:
            return ru ? "В ячейке ошибка Excel. Исправьте формулу в таблице или введите значение вручную."
                : "The cell holds an Excel error value. Fix the formula in the spreadsheet or type the value."
        case .cellTooLarge:
            return ru ? "Ячейка в файле \(d["file"] ?? "") занимает \(d["bytes"] ?? "?") байт, больше предела в \(d["limit"] ?? "?") байт; её содержимое не прочитано. Сократите текст в ячейке или поднимите предел (--max-cell-bytes)."
                : "The cell in \(d["file"] ?? "") is \(d["bytes"] ?? "?") bytes, over the limit of \(d["limit"] ?? "?") bytes; its content was not read. Shorten the cell or raise the limit with --max-cell-bytes."
        case .controlCharacter:
            return ru ? "В ячейке управляющий символ \(d["character"] ?? "") (позиция \(d["position"] ?? "?")). Управляющие символы (escape-последовательности терминала, NUL, DEL, переводы строки в однострочном поле) в API не отправляются: удалите его."
                : "The cell holds the control character \(d["character"] ?? "") (position \(d["position"] ?? "?")). Control characters (terminal escapes, NUL, DEL, line breaks in a single-line field) are never sent to the API: remove it."
        case .phoneMissing:
            return ru ? "Номер не указан. Каждая строка должна содержать статический номер."
                : "No number. Every row needs the static number."
        case .phoneScientific:
            return ru ? "Excel сохранил номер в экспоненциальном виде, цифры потеряны. Задайте столбцу формат «Текстовый», введите номера заново и сохраните файл снова."
                : "Excel saved the number in scientific notation and its digits are lost. Format the column as Text, re-enter the numbers and save again."
        case .phoneLetters:
            return ru ? "В номере есть буквы (не русская ли «О» вместо нуля?). Нужен формат 7xxxxxxxxxx."
                : "The number contains letters (a Cyrillic \"О\" for a zero?). Use the 7xxxxxxxxxx format."
        case .phoneCharacters:
            return ru ? "В номере недопустимые символы. Нужен формат 7xxxxxxxxxx." : "The number contains characters that do not belong in a phone number. Use 7xxxxxxxxxx."
        case .phoneLength:
            return ru ? "Неверное количество цифр. Нужно 11 цифр в формате 7xxxxxxxxxx (или 10 цифр, начиная с 3, 4, 8 или 9)."
                : "Wrong number of digits. Use 11 digits as 7xxxxxxxxxx (or 10 digits starting with 3, 4, 8 or 9)."
        case .phoneCountry:
            return ru ? "Номер не российский: нужен формат 7xxxxxxxxxx." : "Not a +7 number: use the 7xxxxxxxxxx format."
        case .phoneNormalized:
            return ru ? "Номер приведён к формату \(d["normalized"] ?? "")." : "Number normalised to \(d["normalized"] ?? "")."
        case .phoneFloatTail:
            return ru ? "Убран хвост «.0» (номер был сохранён как число): \(d["normalized"] ?? "")."
                : "Removed a \".0\" tail (the number was saved as a float): \(d["normalized"] ?? "")."
        case .clearNotAllowed:
            return ru ? "«[]» (очистить поле) допустимо только для канала, кампании, объявления и ключевого слова."
                : "\"[]\" (clear the field) is allowed for medium, campaign, content and keyword only."
        case .boolFormat:
            return ru ? "Ожидается да/нет (true/false, 1/0, ИСТИНА/ЛОЖЬ)." : "Expected yes/no (true/false, 1/0, да/нет, ИСТИНА/ЛОЖЬ)."
        case .redirectTypeInvalid:
            return ru ? "API поддерживает только тип переадресации PSTN. Оставьте ячейку пустой или укажите PSTN."
                : "The API supports only the PSTN redirect type. Leave the cell blank or write PSTN."
        case .reserveTimeoutFormat:
            return ru ? "Таймаут должен быть целым числом секунд от 10 до 120." : "The time-out must be a whole number of seconds, 10 to 120."
        case .reserveTimeoutRange:
            return ru ? "Таймаут вне диапазона: допустимо от 10 до 120 секунд." : "The time-out is out of range: 10 to 120 seconds."
        case .timeoutFloatTail:
            return ru ? "Убран хвост «.0» у таймаута." : "Removed a \".0\" tail from the time-out."
        case .nothingToSet:
            return ru ? "Нечего менять: укажите хотя бы пул, параметры отображения (источник) или номер переадресации."
                : "Nothing to set: give at least a pool name, display options (source) or a redirect number."
        case .displaySourceRequired:
            return ru ? "Указаны параметры отображения, но не указан источник (source). Источник обязателен."
                : "Display options are given without source; source is required whenever any display option is set."
        case .redirectNumberRequired:
            return ru ? "Указаны параметры переадресации, но нет номера переадресации." : "Redirect options are given without a redirect number."
        case .reserveNumberRequired:
            return ru ? "Указана резервная переадресация без резервного номера." : "A reserve redirect is given without a reserve number."
        case .reserveTimeoutRequired:
            return ru ? "Указана резервная переадресация без таймаута (10–120 с)." : "A reserve redirect is given without a time-out (10–120 s)."
        case .reservePrimaryRequired:
            return ru ? "Резервная переадресация требует основного номера переадресации." : "A reserve redirect needs a primary redirect number."
        case .redirectLoop:
            return ru ? "Номер переадресации совпадает с самим статическим номером: звонок зациклится."
                : "The redirect number is the static number itself: calls would loop."
        case .reserveLoop:
            return ru ? "Резервный номер совпадает с самим статическим номером: звонок зациклится."
                : "The reserve number is the static number itself: calls would loop."
        case .reserveSameAsPrimary:
            return ru ? "Резервный номер совпадает с основным: резерв ничего не даст." : "The reserve number equals the primary redirect: the reserve adds nothing."
        case .duplicateConflict:
            return ru ? "Номер уже встречался в строке \(d["otherRow"] ?? "?") с другими настройками. Оставьте одну строку."
                : "The same number is in row \(d["otherRow"] ?? "?") with different settings. Keep one row."
        case .duplicateIdentical:
            return ru ? "Номер уже встречался в строке \(d["otherRow"] ?? "?") с теми же настройками; повтор будет пропущен."
                : "The same number with the same settings is in row \(d["otherRow"] ?? "?"); this copy is skipped."
        case .numberUnknown:
            return ru ? "Номера нет в аккаунте (API не вернул его). Проверьте номер и SiteId."
                : "The number is not in the account (the API did not return it). Check the number and the SiteId."
        case .freeNumberNeedsSource:
            return ru ? "Номер свободен: чтобы поставить его в пул, укажите хотя бы источник (source) в параметрах отображения."
                : "The number is free: to put it in a pool, give display options with at least a source."
        case .inventoryNotConnected:
            return ru ? "Номер не подключён в UIS (get.virtual_numbers его не знает)."
                : "The number is not connected in UIS (get.virtual_numbers does not know it)."
        case .inventoryInactive:
            return ru ? "Номер в UIS в статусе «\(d["status"] ?? "")», а не active."
                : "The number's UIS status is \"\(d["status"] ?? "")\", not active."
        case .inventoryInUse:
            return ru ? "Номер уже используется в UIS: \(d["usedBy"] ?? "")." : "The number is already used in UIS: \(d["usedBy"] ?? "")."
        }
    }
}
