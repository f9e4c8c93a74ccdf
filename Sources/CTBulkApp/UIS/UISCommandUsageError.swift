import CTBulkCore

/// A `ctbulk uis` option that cannot be used as given.
enum UISCommandUsageError: Error, Equatable {
    case sort(String)
    case limitWithAll

    func message(_ language: Language) -> String {
        switch self {
        case .sort(let text): return language.text("uis.usage.sort", ["text": .text(text)])
        case .limitWithAll: return language.text("uis.usage.limit_with_all")
        }
    }
}
