import CTBulkCore
import CTBulkEngine
import Foundation

/// An upload read and validated for the page: how it was read, every row's cells with the problems that belong to
/// each cell, all the problems, the counts, and the valid rows (for planning).
struct JobView {
    struct Row {
        var row: Int
        var cells: [String]
        /// Problems by column index; problems of no known column are under -1.
        var problems: [Int: [Problem]]
        var isBlank: Bool
        var worst: Severity? {
            problems.values.joined().filter { $0.severity != .note }.map(\.severity).max()
        }
    }

    var upload: Upload
    var path: String
    var result: ValidationResult
    /// The header cells as written (CSV) or the canonical columns (JSON).
    var header: [String]
    /// The field each header cell is read into (nil: not read).
    var fields: [JobColumn?]
    var rows: [Row]
    /// Rows beyond ``shownRowLimit`` are counted, not kept.
    var hiddenRows: Int
    var reader: JobFileReader

    static let shownRowLimit = 2000

    /// Reads the upload with the team's saved header mapping; a file that cannot be read at all is an error naming
    /// the upload's own name (never the server's path).
    static func load(_ upload: Upload, store: UploadStore) -> Result<JobView, JobFileError> {
        let path = store.jobPath(upload)
        let options = WebJobOptions.readOptions(store: store)
        let reader: JobFileReader
        do { reader = try JobFileReader(path: path, options: options) } catch {
            return .failure(JobFileError(path: upload.originalName, reason: error.reason))
        }
        let result = Validator.validate(reader, problemLimit: nil, collectRows: true)
        let header = reader.csv?.header ?? JobColumn.all.map(\.apiPath)
        let fields: [JobColumn?] = reader.csv?.columns ?? JobColumn.all.map { $0 }
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() where index[name] == nil { index[name] = position }
        // JSON problems name the API path or the canonical name.
        if reader.csv == nil {
            for (position, column) in JobColumn.all.enumerated() { index[column.csvName] = index[column.csvName] ?? position }
        }
        var rows: [Row] = []
        var hidden = 0
        try? reader.forEachRow { source in
            if rows.count >= shownRowLimit { hidden += 1; return }
            var byColumn: [Int: [Problem]] = [:]
            for problem in source.built.problems + (result.crossRowProblems[source.row] ?? []) {
                let position = problem.column.flatMap { index[$0] } ?? -1
                byColumn[position, default: []].append(problem)
            }
            rows.append(Row(row: source.row, cells: source.cells, problems: byColumn, isBlank: source.isBlank))
        }
        return .success(JobView(upload: upload, path: path, result: result, header: header, fields: fields, rows: rows,
                                hiddenRows: hidden, reader: reader))
    }

    /// Counts for the upload's record.
    var counts: (rows: Int, errors: Int, warnings: Int) {
        (result.summary.rowsRead, result.severityCounts[.error] ?? 0, result.severityCounts[.warning] ?? 0)
    }

    /// Problems, errors first (then warnings, then notes), each group in file order.
    var sortedProblems: [Problem] {
        result.problems.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// The valid rows as a job to plan ("apply the valid rows only" when the file has errors).
    func validJob() throws -> ValidJob {
        let sha = try JobFileReader.sha256(path: path)
        return ValidJob(rows: result.rows, csv: result.csv, path: path, sha256: sha)
    }
}

/// How the server reads uploads: the defaults and the team's saved header mapping.
enum WebJobOptions {
    static func readOptions(store: UploadStore) -> JobReadOptions {
        var options = JobReadOptions()
        options.columnMapping = store.mapping().compactMapValues(WebJobOptions.field(named:))
        return options
    }

    /// Every field a header can be mapped to, in report order.
    static let fields: [JobColumn] = [.phoneNumber, .setting(.poolName), .setting(.source), .setting(.medium),
                                      .setting(.campaign), .setting(.content), .setting(.keyword), .redirectType,
                                      .setting(.redirectNumber), .setting(.reserveNumber), .setting(.reserveTimeOut),
                                      .setting(.ignoreEarlyMedia)]

    static func field(named name: String) -> JobColumn? { fields.first { $0.csvName == name } }
}
