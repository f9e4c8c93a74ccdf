/// The small filter language of `ctbulk uis --filter`: `field operator value`.
///
/// - Symbolic operators need no spaces: `status=active`, `id>=10`, `comment!=null`.
/// - Word operators are separated by spaces: `category in gold,silver`, `virtual_phone_number like 7495%`,
///   `comment is_null`, `name not_ilike %test%`. `not like`, `not in`, `is null` and `is not null` are accepted too.
/// - Lists (`in`, `not_in`, `overlap`, `not_overlap`) are comma-separated.
/// - Quote a value with `"…"` or `'…'` to keep spaces, commas or a literal `null` (`\"` and `\\` inside quotes).
/// - Values are typed by the field: numbers for numeric fields, true/false for boolean ones, text otherwise; an
///   unquoted `null` after `=` or `!=` is JSON null (the documented null test).
public enum UISFilterExpression {
    static let wordOperators: [String: UISFilterOperator] = [
        "like": .like, "ilike": .ilike, "not_like": .notLike, "not_ilike": .notIlike, "regexp": .regexp,
        "jsquery": .jsquery, "in": .in, "not_in": .notIn, "overlap": .overlap, "not_overlap": .notOverlap,
        "is_null": .isNull, "is_not_null": .isNotNull,
        "not like": .notLike, "not ilike": .notIlike, "not in": .notIn, "not overlap": .notOverlap,
        "is null": .isNull, "is not null": .isNotNull,
    ]

    /// Parses several expressions and joins them with `and` (or with `or` when `any` is true).
    /// - Returns: nil for no expressions.
    /// - Throws: ``UISFilterExpressionError`` for the first expression that cannot be read.
    public static func parse(_ expressions: [String], any: Bool = false,
                             fieldTypes: [String: UISFieldType] = [:]) throws -> UISFilter? {
        let filters = try expressions.map { try parse($0, fieldTypes: fieldTypes) }
        if filters.isEmpty { return nil }
        return any ? .any(filters) : .all(filters)
    }

    /// Parses one expression.
    /// - Throws: ``UISFilterExpressionError`` naming the part at fault.
    public static func parse(_ expression: String, fieldTypes: [String: UISFieldType] = [:]) throws -> UISFilter {
        let chars = Array(expression)
        func fail(_ reason: UISFilterExpressionError.Reason, _ part: String, at position: Int) -> UISFilterExpressionError {
            UISFilterExpressionError(expression: expression, part: part, position: position, reason: reason)
        }
        var i = 0
        func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        skipSpaces()
        let fieldStart = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
        let field = String(chars[fieldStart..<i])
        guard !field.isEmpty else {
            throw fail(.missingField, String(chars[fieldStart..<min(fieldStart + 1, chars.count)]), at: fieldStart)
        }
        skipSpaces()
        let opStart = i
        guard i < chars.count else { throw fail(.missingOperator, field, at: fieldStart) }

        var op: UISFilterOperator
        if "=!<>".contains(chars[i]) {
            while i < chars.count, "=!<>".contains(chars[i]) { i += 1 }
            let symbol = String(chars[opStart..<i])
            switch symbol {
            case "=", "==": op = .equal
            case "!=", "<>": op = .notEqual
            case "<": op = .less
            case ">": op = .greater
            case "<=": op = .lessOrEqual
            case ">=": op = .greaterOrEqual
            default: throw fail(.unknownOperator, symbol, at: opStart)
            }
        } else {
            func readWord() -> String {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i] == "_" { i += 1 }
                return String(chars[start..<i]).lowercased()
            }
            var word = readWord()
            guard !word.isEmpty else {
                throw fail(.unknownOperator, String(chars[opStart...].prefix { !$0.isWhitespace }), at: opStart)
            }
            // `not like`, `is null`, `is not null`
            while word == "not" || word == "is" || word == "is not" {
                let save = i
                skipSpaces()
                let next = readWord()
                if next.isEmpty { i = save; break }
                word += " " + next
            }
            guard let known = wordOperators[word], i == chars.count || chars[i].isWhitespace else {
                let end = chars[i...].firstIndex(where: \.isWhitespace) ?? chars.count
                throw fail(.unknownOperator, String(chars[opStart..<end]), at: opStart)
            }
            op = known
        }
        let opText = String(chars[opStart..<i])
        skipSpaces()
        let valueStart = i
        let rawValue = String(chars[valueStart...])
        let fieldType = fieldTypes[field]

