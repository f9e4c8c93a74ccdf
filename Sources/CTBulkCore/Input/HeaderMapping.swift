/// What a column of a job file holds.
public enum JobColumn: Hashable, Sendable, Codable, CustomStringConvertible {
    case phoneNumber
    case redirectType
    case setting(SettingField)

    /// The canonical CSV name.
    public var csvName: String {
        switch self {
        case .phoneNumber: return "phone_number"
        case .redirectType: return "redirect_type"
        case .setting(let field): return field.csvName
        }
    }

    /// The path in the API body.
    public var apiPath: String {
        switch self {
        case .phoneNumber: return "phoneNumber"
        case .redirectType: return "redirectOptions.redirectType"
        case .setting(let field): return field.apiPath
        }
    }

    public var description: String { apiPath }

    /// The field's short name, as `--map` and mapping files write it: `phoneNumber`, `reserveNumber`, ….
    public var fieldName: String {
        switch self {
        case .phoneNumber: return "phoneNumber"
        case .redirectType: return "redirectType"
        case .setting(let field): return field.rawValue
        }
    }

    /// The field a mapping names: its short name (`reserveNumber`), its API path
    /// (`redirectOptions.reserveRedirect.reserveNumber`), its CSV name (`reserve_number`) or any header ctbulk knows
    /// for it (`Резервный номер`); nil otherwise.
    public init?(fieldName: String) {
        guard let column = HeaderMapping.aliases[HeaderMapping.key(fieldName)] else { return nil }
        self = column
    }

    /// Every column, in the order reports and exports write them.
    public static let all: [JobColumn] = [.phoneNumber, .setting(.poolName)]
        + [SettingField.source, .medium, .campaign, .content, .keyword, .redirectNumber, .reserveNumber,
           .reserveTimeOut, .ignoreEarlyMedia].map(JobColumn.setting)
}

