/// The part of PostgreSQL jsquery the fake understands, enough for array fields such as `campaigns`:
/// `#.campaign_id = 2005`, `#.site_blocks.#.is_tracking = true`, `#.scenario_name = "Основной 1"`, combined with
/// `AND`/`&`, `OR`/`|`, `NOT`/`!` and parentheses. `#` is "any element", `*` "any key".
struct UISFakeJSQuery {
    indirect enum Node {
        case clause(path: [String], op: String, literal: UISWireValue)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
    }

    let root: Node

    init?(_ text: String) {
        var parser = Parser(tokens: Self.tokenize(text) ?? [])
        guard !parser.tokens.isEmpty, let node = parser.parseOr(), parser.position == parser.tokens.count else {
            return nil
        }
        root = node
    }

    func matches(_ value: UISWireValue) -> Bool { Self.evaluate(root, value) }

    static func evaluate(_ node: Node, _ value: UISWireValue) -> Bool {
        switch node {
        case .and(let a, let b): return evaluate(a, value) && evaluate(b, value)
        case .or(let a, let b): return evaluate(a, value) || evaluate(b, value)
        case .not(let a): return !evaluate(a, value)
        case .clause(let path, let op, let literal):
            return values(at: path[...], in: value).contains { candidate in
                switch op {
                case "=": return candidate == literal
                case "!=": return candidate != literal
                default:
                    guard let order = UISWireValue.order(candidate, literal) else { return false }
                    switch op {
                    case "<": return order < 0
                    case ">": return order > 0
                    case "<=": return order <= 0
                    default: return order >= 0
                    }
                }
            }
        }
    }

    static func values(at path: ArraySlice<String>, in value: UISWireValue) -> [UISWireValue] {
        guard let head = path.first else { return [value] }
        let rest = path.dropFirst()
        switch (head, value) {
        case ("#", .array(let items)): return items.flatMap { values(at: rest, in: $0) }
        case ("*", .object(let members)): return members.flatMap { values(at: rest, in: $0.1) }
        case ("$", _): return values(at: rest, in: value)
        case (_, .object):
            return value[head].map { values(at: rest, in: $0) } ?? []
        default: return []
        }
    }

    enum Token: Equatable {
        case word(String), op(String), literal(UISWireValue), open, close, dot
    }

    static func tokenize(_ text: String) -> [Token]? {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(.open); i += 1
            case ")": tokens.append(.close); i += 1
            case ".": tokens.append(.dot); i += 1
            case "&": tokens.append(.word("AND")); i += 1
            case "|": tokens.append(.word("OR")); i += 1
            case "#", "*", "$": tokens.append(.word(String(c))); i += 1
            case "=": tokens.append(.op("=")); i += 1
            case "!", "<", ">":
                if i + 1 < chars.count, chars[i + 1] == "=" {
                    tokens.append(.op(String(c) + "=")); i += 2
                } else if c == "!" {
                    tokens.append(.word("NOT")); i += 1
                } else {
                    tokens.append(.op(String(c))); i += 1
                }
            case "\"":
                var s = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    s.append(chars[i]); i += 1
                }
                guard i < chars.count else { return nil }
                i += 1
                tokens.append(.literal(.string(s)))
            default:
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" {
                    i += 1
                }
                guard i > start else { return nil }
                let word = String(chars[start..<i])
                if let int = Int(word) {
                    tokens.append(.literal(.int(int)))
                } else if i < chars.count, chars[i] == ".", let number = Self.decimal(chars, from: start, end: &i) {
                    tokens.append(.literal(.double(number)))
                } else {
                    switch word.lowercased() {
                    case "true": tokens.append(.literal(.bool(true)))
                    case "false": tokens.append(.literal(.bool(false)))
                    case "null": tokens.append(.literal(.null))
                    case "and": tokens.append(.word("AND"))
                    case "or": tokens.append(.word("OR"))
                    case "not": tokens.append(.word("NOT"))
                    default: tokens.append(.word(word))
                    }
                }
            }
        }
        return tokens
    }

    static func decimal(_ chars: [Character], from start: Int, end: inout Int) -> Double? {
        var j = end + 1
        while j < chars.count, chars[j].isNumber { j += 1 }
        guard j > end + 1, let value = Double(String(chars[start..<j])) else { return nil }
        end = j
        return value
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        mutating func parseOr() -> Node? {
            guard var left = parseAnd() else { return nil }
            while position < tokens.count, tokens[position] == .word("OR") {
                position += 1
                guard let right = parseAnd() else { return nil }
                left = .or(left, right)
            }
            return left
        }

        mutating func parseAnd() -> Node? {
            guard var left = parseUnary() else { return nil }
            while position < tokens.count, tokens[position] == .word("AND") {
                position += 1
                guard let right = parseUnary() else { return nil }
                left = .and(left, right)
            }
            return left
        }

        mutating func parseUnary() -> Node? {
            guard position < tokens.count else { return nil }
            if tokens[position] == .word("NOT") {
                position += 1
                return parseUnary().map { .not($0) }
            }
            if tokens[position] == .open {
                position += 1
                guard let inner = parseOr(), position < tokens.count, tokens[position] == .close else { return nil }
                position += 1
                return inner
            }
            var path: [String] = []
            while position < tokens.count, case .word(let w) = tokens[position], !["AND", "OR", "NOT"].contains(w) {
                path.append(w)
                position += 1
                if position < tokens.count, tokens[position] == .dot { position += 1 } else { break }
            }
            guard !path.isEmpty, position + 1 < tokens.count, case .op(let op) = tokens[position],
                  case .literal(let literal) = tokens[position + 1] else { return nil }
            position += 2
            return .clause(path: path, op: op, literal: literal)
        }
    }
}
