/// How bad a problem is. Errors stop a row (and `validate` exits 65); warnings and notes never do.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One thing found in a job file: where (row as the user sees it, column as named in the file), what (the value),
/// a stable code and a message that tells how to fix it.
public struct Problem: Hashable, Sendable, Codable {
    public var code: ProblemCode
    public var severity: Severity
    /// Nil for problems of the whole file (a missing column, an unreadable header).
    public var row: Int?
    /// The column as the file names it (CSV header cell, or JSON path).
    public var column: String?
    /// The offending value as it was in the file.
    public var value: String?
    /// Extra facts the message refers to (`otherRow`, `normalized`, ...).
    public var details: [String: String]

    public init(_ code: ProblemCode, severity: Severity? = nil, row: Int?, column: String? = nil, value: String? = nil,
                details: [String: String] = [:]) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.row = row
        self.column = column
        self.value = value
        self.details = details
    }

    /// The problem's message as a typed value: `problem.<code>` with the details as its arguments (whole numbers
    /// such as byte counts as counts, so they are formatted and pluralised).
    public var text: Message {
        switch code {
        case .headerUnknown, .headerUnknownEmpty, .headerTitleRows, .phoneExtension, .phoneCountryAdded:
            return HeaderMessages.message(code, problem: self)
        case .headerPhoneMissing where details["seemsAt"] != nil:
            return HeaderMessages.message(code, problem: self)
        default:
            break
        }
        var arguments: [String: Message.Argument] = [:]
        for (key, value) in details {
            arguments[key] = Self.countDetails.contains(key) ? Int(value).map(Message.Argument.count) ?? .text(value) : .text(value)
        }
        return Message(code.messageKey, arguments)
    }

    /// Details that are amounts rather than names (a row number stays as written).
    static let countDetails: Set<String> = ["bytes", "limit", "total", "received"]

    /// The message in the given language. Values it quotes (from the file or an API) have their control characters
    /// escaped (``ControlCharacters/escaped(_:)``).
    public func message(_ language: Language) -> String { ControlCharacters.escaped(text.render(language)) }

    /// `row 7, column "Номер" ("7,9E+10"): error phone.scientific: ...`. The column and the value are shown with
    /// their control characters escaped, so a job file cannot drive the terminal.
    public func rendered(_ language: Language) -> String {
        var location: [String] = []
        if let row { location.append(Message("problem.location.row", ["row": .text(String(row))]).render(language)) }
        if let column {
            location.append(Message("problem.location.column", ["column": .text(ControlCharacters.escaped(column))]).render(language))
        }
        var head = location.joined(separator: ", ")
        if let value {
            head += head.isEmpty ? "" : " "
            head += "(\(value.isEmpty ? "∅" : "\"\(ControlCharacters.escaped(value))\""))"
        }
        return "\(head.isEmpty ? "" : head + ": ")\(severity.text.render(language)) \(code.rawValue): \(message(language))"
    }
}

extension Severity {
    /// The severity as a word for people (`severity.<raw>`); reports for machines keep ``rawValue``.
    public var text: Message { Message("severity." + rawValue) }
}

extension Problem {
    /// The order of a listing: file-level problems first, then by row; within a row errors, warnings, notes.
    public static func listedBefore(_ a: Problem, _ b: Problem) -> Bool {
        func rank(_ severity: Severity) -> Int { severity == .error ? 0 : severity == .warning ? 1 : 2 }
        return (a.row ?? 0, rank(a.severity)) < (b.row ?? 0, rank(b.severity))
    }
}