/// Maps header cells to fields: canonical English names, the API's own names (`displayOptions.source`) and Russian
/// aliases, ignoring case, spaces, NBSP, `_`, `-` and `.`.
public enum HeaderMapping {
    /// Folds a header cell to its matching key.
    public static func key(_ header: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in header.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x20, 0xA0, 0x202F, 0x2009, 0x09, 0x5F, 0x2D, 0x2E, 0x2010...0x2015, 0xFEFF, 0x200B, 0x3A, 0x2A: continue
            case 0x0451: out.append("е")  // ё → е
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static let aliases: [String: JobColumn] = {
        var map: [String: JobColumn] = [:]
        for (name, column) in knownNames { map[key(name)] = column }
        return map
    }()

    /// Every header ctbulk knows, as written, with its field (for suggestions).
    static let knownNames: [(String, JobColumn)] = {
        var map: [(String, JobColumn)] = []
        func add(_ column: JobColumn, _ names: [String]) { for name in names { map.append((name, column)) } }
        add(.phoneNumber, ["phone_number", "phoneNumber", "phone", "number", "static_number", "static number",
                           "Номер", "Телефон", "Номер телефона", "Статический номер", "Телефонный номер", "Номер статики"])
        add(.setting(.poolName), ["pool_name", "poolName", "pool", "Пул", "Название пула", "Имя пула"])
        add(.setting(.source), ["source", "displayOptions.source", "utm_source", "Источник"])
        add(.setting(.medium), ["medium", "displayOptions.medium", "utm_medium", "Канал", "Тип трафика"])
        add(.setting(.campaign), ["campaign", "displayOptions.campaign", "utm_campaign", "Кампания", "Рекламная кампания"])
        add(.setting(.content), ["content", "displayOptions.content", "utm_content", "Объявление", "Содержание"])
        add(.setting(.keyword), ["keyword", "displayOptions.keyword", "utm_term", "term", "Ключевое слово",
                                 "Ключевая фраза", "Ключевик"])
        add(.redirectType, ["redirect_type", "redirectType", "redirectOptions.redirectType", "Тип переадресации"])
        add(.setting(.redirectNumber), ["redirect_number", "redirectNumber", "redirectOptions.ptsnOptions.redirectNumber",
                                        "ptsnOptions.redirectNumber", "redirect", "Номер переадресации",
                                        "Переадресация", "Основной номер переадресации", "Переадресация на"])
        add(.setting(.reserveNumber), ["reserve_number", "reserveNumber", "redirectOptions.reserveRedirect.reserveNumber",
                                       "reserveRedirect.reserveNumber", "Резервный номер",
                                       "Номер резервной переадресации", "Резервная переадресация"])
        add(.setting(.reserveTimeOut), ["reserve_timeout", "reserveTimeOut", "reserve_time_out",
                                        "redirectOptions.reserveRedirect.reserveTimeOut", "reserveRedirect.reserveTimeOut",
                                        "timeout", "Таймаут", "Тайм-аут", "Таймаут резерва", "Таймаут, с", "Таймаут (сек)",
                                        "Время ожидания", "Таймаут резервной переадресации"])
        add(.setting(.ignoreEarlyMedia), ["ignore_early_media", "ignoreEarlyMedia",
                                          "redirectOptions.reserveRedirect.ignoreEarlyMedia", "reserveRedirect.ignoreEarlyMedia",
                                          "early_media", "Игнорировать early media", "Игнорировать ранние медиа",
                                          "Игнорировать гудки", "Игнорировать early-media"])
        return map
    }()

    /// The column a header cell names, or nil when it is unknown. `mapping` (the team's own headers, header text →
    /// field) is consulted first, ignoring case and spaces as for the built-in names.
    public static func column(for header: String, mapping: [String: JobColumn] = [:]) -> JobColumn? {
        let folded = key(header)
        if !mapping.isEmpty {
            for (name, column) in mapping where key(name) == folded { return column }
        }
        if let hit = aliases[folded] { return hit }
        // "Таймаут, с" / "Таймаут (сек)": tolerate a unit in parentheses or after a comma.
        let base = folded.split(whereSeparator: { $0 == "(" || $0 == "," }).first.map(String.init) ?? folded
        if let hit = aliases[base] { return hit }
        // "Таймаут сек": a unit of seconds written straight after a time-out header.
        for unit in ["секунд", "сек", "с", "sec", "s"] where base.hasSuffix(unit) {
            if let hit = aliases[String(base.dropLast(unit.count))], hit == .setting(.reserveTimeOut) { return hit }
        }
        return nil
    }

    // MARK: Suggestions

    /// The known field closest to an unrecognised header, by a similarity over the known Russian and English names
    /// (edit distance, one name containing the other, the same words in another order); nil when nothing is close.
    /// Fields in `excluding` (those the file has already) are not suggested.
    public static func suggestion(for header: String, excluding: Set<JobColumn> = []) -> JobColumn? {
        let folded = key(header)
        guard folded.count >= 2 else { return nil }
        let words = wordSet(header)
        var best: (column: JobColumn, score: Double)?
        for (name, column) in knownNames where !excluding.contains(column) {
            let score = similarity(folded, words, key(name), wordSet(name))
            if score > (best?.score ?? 0) { best = (column, score) }
        }
        guard let best, best.score >= 0.6 else { return nil }
        return best.column
    }

    static func wordSet(_ text: String) -> Set<String> {
        Set(text.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    static func similarity(_ a: String, _ aWords: Set<String>, _ b: String, _ bWords: Set<String>) -> Double {
        if a == b { return 1 }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var score = 0.0
        // «Резерв» in «Резервный номер», «reserve» in «reserve_number».
        if short.count >= 4, long.hasPrefix(short) || long.contains(short) {
            score = 0.7 + 0.3 * Double(short.count) / Double(long.count)
        }
        // «Ранние медиа игнорировать» and «Игнорировать ранние медиа».
        if !aWords.isEmpty, !bWords.isEmpty {
            let common = aWords.intersection(bWords).count
            score = max(score, Double(common) / Double(aWords.union(bWords).count))
        }
        let distance = editDistance(Array(a), Array(b))
        score = max(score, 1 - Double(distance) / Double(max(a.count, b.count)))
        return score
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: Report columns

    /// The columns ctbulk's own reports add after the input's (validation report, results, failures, drift), in
    /// English and Russian. A file that ends with them is a report fed back: they are not the user's columns.
    static let reportColumnNames: Set<String> = Set([
        "row", "status", "code", "message", "action", "outcome", "http_status", "attempts", "drift", "changes",
        "before", "after", "change", "from", "to", "cost",
        "строка", "статус", "код", "сообщение", "действие", "результат", "итог", "http-статус", "httpстатус",
        "попытки", "попыток", "расхождение", "изменения", "было", "станет", "поле", "стоимость",
    ].map(key))

    /// Where the columns a ctbulk report added start (the first `row`/`строка` after which every header is a report
    /// column or a `live_*` column), or nil when the header has none.
    public static func reportColumnsStart(_ header: [String]) -> Int? {
        guard !header.isEmpty else { return nil }
        var start: Int?
        var index = header.count - 1
        while index >= 0 {
            let folded = key(header[index])
            guard reportColumnNames.contains(folded) || folded.hasPrefix("live") && column(for: String(header[index].dropFirst(5))) != nil else { break }
            if folded == "row" || folded == "строка" { start = index }
            index -= 1
        }
        return start
    }
}
