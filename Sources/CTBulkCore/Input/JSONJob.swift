import Foundation

/// A JSON job file: an array of objects shaped like the API body (a body copied from the documentation is a valid
/// one-row job), or `{"defaults": {...}, "numbers": [...]}` whose defaults fill what a row leaves out.
struct JSONJob {
    struct Element {
        var row: Int
        var cells: [FieldCell]
        var problems: [Problem] = []
    }

    var rows: [Element] = []
    var fileProblems: [Problem] = []

    static func parse(_ data: Data) -> JSONJob {
        var job = JSONJob()
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            job.fileProblems.append(Problem(.jsonSyntax, row: nil, details: ["reason": underlying ?? context.debugDescription]))
            return job
        } catch {
            job.fileProblems.append(Problem(.jsonSyntax, row: nil, details: ["reason": String(describing: error)]))
            return job
        }
        var defaults: [String: JSONValue] = [:]
        let elements: [JSONValue]
        if case .array(let array) = root {
            elements = array
        } else if case .object(let object) = root, case .array(let numbers)? = object["numbers"] {
            elements = numbers
            if case .object(let d)? = object["defaults"] { defaults = d }
            for key in object.keys.sorted() where key != "numbers" && key != "defaults" {
                job.fileProblems.append(Problem(.jsonUnknownKey, row: nil, column: key, value: key))
            }
        } else if case .object(let object) = root, object["phoneNumber"] != nil {
            elements = [root]  // a single API body
        } else {
            job.fileProblems.append(Problem(.jsonShape, row: nil))
            return job
        }
        var defaultCells: [String: FieldCell] = [:]
        var scratch: [Problem] = []
        flatten(defaults, prefix: "", row: 0, into: &defaultCells, problems: &scratch)
        for problem in scratch { job.fileProblems.append(Problem(problem.code, row: nil, column: "defaults." + (problem.column ?? ""), value: problem.value)) }

        for (index, element) in elements.enumerated() {
            let row = index + 1
            guard case .object(let object) = element else {
                job.rows.append(Element(row: row, cells: [], problems: [Problem(.jsonShape, row: row, value: element.cellText)]))
                continue
            }
            var cells: [String: FieldCell] = [:]
            var problems: [Problem] = []
            flatten(object, prefix: "", row: row, into: &cells, problems: &problems)
            for (key, cell) in defaultCells where cells[key] == nil { cells[key] = cell }
            let ordered = JobColumn.all.compactMap { cells[$0.csvName] } + (cells["redirect_type"].map { [$0] } ?? [])
            job.rows.append(Element(row: row, cells: ordered, problems: problems))
        }
        return job
    }

    /// Walks the API body shape (and tolerates flat canonical names), producing one cell per known field.
    private static func flatten(_ object: [String: JSONValue], prefix: String, row: Int,
                                into cells: inout [String: FieldCell], problems: inout [Problem]) {
        for key in object.keys.sorted() {
            let value = object[key]!
            let path = prefix.isEmpty ? key : prefix + "." + key
            if case .object(let nested) = value {
                flatten(nested, prefix: path, row: row, into: &cells, problems: &problems)
                continue
            }
            if value == .null { continue }
            guard let column = HeaderMapping.column(for: path) ?? HeaderMapping.column(for: key) else {
                problems.append(Problem(.jsonUnknownKey, row: row, column: path, value: value.cellText))
                continue
            }
            cells[column.csvName] = FieldCell(column: column, name: path, raw: value.cellText)
        }
    }

}
