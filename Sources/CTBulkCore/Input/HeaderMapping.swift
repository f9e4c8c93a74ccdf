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
        func add(_ column: JobColumn, _ names: [String]) { for name in names { map[key(name)] = column } }
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

    /// The column a header cell names, or nil when it is unknown.
    public static func column(for header: String) -> JobColumn? {
        let folded = key(header)
        if let hit = aliases[folded] { return hit }
        // "Таймаут, с" / "Таймаут (сек)": tolerate a unit in parentheses or after a comma.
        let base = folded.split(whereSeparator: { $0 == "(" || $0 == "," }).first.map(String.init) ?? folded
        return aliases[base]
    }
}
