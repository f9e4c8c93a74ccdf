/// Plural categories (CLDR names). English uses `one`/`other`; Russian `one`/`few`/`many`.
public enum PluralCategory: Sendable, Hashable {
    case one, few, many, other
}

extension Language {
    /// The plural category of a whole number: Russian 1, 21, 101 → one; 2–4, 22–24 → few; 0, 5–20, 11–14, 25 → many.
    public func pluralCategory(_ count: Int) -> PluralCategory {
        let n = count.magnitude
        switch self {
        case .en:
            return n == 1 ? .one : .other
        case .ru:
            let mod10 = n % 10, mod100 = n % 100
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        }
    }

    /// How many word forms a plural choice has in this language's templates: English 2 (one|other), Russian 3
    /// (one|few|many).
    public var pluralFormCount: Int {
        switch self {
        case .en: return 2
        case .ru: return 3
        }
    }

    /// Picks a form from `forms` (in ``pluralFormCount`` order) for `count`.
    public func pluralForm(_ count: Int, _ forms: [String]) -> String {
        guard !forms.isEmpty else { return "" }
        let index: Int
        switch (self, pluralCategory(count)) {
        case (.en, .one): index = 0
        case (.en, _): index = 1
        case (.ru, .one): index = 0
        case (.ru, .few): index = 1
        case (.ru, _): index = 2
        }
        return forms[min(index, forms.count - 1)]
    }

    /// A whole number as people of this language write it: `1,234,567` in English, `1 234 567` in Russian (with
    /// no-break spaces, which cp1251 can store).
    public func formatNumber(_ value: Int) -> String {
        let digits = String(value.magnitude)
        let separator: Character
        switch self {
        case .en: separator = ","
        case .ru: separator = "\u{00A0}"
        }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(separator) }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
