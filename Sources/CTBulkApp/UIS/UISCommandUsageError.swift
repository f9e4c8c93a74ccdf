import CTBulkCore

/// A `ctbulk uis` option that cannot be used as given.
enum UISCommandUsageError: Error, Equatable {
    case sort(String)
    case limitWithAll

    func message(_ language: Language) -> String {
        let ru = language == .ru
        switch self {
        case .sort(let text):
            return ru ? "ошибка в --sort \"\(text)\": нужно поле или поле:asc / поле:desc (пример: --sort name:desc)"
                : "bad --sort \"\(text)\": use field or field:asc / field:desc (example: --sort name:desc)"
        case .limitWithAll:
            return ru ? "--limit и --all вместе не используются: --limit читает одну страницу, --all — все"
                : "--limit and --all do not go together: --limit reads one page, --all every page"
        }
    }
}
