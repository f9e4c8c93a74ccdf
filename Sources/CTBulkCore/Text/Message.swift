/// A text for people as a typed value: a stable key into the ``Catalogue`` and its arguments. Library code returns
/// these; the edge (CLI, reports, web) renders them in the run's language with ``render(_:)``.
public struct Message: Sendable, Hashable, Codable, CustomStringConvertible {
    public var key: String
    public var arguments: [String: Argument]

    public init(_ key: String, _ arguments: [String: Argument] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// One argument of a message.
    public indirect enum Argument: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// Text inserted as it is (a file name, a value from the file, an API's words).
        case text(String)
        /// A whole number, formatted for the language; plural choices (`{n|…}`) select on it.
        case count(Int)
        /// Another message, rendered in the same language.
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .count(value) }
    }

    /// The English rendering, for logs and debugging.
    public var description: String { render(.en) }

    /// This message in `language`.
    public func render(_ language: Language) -> String { Catalogue.render(self, language) }
}

extension Message.Argument {
    /// A string argument from any `StringProtocol` value.
    public static func string<S: StringProtocol>(_ value: S) -> Message.Argument { .text(String(value)) }
}

extension Language {
    /// The catalogue entry `key` with `arguments`, in this language: shorthand for `Message(key, arguments).render(self)`.
    public func text(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> String {
        Message(key, arguments).render(self)
    }
}
