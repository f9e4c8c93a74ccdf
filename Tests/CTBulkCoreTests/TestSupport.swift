import CTBulkCore
import CTBulkTestSupport
import Foundation

func example(_ name: String) -> String { repositoryRoot.appendingPathComponent("examples/\(name)").path }

/// Reads every row of a file.
func readRows(_ path: String, options: JobReadOptions = JobReadOptions()) throws -> (JobFileReader, [SourceRow]) {
    let reader = try JobFileReader(path: path, options: options)
    var rows: [SourceRow] = []
    try reader.forEachRow { rows.append($0) }
    return (reader, rows)
}

func validate(_ path: String, options: JobReadOptions = JobReadOptions()) throws -> ValidationResult {
    Validator.validate(try JobFileReader(path: path, options: options), problemLimit: nil, collectRows: true)
}

func codes(_ result: ValidationResult, row: Int) -> [String] {
    result.problems.filter { $0.row == row }.map(\.code.rawValue)
}

