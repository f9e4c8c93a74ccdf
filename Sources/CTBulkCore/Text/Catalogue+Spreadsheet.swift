extension Catalogue {
    /// .xlsx job files and workbook reports.
    static let spreadsheetEntries: [String: Entry] = [
        // A workbook that cannot be read (exit 66).
        "xlsx.error.not_a_workbook": Entry(
            en: "{path}: not a readable Excel workbook (.xlsx): {reason}. Open it in Excel and save it again as \"Excel Workbook (*.xlsx)\" or as \"CSV UTF-8\".",
            ru: "{path}: это не читаемая книга Excel (.xlsx): {reason}. Откройте файл в Excel и сохраните заново как «Книга Excel (*.xlsx)» или «CSV UTF-8»."),
        "xlsx.error.xls": Entry(
            en: "{path}: an Excel 97–2003 workbook (.xls), which ctbulk does not read. In Excel choose File → Save As → \"Excel Workbook (*.xlsx)\" (or \"CSV UTF-8 (Comma delimited)\") and run ctbulk on the new file.",
            ru: "{path}: книга Excel 97–2003 (.xls), ctbulk такие не читает. В Excel выберите «Файл → Сохранить как → Книга Excel (*.xlsx)» (или «CSV UTF-8 (разделитель — запятая)») и запустите ctbulk с новым файлом."),
        "xlsx.error.ods": Entry(
            en: "{path}: an OpenDocument spreadsheet (.ods), which ctbulk does not read. In LibreOffice Calc choose File → Save As → \"Excel 2007-365 (.xlsx)\" (or \"Text CSV\") and run ctbulk on the new file.",
            ru: "{path}: таблица OpenDocument (.ods), ctbulk такие не читает. В LibreOffice Calc выберите «Файл → Сохранить как → Excel 2007-365 (.xlsx)» (или «Текст CSV») и запустите ctbulk с новым файлом."),
        "xlsx.error.numbers": Entry(
            en: "{path}: a Numbers spreadsheet, which ctbulk does not read. In Numbers choose File → Export To → Excel… (.xlsx) or CSV… and run ctbulk on the exported file.",
            ru: "{path}: таблица Numbers, ctbulk такие не читает. В Numbers выберите «Файл → Экспортировать → Excel…» (.xlsx) или «CSV…» и запустите ctbulk с полученным файлом."),
        "xlsx.error.damaged": Entry(
            en: "{path}: the workbook is damaged ({part}: {reason}). Open it in Excel and save it again.",
            ru: "{path}: книга повреждена ({part}: {reason}). Откройте её в Excel и сохраните заново."),
        "xlsx.error.unknown_sheet": Entry(
            en: "{path}: there is no sheet «{sheet}». The workbook's sheets: {sheets}. Name one with --sheet.",
            ru: "{path}: листа «{sheet}» нет. Листы книги: {sheets}. Укажите один из них в --sheet."),
        "xlsx.error.no_sheets": Entry(
            en: "{path}: the workbook has no worksheet.",
            ru: "{path}: в книге нет ни одного листа с данными."),

        // Problems (`problem.<code>`).
        "problem.cell.date": Entry(
            en: "The cell holds a date or a time, not a number: Excel formatted it as a date and the digits are gone. Format the column as Text, type the value again and save.",
            ru: "В ячейке дата или время, а не число: Excel применил к ней формат даты, и цифры потеряны. Задайте столбцу формат «Текстовый», введите значение заново и сохраните файл."),
        "problem.file.xlsx.damaged": Entry(
            en: "The workbook is damaged ({reason}); reading stopped here. Open it in Excel and save it again.",
            ru: "Книга повреждена ({reason}); чтение остановлено на этом месте. Откройте её в Excel и сохраните заново."),

        // How the file was read.
        "xlsx.layout.format": Entry(en: "Excel workbook (.xlsx), sheet «{sheet}»", ru: "книга Excel (.xlsx), лист «{sheet}»"),
        "xlsx.layout.other_sheets": Entry(en: "other sheets (not read): {sheets}", ru: "другие листы (не прочитаны): {sheets}"),
    ]
}
