/// A value of a documented enum (`status`, `category`, `type`, `state`), kept open: a value the API adds later is
/// kept as it is instead of failing the whole answer.
public struct UISEnumValue: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    /// Any value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A literal value.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
}
