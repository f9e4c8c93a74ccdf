extension Catalogue {
    /// Problems found in job files (`problem.<code>`, the code being ``ProblemCode``'s raw value), their location and
    /// severity words. A problem code added elsewhere brings its own `problem.<code>` entry in its area's table.
    static let problemEntries: [String: Entry] = [
        "problem.location.row": Entry(en: "row {row}", ru: "строка {row}"),
        "problem.location.column": Entry(en: "column \"{column}\"", ru: "столбец «{column}»"),
        "problem.value.empty": Entry(en: "empty", ru: "пусто"),
        "severity.note": Entry(en: "note", ru: "примечание"),
        "severity.warning": Entry(en: "warning", ru: "предупреждение"),
        "severity.error": Entry(en: "error", ru: "ошибка"),

        "problem.header.phone.missing": Entry(
            en: "No phone number column. Name it \"phone_number\", \"Номер\" or \"Телефон\".",
            ru: "Нет столбца с номером телефона. Назовите его «Номер», «Телефон» или phone_number."),
        "problem.header.unknown": Entry(
            en: "Unknown column; it is ignored. The README lists the accepted names.",
            ru: "Столбец не распознан и будет пропущен. Допустимые названия перечислены в README."),
        "problem.header.duplicate": Entry(
            en: "Two columns map to the field \"{field}\". Keep one.",
            ru: "Поле «{field}» задано двумя столбцами. Оставьте один."),
        "problem.file.empty": Entry(
            en: "The file is empty: there is no header row.",
            ru: "Файл пуст: нет строки заголовка."),
        "problem.file.encoding": Entry(
            en: "The text is not valid {encoding}. Pass --encoding (utf-8, cp1251, utf-16le).",
            ru: "Текст не читается в кодировке {encoding}. Укажите --encoding (utf-8, cp1251, utf-16le)."),
        "problem.file.csv.syntax": Entry(
            en: "CSV syntax error (an unclosed quote?).",
            ru: "Ошибка разбора CSV (незакрытая кавычка?)."),
        "problem.json.syntax": Entry(
            en: "The file is not valid JSON: {reason}.",
            ru: "Файл не является корректным JSON: {reason}."),
        "problem.json.shape": Entry(
            en: "Expected an array of objects shaped like the API body, or {{\"defaults\": {{...}}, \"numbers\": [...]}}.",
            ru: "Ожидается массив объектов, как в документации API, или объект {{\"defaults\": {{...}}, \"numbers\": [...]}}."),
        "problem.json.unknown_key": Entry(
            en: "Unknown key; it is ignored.",
            ru: "Неизвестное поле; оно будет пропущено."),
        "problem.row.extra_cells": Entry(
            en: "The row has more cells than the header has columns; the extra cells are ignored.",
            ru: "В строке больше ячеек, чем столбцов в заголовке; лишние пропущены."),
        "problem.row.empty": Entry(en: "Empty row skipped.", ru: "Пустая строка пропущена."),
        "problem.cell.excel_error": Entry(
            en: "The cell holds an Excel error value. Fix the formula in the spreadsheet or type the value.",
            ru: "В ячейке ошибка Excel. Исправьте формулу в таблице или введите значение вручную."),
        "problem.cell.too_large": Entry(
            en: "The cell in {file} is {bytes} {bytes|byte|bytes}, over the limit of {limit} {limit|byte|bytes}; its content was not read. Shorten the cell or raise the limit with --max-cell-bytes.",
            ru: "Ячейка в файле {file} занимает {bytes} {bytes|байт|байта|байт}, больше предела в {limit} {limit|байт|байта|байт}; её содержимое не прочитано. Сократите текст в ячейке или поднимите предел (--max-cell-bytes)."),
        "problem.cell.control_character": Entry(
            en: "The cell holds the control character {character} (position {position}). Control characters (terminal escapes, NUL, DEL, line breaks in a single-line field) are never sent to the API: remove it.",
            ru: "В ячейке управляющий символ {character} (позиция {position}). Управляющие символы (escape-последовательности терминала, NUL, DEL, переводы строки в однострочном поле) в API не отправляются: удалите его."),
        "problem.phone.missing": Entry(
            en: "No number. Every row needs the static number.",
            ru: "Номер не указан. Каждая строка должна содержать статический номер."),
        "problem.phone.scientific": Entry(
            en: "Excel saved the number in scientific notation and its digits are lost. Format the column as Text, re-enter the numbers and save again.",
            ru: "Excel сохранил номер в экспоненциальном виде, цифры потеряны. Задайте столбцу формат «Текстовый», введите номера заново и сохраните файл снова."),
        "problem.phone.letters": Entry(
            en: "The number contains letters (a Cyrillic \"О\" for a zero?). Use the 7xxxxxxxxxx format.",
            ru: "В номере есть буквы (не русская ли «О» вместо нуля?). Нужен формат 7xxxxxxxxxx."),
        "problem.phone.characters": Entry(
            en: "The number contains characters that do not belong in a phone number. Use 7xxxxxxxxxx.",
            ru: "В номере недопустимые символы. Нужен формат 7xxxxxxxxxx."),
        "problem.phone.length": Entry(
            en: "Wrong number of digits. Use 11 digits as 7xxxxxxxxxx (or 10 digits starting with 3, 4, 8 or 9).",
            ru: "Неверное количество цифр. Нужно 11 цифр в формате 7xxxxxxxxxx (или 10 цифр, начиная с 3, 4, 8 или 9)."),
        "problem.phone.country": Entry(
            en: "Not a +7 number: use the 7xxxxxxxxxx format.",
            ru: "Номер не российский: нужен формат 7xxxxxxxxxx."),
        "problem.phone.normalized": Entry(
            en: "Number normalised to {normalized}.",
            ru: "Номер приведён к формату {normalized}."),
        "problem.phone.float_tail": Entry(
            en: "Removed a \".0\" tail (the number was saved as a float): {normalized}.",
            ru: "Убран хвост «.0» (номер был сохранён как число): {normalized}."),
        "problem.cell.clear_not_allowed": Entry(
            en: "\"[]\" (clear the field) is allowed for medium, campaign, content and keyword only.",
            ru: "«[]» (очистить поле) допустимо только для канала, кампании, объявления и ключевого слова."),
        "problem.bool.format": Entry(
            en: "Expected yes/no (true/false, 1/0, да/нет, ИСТИНА/ЛОЖЬ).",
            ru: "Ожидается да/нет (true/false, 1/0, ИСТИНА/ЛОЖЬ)."),
        "problem.redirect.type": Entry(
            en: "The API supports only the PSTN redirect type. Leave the cell blank or write PSTN.",
            ru: "API поддерживает только тип переадресации PSTN. Оставьте ячейку пустой или укажите PSTN."),
        "problem.reserve.timeout.format": Entry(
            en: "The time-out must be a whole number of seconds, 10 to 120.",
            ru: "Таймаут должен быть целым числом секунд от 10 до 120."),
        "problem.reserve.timeout.range": Entry(
            en: "The time-out is out of range: 10 to 120 seconds.",
            ru: "Таймаут вне диапазона: допустимо от 10 до 120 секунд."),
        "problem.reserve.timeout.float_tail": Entry(
            en: "Removed a \".0\" tail from the time-out.",
            ru: "Убран хвост «.0» у таймаута."),
        "problem.row.nothing_to_set": Entry(
            en: "Nothing to set: give at least a pool name, display options (source) or a redirect number.",
            ru: "Нечего менять: укажите хотя бы пул, параметры отображения (источник) или номер переадресации."),
        "problem.display.source.required": Entry(
            en: "Display options are given without source; source is required whenever any display option is set.",
            ru: "Указаны параметры отображения, но не указан источник (source). Источник обязателен."),
        "problem.redirect.number.required": Entry(
            en: "Redirect options are given without a redirect number.",
            ru: "Указаны параметры переадресации, но нет номера переадресации."),
        "problem.reserve.number.required": Entry(
            en: "A reserve redirect is given without a reserve number.",
            ru: "Указана резервная переадресация без резервного номера."),
        "problem.reserve.timeout.required": Entry(
            en: "A reserve redirect is given without a time-out (10–120 s).",
            ru: "Указана резервная переадресация без таймаута (10–120 с)."),
        "problem.reserve.primary.required": Entry(
            en: "A reserve redirect needs a primary redirect number.",
            ru: "Резервная переадресация требует основного номера переадресации."),
        "problem.redirect.loop": Entry(
            en: "The redirect number is the static number itself: calls would loop.",
            ru: "Номер переадресации совпадает с самим статическим номером: звонок зациклится."),
        "problem.reserve.loop": Entry(
            en: "The reserve number is the static number itself: calls would loop.",
            ru: "Резервный номер совпадает с самим статическим номером: звонок зациклится."),
        "problem.reserve.same_as_primary": Entry(
            en: "The reserve number equals the primary redirect: the reserve adds nothing.",
            ru: "Резервный номер совпадает с основным: резерв ничего не даст."),
        "problem.duplicate.conflict": Entry(
            en: "The same number is in row {otherRow} with different settings. Keep one row.",
            ru: "Номер уже встречался в строке {otherRow} с другими настройками. Оставьте одну строку."),
        "problem.duplicate.identical": Entry(
            en: "The same number with the same settings is in row {otherRow}; this copy is skipped.",
            ru: "Номер уже встречался в строке {otherRow} с теми же настройками; повтор будет пропущен."),
        "problem.live.number_unknown": Entry(
            en: "The number is not in the account (the API did not return it). Check the number and the SiteId.",
            ru: "Номера нет в аккаунте (API не вернул его). Проверьте номер и SiteId."),
        "problem.live.free_needs_source": Entry(
            en: "The number is free: to put it in a pool, give display options with at least a source.",
            ru: "Номер свободен: чтобы поставить его в пул, укажите хотя бы источник (source) в параметрах отображения."),
        "problem.inventory.not_connected": Entry(
            en: "The number is not connected in UIS (get.virtual_numbers does not know it).",
            ru: "Номер не подключён в UIS (get.virtual_numbers его не знает)."),
        "problem.inventory.inactive": Entry(
            en: "The number's UIS status is \"{status}\", not active.",
            ru: "Номер в UIS в статусе «{status}», а не active."),
        "problem.inventory.in_use": Entry(
            en: "The number is already used in UIS: {usedBy}.",
            ru: "Номер уже используется в UIS: {usedBy}."),
    ]
}
