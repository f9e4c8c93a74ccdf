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

    /// The message in the given language; the path is shown with its control characters escaped.
    public func message(_ language: Language) -> String {
        let ru = language == .ru
        let path = ControlCharacters.escaped(self.path)
        switch reason {
        case .workbook(let error): return error.message(path: self.path).render(language)
        case .notFound: return ru ? "\(path): файл не найден." : "\(path): no such file."
        case .isDirectory: return ru ? "\(path): это папка, а не файл." : "\(path): is a directory, not a file."
        case .unreadable(let why): return ru ? "\(path): файл не читается (\(why))." : "\(path): cannot read the file (\(why))."
        case .unsupportedFormat:
            return ru ? "\(path): ожидается CSV (.csv, .txt, .tsv), Excel (.xlsx) или JSON (.json)."
                : "\(path): expected a CSV (.csv, .txt, .tsv), Excel (.xlsx) or JSON (.json) file."
        }
    }
}
