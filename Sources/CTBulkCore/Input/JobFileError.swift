/// A job file that cannot be read at all (exit code 66), as opposed to problems in its rows.
public struct JobFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case notFound
        case isDirectory
        case unreadable(String)
        case unsupportedFormat
        /// An .xlsx file that cannot be read, or another spreadsheet format (its message says how to save it).
        case workbook(WorkbookReadError)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) { self.path = path; self.reason = reason }

    public var description: String { message(.en) }

    /// A stable code for machines (`--format json`): `file.not_found`, `file.directory`, `file.unreadable`,
    /// `file.unsupported_format`.
    public var code: String {
        switch reason {
        case .notFound: return "file.not_found"
        case .isDirectory: return "file.directory"
        case .unreadable: return "file.unreadable"
        case .unsupportedFormat: return "file.unsupported_format"
        case .workbook(let error): return error.code
        }
    }

    /// What went wrong as a typed value (`jobfile.<reason>`); the path is shown with its control characters escaped.
    public var text: Message {
        let path = Message.Argument.text(ControlCharacters.escaped(self.path))
        switch reason {
        case .workbook(let error): return error.message(path: self.path)
        case .notFound: return Message("jobfile.not_found", ["path": path])
        case .isDirectory: return Message("jobfile.directory", ["path": path])
        case .unreadable(let why): return Message("jobfile.unreadable", ["path": path, "reason": .text(why)])
        case .unsupportedFormat: return Message("jobfile.unsupported_format", ["path": path])
        }
    }

    /// The message in the given language.
    public func message(_ language: Language) -> String { text.render(language) }
}
