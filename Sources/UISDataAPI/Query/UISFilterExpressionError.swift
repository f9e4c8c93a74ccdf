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

    /// What is wrong and how to write it instead.
    public func message(_ language: Language) -> String {
        let ru = language == .ru
        let ops = UISFilterOperator.allCases.map(\.rawValue).joined(separator: " ")
        switch reason {
        case .missingField:
            return ru ? "нет имени поля в начале (пример: status=active)" : "no field name at the start (example: status=active)"
        case .missingOperator:
            return ru ? "после поля «\(part)» нет оператора; допустимо: \(ops)"
                : "no operator after the field \"\(part)\"; use one of: \(ops)"
        case .unknownOperator:
            return ru ? "неизвестный оператор «\(part)»; допустимо: \(ops)"
                : "unknown operator \"\(part)\"; use one of: \(ops)"
        case .missingValue:
            return ru ? "после оператора «\(part)» нет значения (пустая строка пишется как \"\")"
                : "no value after the operator \"\(part)\" (write an empty string as \"\")"
        case .unexpectedValue:
            return ru ? "оператор «\(part)» не принимает значения" : "the operator \"\(part)\" takes no value"
        case .unterminatedQuote:
            return ru ? "не закрыта кавычка: \(part)" : "unclosed quote: \(part)"
        case .notANumber:
            return ru ? "«\(part)» не число, а поле числовое" : "\"\(part)\" is not a number, and the field is numeric"
        case .notABoolean:
            return ru ? "«\(part)» не true/false" : "\"\(part)\" is not true/false"
        case .emptyListItem:
            return ru ? "пустой элемент списка (лишняя запятая?)" : "an empty list item (a stray comma?)"
        }
    }

    /// The message, the expression and a caret under the part at fault.
    public func rendered(_ language: Language) -> String {
        let head = language == .ru ? "ошибка в --filter" : "bad --filter"
        return "\(head) \"\(expression)\": \(message(language))\n  \(expression)\n  "
            + String(repeating: " ", count: position) + String(repeating: "^", count: max(part.count, 1))
    }

    public var description: String { rendered(.en) }
}
