/// A `params.filter` checked against a table and ready to test records: the fake's reading of the documented filter
/// rules (uis-data-api.md §3). Comparisons with a null field are false, as in SQL.
indirect enum UISFakeFilter {
    case condition(field: String, op: String, value: UISWireValue, test: Test)
    case group(isAnd: Bool, [UISFakeFilter])

    enum Test {
        case equal, notEqual, isNull, isNotNull
        case compare(String)
        case like(pattern: [Character], caseInsensitive: Bool, negated: Bool)
        case regexp(Regex<AnyRegexOutput>)
        case inList([UISWireValue], negated: Bool)
        case overlap(keys: [String], values: [UISWireValue], negated: Bool)
        case jsquery(UISFakeJSQuery)
    }

    static let operators: Set<String> = [
        "=", "!=", "<", ">", "<=", ">=", "like", "ilike", "not_like", "not_ilike", "regexp", "jsquery", "in", "not_in",
        "overlap", "not_overlap", "is_null", "is_not_null",
    ]

    /// Checks the filter against the table: unknown field → `unexpected_parameters`, not filterable →
    /// `filter_prohibited`, unknown operator or bad regexp/jsquery → `invalid_parameter_value`, a value of the wrong
    /// type → `data_type_error`.
    static func compile(_ value: UISWireValue, table: UISFakeTable, path: String = "filter") throws -> UISFakeFilter {
        guard case .object(let members) = value else { throw UISFakeError("data_type_error", field: path, value: value) }
        let keys = Set(members.map(\.0))
        if keys.contains("filters") {
            if let extra = keys.subtracting(["filters", "condition"]).sorted().first {
                throw UISFakeError("unexpected_parameters", field: "\(path).\(extra)", value: .string(extra))
            }
            guard case .array(let items)? = value["filters"] else {
                throw UISFakeError("data_type_error", field: "\(path).filters", value: value["filters"])
            }
            let condition = value["condition"]?.string ?? "and"
            guard condition == "and" || condition == "or" else {
                throw UISFakeError("invalid_parameter_value", field: "\(path).condition", value: value["condition"])
            }
            let children = try items.enumerated().map { try compile($1, table: table, path: "\(path).filters[\($0)]") }
            return .group(isAnd: condition == "and", children)
        }
        if let extra = keys.subtracting(["field", "operator", "value"]).sorted().first {
            throw UISFakeError("unexpected_parameters", field: "\(path).\(extra)", value: .string(extra))
        }
        guard let fieldValue = value["field"] else { throw UISFakeError("required_parameter_missed", field: "\(path).field") }
        guard let field = fieldValue.string else { throw UISFakeError("data_type_error", field: "\(path).field", value: fieldValue) }
        guard let kind = table.kinds[field] else {
            throw UISFakeError("unexpected_parameters", field: "\(path).field", value: .string(field))
        }
        guard table.filterable.contains(field) else {
            // As documented: `field` is the parameter's path, `value` what the user passed.
            throw UISFakeError("filter_prohibited", field: "\(path).field", value: .string(field))
        }
        guard let opValue = value["operator"] else {
            throw UISFakeError("required_parameter_missed", field: "\(path).operator")
        }
        guard let op = opValue.string, operators.contains(op) else {
            throw UISFakeError("invalid_parameter_value", field: "\(path).operator", value: opValue)
        }
        let operand = value["value"] ?? .null
        let test = try makeTest(op: op, operand: operand, kind: kind, field: field, path: path)
        return .condition(field: field, op: op, value: operand, test: test)
    }

    // swiftlint:disable:next cyclomatic_complexity
    static func makeTest(op: String, operand: UISWireValue, kind: UISFakeFieldKind, field: String,
                         path: String) throws -> Test {
        let typeError = UISFakeError("data_type_error", field: "\(path).value", value: operand)
        func checkScalar(_ v: UISWireValue) throws {
            switch (kind, v) {
            case (.number, .int), (.number, .double), (.string, .string), (.dateTime, .string), (.boolean, .bool): return
            default: throw typeError
            }
        }
        var isText: Bool {
            switch kind {
            case .string, .dateTime: return true
            default: return false
            }
        }
        switch op {
        case "=", "!=":
            if case .objects = kind { throw typeError }
            if operand.isNull { return op == "=" ? .isNull : .isNotNull }
            try checkScalar(operand)
            return op == "=" ? .equal : .notEqual
        case "<", ">", "<=", ">=":
            switch kind {
            case .number, .dateTime: try checkScalar(operand)
            default: throw typeError
            }
            return .compare(op)
        case "like", "ilike", "not_like", "not_ilike":
            guard isText, let pattern = operand.string else { throw typeError }
            return .like(pattern: Array(op.contains("ilike") ? pattern.lowercased() : pattern),
                         caseInsensitive: op.contains("ilike"), negated: op.hasPrefix("not_"))
        case "regexp":
            guard isText, let pattern = operand.string else { throw typeError }
            guard let regex = try? Regex(pattern) else {
                throw UISFakeError("invalid_parameter_value", field: "\(path).value", value: operand)
            }
            return .regexp(regex)
        case "in", "not_in":
            guard case .array(let items) = operand else { throw typeError }
            if case .objects = kind { throw typeError }
            try items.forEach(checkScalar)
            return .inList(items, negated: op == "not_in")
        case "overlap", "not_overlap":
            guard case .objects(let keys) = kind else { throw typeError }
            let values: [UISWireValue]
            if case .array(let items) = operand { values = items } else { values = [operand] }
            return .overlap(keys: keys, values: values, negated: op == "not_overlap")
        case "jsquery":
            guard case .objects = kind, let text = operand.string else { throw typeError }
            guard let query = UISFakeJSQuery(text) else {
                throw UISFakeError("invalid_parameter_value", field: "\(path).value", value: operand)
            }
            return .jsquery(query)
        case "is_null":
            return .isNull
        default:
            return .isNotNull
        }
    }

    func matches(_ record: [String: UISWireValue]) -> Bool {
        switch self {
        case .group(let isAnd, let children):
            return isAnd ? children.allSatisfy { $0.matches(record) } : children.contains { $0.matches(record) }
        case .condition(let field, _, let operand, let test):
            let value = record[field] ?? .null
            switch test {
            case .isNull: return value.isNull
            case .isNotNull: return !value.isNull
            default: break
            }
            if value.isNull { return false }
            switch test {
            case .equal: return value == operand
            case .notEqual: return value != operand
            case .compare(let op):
                guard let order = UISWireValue.order(value, operand) else { return false }
                switch op {
                case "<": return order < 0
                case ">": return order > 0
                case "<=": return order <= 0
                default: return order >= 0
                }
            case .like(let pattern, let caseInsensitive, let negated):
                guard let text = value.string else { return false }
                let subject = Array(caseInsensitive ? text.lowercased() : text)
                return Self.like(subject[...], pattern[...]) != negated
            case .regexp(let regex):
                guard let text = value.string else { return false }
                return (try? regex.firstMatch(in: text)) != nil
            case .inList(let items, let negated):
                return items.contains(value) != negated
            case .overlap(let keys, let values, let negated):
                guard case .array(let elements) = value else { return negated }
                let hit = elements.contains { element in keys.contains { key in values.contains { element[key] == $0 } } }
                return hit != negated
            case .jsquery(let query):
                return query.matches(value)
            case .isNull, .isNotNull:
                return false
            }
        }
    }

    /// SQL LIKE: `%` is any run of characters, `_` any one character.
    static func like(_ text: ArraySlice<Character>, _ pattern: ArraySlice<Character>) -> Bool {
        var t = text.startIndex, p = pattern.startIndex
        var starP: Int?, starT = 0
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == "_" || pattern[p] == text[t], pattern[p] != "%" {
                t += 1; p += 1
            } else if p < pattern.endIndex, pattern[p] == "%" {
                starP = p; starT = t; p += 1
            } else if let star = starP {
                p = star + 1; starT += 1; t = starT
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == "%" { p += 1 }
        return p == pattern.endIndex
    }
}