        if op.takesNoValue {
            guard rawValue.trimmingWhitespace.isEmpty else { throw fail(.unexpectedValue, opText, at: opStart) }
            return .where(field, op, .null)
        }
        guard !rawValue.trimmingWhitespace.isEmpty else { throw fail(.missingValue, opText, at: opStart) }

        if op.takesList {
            let items = try splitList(chars, from: valueStart, expression: expression)
            let values = try items.map { item -> UISValue in
                if item.quoted { return .string(item.text) }
                guard !item.text.isEmpty else { throw fail(.emptyListItem, ",", at: item.position) }
                return try typed(item.text, as: fieldType, at: item.position, fail: fail)
            }
            return .where(field, op, .array(values))
        }

        let token = try readSingle(chars, from: valueStart, expression: expression)
        if token.quoted { return .where(field, op, .string(token.text)) }
        if (op == .equal || op == .notEqual) && token.text.lowercased() == "null" { return .where(field, op, .null) }
        switch op {
        case .like, .ilike, .notLike, .notIlike, .regexp, .jsquery:
            return .where(field, op, .string(token.text))
        default:
            return .where(field, op, try typed(token.text, as: fieldType, at: valueStart, fail: fail))
        }
    }

    struct Token {
        var text: String
        var quoted: Bool
        var position: Int
    }

    /// The value after the operator: a quoted string, or the rest of the expression trimmed.
    static func readSingle(_ chars: [Character], from start: Int, expression: String) throws -> Token {
        if let quote = chars.indices.contains(start) ? chars[start] : nil, quote == "\"" || quote == "'" {
            let (text, end) = try readQuoted(chars, from: start, expression: expression)
            let rest = String(chars[end...]).trimmingWhitespace
            if !rest.isEmpty {
                let position = chars[end...].firstIndex { !$0.isWhitespace } ?? end
                throw UISFilterExpressionError(expression: expression, part: rest, position: position,
                                               reason: .unexpectedValue)
            }
            return Token(text: text, quoted: true, position: start)
        }
        return Token(text: String(chars[start...]).trimmingWhitespace, quoted: false, position: start)
    }

    /// Comma-separated items; quoted items keep commas and spaces.
    static func splitList(_ chars: [Character], from start: Int, expression: String) throws -> [Token] {
        var items: [Token] = []
        var i = start
        while true {
            while i < chars.count, chars[i] == " " { i += 1 }
            let itemStart = i
            if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                let (text, end) = try readQuoted(chars, from: i, expression: expression)
                items.append(Token(text: text, quoted: true, position: itemStart))
                i = end
                while i < chars.count, chars[i] == " " { i += 1 }
            } else {
                while i < chars.count, chars[i] != "," { i += 1 }
                items.append(Token(text: String(chars[itemStart..<i]).trimmingWhitespace, quoted: false,
                                   position: itemStart))
            }
            if i >= chars.count { break }
            guard chars[i] == "," else {
                throw UISFilterExpressionError(expression: expression, part: String(chars[i...]), position: i,
                                               reason: .unexpectedValue)
            }
            i += 1
        }
        return items
    }

    static func readQuoted(_ chars: [Character], from start: Int,
                           expression: String) throws -> (text: String, end: Int) {
        let quote = chars[start]
        var text = ""
        var i = start + 1
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == quote || chars[i + 1] == "\\" {
                text.append(chars[i + 1]); i += 2; continue
            }
            if c == quote { return (text, i + 1) }
            text.append(c); i += 1
        }
        throw UISFilterExpressionError(expression: expression, part: String(chars[start...]), position: start,
                                       reason: .unterminatedQuote)
    }

    static func typed(_ text: String, as type: UISFieldType?, at position: Int,
                      fail: (UISFilterExpressionError.Reason, String, Int) -> UISFilterExpressionError) throws
        -> UISValue
    {
        switch type {
        case .string:
            return .string(text)
        case .number:
            if let int = Int(text) { return .int(int) }
            if let double = Double(text), double.isFinite { return .double(double) }
            throw fail(.notANumber, text, position)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1", "да": return .bool(true)
            case "false", "no", "0", "нет": return .bool(false)
            default: throw fail(.notABoolean, text, position)
            }
        case .array, nil:
            if let int = Int(text) { return .int(int) }
            if text == "true" || text == "false" { return .bool(text == "true") }
            return .string(text)
        }
    }
}
