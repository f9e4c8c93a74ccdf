import CTBulkCore

/// A `--filter` expression that cannot be read, with the part at fault and where it starts.
public struct UISFilterExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: String, Sendable, Hashable {
        case missingField = "missing_field"
        case missingOperator = "missing_operator"
        case unknownOperator = "unknown_operator"
        case missingValue = "missing_value"
        case unexpectedValue = "unexpected_value"
        case unterminatedQuote = "unterminated_quote"
        case notANumber = "not_a_number"
        case notABoolean = "not_a_boolean"
        case emptyListItem = "empty_list_item"
    }

    /// The whole expression as given.
    public var expression: String
    /// The offending part.
    public var part: String
    /// Character offset of the part in the expression.
    public var position: Int
    public var reason: Reason

    /// An error at the given place.
    public init(expression: String, part: String, position: Int, reason: Reason) {
        self.expression = expression; self.part = part; self.position = position; self.reason = reason
    }

    /// What is wrong and how to write it instead (`uis.filter.<reason>`).
    public var text: Message {
        let operators = UISFilterOperator.allCases.map(\.rawValue).joined(separator: " ")
        return Message("uis.filter." + reason.rawValue, ["part": .text(part), "operators": .text(operators)])
    }

    /// ``text`` in `language`.
    public func message(_ language: Language) -> String { text.render(language) }

    /// The message, the expression and a caret under the part at fault.
    public func rendered(_ language: Language) -> String {
        language.text("uis.filter.head", ["expression": .text(expression), "message": .text(message(language))])
            + "\n  \(expression)\n  " + String(repeating: " ", count: position) + String(repeating: "^", count: max(part.count, 1))
    }

    public var description: String { rendered(.en) }
}
