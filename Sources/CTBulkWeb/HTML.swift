import CTBulkCore

/// HTML built in Swift: every value goes through ``HTML/escape(_:)`` on its way into a page, so a pool named
/// `<script>alert(1)</script>` shows as text. Only this file's helpers produce markup; values never do.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// Markup, already safe.
    public private(set) var markup: String

    /// Trusted markup written in the source (literals only; interpolated values are escaped).
    public init(stringLiteral value: String) { markup = value }

    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.out }

    init(trusted: String) { markup = trusted }

    public var description: String { markup }

    public struct Interpolation: StringInterpolationProtocol {
        var out = ""
        public init(literalCapacity: Int, interpolationCount: Int) { out.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { out += literal }
        /// A value: escaped.
        public mutating func appendInterpolation(_ value: String) { out += HTML.escape(value) }
        public mutating func appendInterpolation(_ value: Int) { out += String(value) }
        /// Markup built by these helpers: as it is.
        public mutating func appendInterpolation(_ html: HTML) { out += html.markup }
        public mutating func appendInterpolation(_ list: [HTML]) { for html in list { out += html.markup } }
    }

    /// Text safe in element content and in double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are shown escaped (`\u{1B}`), never passed to the page.
                if ControlCharacters.isControl(scalar) && scalar != "\n" && scalar != "\t" {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.markup + rhs.markup) }
    public static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }
    public static let empty = HTML(trusted: "")

    /// Joins markup.
    public static func join(_ parts: [HTML]) -> HTML { HTML(trusted: parts.map(\.markup).joined()) }
}
