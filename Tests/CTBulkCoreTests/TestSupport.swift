import CTBulkCore
import Foundation

/// A fresh temporary directory per test.
struct TempDir {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ctbulk-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The repository's root (for examples/ and jobs/).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

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

func phone(_ text: String) -> PhoneNumber { PhoneNumber(canonical: text)! }
