import Foundation

/// Every text ctbulk shows to people, keyed by stable codes, in English and Russian.
///
/// The entries live in `Catalogue+<Area>.swift` files, one table per area, and are registered in ``tables``. They
/// are Swift source rather than a resource bundle so that a copied `ctbulk` binary carries them.
///
/// Template syntax (the same in both languages):
/// - `{name}` inserts the argument `name`: text as it is, a number formatted for the language, a nested message
///   rendered in the same language.
/// - `{name|form|form…}` is the word form for the number `name`: two forms in English (`{n|row|rows}`: one, other),
///   three in Russian (`{n|строка|строки|строк}`: one, few, many).
/// - `{{` and `}}` are literal braces.
///
/// `CatalogueTests` checks that every key has both languages, the same placeholders in both, and the right number
/// of plural forms.
public enum Catalogue {
    /// One catalogue entry.
    public struct Entry: Sendable {
        public let en: String
        public let ru: String

        public init(en: String, ru: String) {
            self.en = en
            self.ru = ru
        }

        public func template(_ language: Language) -> String {
            switch language {
            case .en: return en
            case .ru: return ru
            }
        }
    }

    /// Every area's table. A key may appear in one table only (`CatalogueTests` checks).
    public static let tables: [(area: String, entries: [String: Entry])] = [
        ("common", commonEntries),
        ("safety", safetyEntries),
        ("headers", headersEntries),
        ("web", webEntries),
        ("spreadsheet", spreadsheetEntries),
        ("problems", problemEntries),
        ("problem titles", problemTitleEntries),
        ("files", fileEntries),
        ("validate", validateEntries),
        ("plan", planEntries),
        ("apply", applyEntries),
        ("status", statusEntries),
        ("reconcile", reconcileEntries),
        ("export", exportEntries),
        ("api", apiEntries),
        ("credentials", credentialEntries),
        ("journal", journalEntries),
        ("reports", reportEntries),
        ("uis", uisEntries),
        ("help", helpEntries),
        ("options", optionEntries),
    ]

    /// All entries by key.
    public static let entries: [String: Entry] = {
        var all: [String: Entry] = [:]
        for table in tables {
            all.merge(table.entries) { first, _ in first }
        }
        return all
    }()

    /// Whether `key` is in the catalogue.
    public static func contains(_ key: String) -> Bool { entries[key] != nil }

    /// Renders `message` in `language`. An unknown key renders as the key and its arguments (never a crash);
    /// `CatalogueTests` keeps that from reaching users.
    public static func render(_ message: Message, _ language: Language) -> String {
        guard let entry = entries[message.key] else {
            let arguments = message.arguments.keys.sorted().map { "\($0)=\(text(message.arguments[$0]!, language))" }
            return ([message.key] + arguments).joined(separator: " ")
        }
        return fill(entry.template(language), message.arguments, language)
    }

    /// Renders a raw template (exposed for tests and for the catalogue checks).
    public static func fill(_ template: String, _ arguments: [String: Message.Argument], _ language: Language) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            let next = template.index(after: index)
            if character == "{" && next < template.endIndex && template[next] == "{" {
                out.append("{"); index = template.index(after: next); continue
            }
            if character == "}" && next < template.endIndex && template[next] == "}" {
                out.append("}"); index = template.index(after: next); continue
            }
            guard character == "{", let close = template[next...].firstIndex(of: "}") else {
                out.append(character); index = next; continue
            }
            let body = template[next..<close]
            let parts = body.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let name = parts[0]
            if parts.count == 1 {
                out += arguments[name].map { text($0, language) } ?? "{\(name)}"
            } else {
                let count: Int
                switch arguments[name] {
                case .count(let value): count = value
                case .text(let value): count = Int(value) ?? 0
                default: count = 0
                }
                out += language.pluralForm(count, Array(parts.dropFirst()))
            }
            index = template.index(after: close)
        }
        return out
    }

    private static func text(_ argument: Message.Argument, _ language: Language) -> String {
        switch argument {
        case .text(let value): return value
        case .count(let value): return language.formatNumber(value)
        case .message(let message): return render(message, language)
        }
    }

    /// The placeholders of a template: plain names and plural names with their form counts (for the checks).
    public static func placeholders(_ template: String) -> (plain: Set<String>, plural: [String: Int]) {
        var plain = Set<String>(), plural: [String: Int] = [:]
        let scalars = template.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "")
        var rest = scalars[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let parts = rest[rest.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 1 { plain.insert(String(parts[0])) } else { plural[String(parts[0])] = parts.count - 1 }
            rest = rest[rest.index(after: close)...]
        }
        return (plain, plural)
    }
}
