import CTBulkCore

/// Words of the human-readable output in English and Russian (problem messages live with their codes).
struct Labels {
    let language: Language

    init(_ language: Language) { self.language = language }

    private var ru: Bool { language == .ru }

    var assumptions: String { ru ? "Как прочитан файл" : "Assumptions" }
    var file: String { ru ? "файл" : "file" }
    var format: String { ru ? "формат" : "format" }
    var columns: String { ru ? "столбцы" : "columns" }
    var rowsRead: String { ru ? "строк прочитано" : "rows read" }
    var unknownColumn: String { ru ? "(не распознан, пропущен)" : "(unknown, ignored)" }
    var summary: String { ru ? "Итог" : "Summary" }
    var problems: String { ru ? "Проблемы" : "Problems" }
    var detected: String { ru ? "определено автоматически" : "detected" }
    var guessed: String { ru ? "предположение: BOM нет и это не UTF-8; если текст искажён, укажите --encoding" : "a guess: no BOM and not UTF-8; pass --encoding if the text looks wrong" }
    var given: String { ru ? "задано" : "given" }
    var sniffed: String { ru ? "по содержимому" : "sniffed" }
    var sniffedLow: String { ru ? "по содержимому, неуверенно: проверьте или укажите --delimiter" : "sniffed with low confidence: check it or pass --delimiter" }
    var sepLine: String { ru ? "из строки sep=" : "from the sep= line" }

    func summaryLine(_ s: ValidationSummary) -> String {
        var line = ru
            ? "строк: \(s.rowsRead); без ошибок: \(s.ok); с предупреждениями: \(s.withWarnings); с ошибками: \(s.withErrors)"
            : "\(s.rowsRead) rows: \(s.ok) OK, \(s.withWarnings) with warnings, \(s.withErrors) with errors"
        if s.blank > 0 { line += ru ? "; пустых строк пропущено: \(s.blank)" : "; \(s.blank) blank rows skipped" }
        if s.duplicatesSkipped > 0 { line += ru ? "; повторов пропущено: \(s.duplicatesSkipped)" : "; \(s.duplicatesSkipped) duplicate rows skipped" }
        return line
    }

    func shown(_ shown: Int, of total: Int) -> String {
        if shown >= total { return ru ? "\(problems) (\(total)):" : "\(problems) (\(total)):" }
        return ru ? "\(problems) (первые \(shown) из \(total); все: --all):" : "\(problems) (first \(shown) of \(total); --all for every one):"
    }

    var noProblems: String { ru ? "Проблем не найдено." : "No problems found." }
    func reportWritten(_ path: String) -> String { ru ? "Отчёт: \(path)" : "Report written to \(path)" }
}
