import CTBulkCore

/// Words of the human-readable validation output, from the catalogue (`validate.*`; problem messages are
/// `problem.<code>`).
struct Labels {
    let language: Language

    init(_ language: Language) { self.language = language }

    private func t(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> String { language.text(key, arguments) }

    var assumptions: String { t("validate.assumptions") }
    var file: String { t("validate.file") }
    var format: String { t("validate.format") }
    var columns: String { t("validate.columns") }
    var rowsRead: String { t("validate.rows_read") }
    var unknownColumn: String { t("validate.unknown_column") }
    var summary: String { t("validate.summary") }
    var problems: String { t("validate.problems") }
    var detected: String { t("validate.detected") }
    var guessed: String { t("validate.guessed") }
    var given: String { t("validate.given") }
    var sniffed: String { t("validate.sniffed") }
    var sniffedLow: String { t("validate.sniffed_low") }
    var sepLine: String { t("validate.sep_line") }
    var delimiter: String { t("validate.delimiter") }

    func blankRows(_ count: Int) -> String { t("validate.blank_rows", ["n": .count(count)]) }

    func summaryLine(_ s: ValidationSummary) -> String {
        var line = t("validate.summary_line", ["rows": .count(s.rowsRead), "ok": .count(s.ok),
                                               "warnings": .count(s.withWarnings), "errors": .count(s.withErrors)])
        if s.blank > 0 { line += t("validate.summary_blank", ["n": .count(s.blank)]) }
        if s.duplicatesSkipped > 0 { line += t("validate.summary_duplicates", ["n": .count(s.duplicatesSkipped)]) }
        return line
    }

    func shown(_ shown: Int, of total: Int) -> String {
        if shown >= total { return t("validate.problems_all", ["total": .count(total)]) }
        return t("validate.problems_first", ["shown": .count(shown), "total": .count(total)])
    }

    var noProblems: String { t("validate.no_problems") }
    func reportWritten(_ path: String) -> String { t("validate.report_written", ["path": .text(path)]) }
}
