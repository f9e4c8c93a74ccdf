import Foundation

/// The language of messages meant for people. Codes, JSON keys and metrics stay English in every language.
public enum Language: String, Sendable, Codable, CaseIterable {
    case en, ru

    /// The language of the locale: the first non-empty of `LC_ALL`, `LC_MESSAGES` and `LANG` (the POSIX order);
    /// `ru…` (`ru_RU.UTF-8`, `ru`) is Russian, anything else (`C`, `POSIX`, `en_US.UTF-8`, unset) is English.
    public init(environment: [String: String]) {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        self = Language(localeIdentifier: locale ?? "") ?? .en
    }

    /// `ru`, `ru_RU.UTF-8`, `ru-RU` → Russian; `en…` → English; anything else → nil.
    public init?(localeIdentifier: String) {
        let lower = localeIdentifier.lowercased()
        if lower == "ru" || lower.hasPrefix("ru_") || lower.hasPrefix("ru-") || lower.hasPrefix("ru.") { self = .ru; return }
        if lower == "en" || lower.hasPrefix("en_") || lower.hasPrefix("en-") || lower.hasPrefix("en.") { self = .en; return }
        return nil
    }

    /// The best of ours for an HTTP `Accept-Language` header (`ru-RU,ru;q=0.9,en;q=0.8`): the highest-weighted
    /// language we have; nil when none is listed (the caller picks its default).
    public init?(acceptLanguage header: String) {
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(localeIdentifier: tag) else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if weight > 0, weight > (best?.1 ?? -1) { best = (language, weight) }
        }
        guard let best else { return nil }
        self = best.0
    }

    /// The `--lang` value on a command line (`--lang ru`, `--lang=ru`), if any and if it names a language; the
    /// help text is built before the parser runs, so it reads the option itself.
    public init?(arguments: [String]) {
        var found: Language?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                found = Language(rawValue: arguments[index + 1].lowercased()) ?? found
            } else if argument.hasPrefix("--lang=") {
                found = Language(rawValue: String(argument.dropFirst(7)).lowercased()) ?? found
            }
        }
        guard let found else { return nil }
        self = found
    }

    /// An explicit choice (`--lang`, a job spec, a web setting) wins; otherwise the locale.
    public static func resolve(explicit: Language?, environment: [String: String]) -> Language {
        explicit ?? Language(environment: environment)
    }
}
