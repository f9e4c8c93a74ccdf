import Foundation

/// A mapping of a team's own headers to fields that cannot be used, with the message that says why.
public struct ColumnMappingError: Error, Sendable {
    public var message: Message
}

/// The team's own headers (`--map 'Резерв=reserveNumber'`, `--mapping FILE`, a job spec's `mapping`), parsed into
/// ``JobReadOptions/columnMapping``. Fields are named as in the API body (`reserveNumber`,
/// `redirectOptions.reserveRedirect.reserveNumber`), by their CSV names (`reserve_number`) or by any header ctbulk
/// knows for them.
public enum ColumnMapping {
    /// The field names a mapping may use, for messages.
    public static var fieldNames: String {
        ([JobColumn.phoneNumber, .redirectType] + JobColumn.all.dropFirst()).map(\.fieldName).joined(separator: ", ")
    }

    /// `HEADER=FIELD` pairs, as `--map` takes them (the last `=` separates: a header may hold one).
    public static func parse(pairs: [String]) throws(ColumnMappingError) -> [String: JobColumn] {
        var mapping: [String: JobColumn] = [:]
        for pair in pairs {
            guard let equals = pair.lastIndex(of: "=") else {
                throw ColumnMappingError(message: Message("headers.map.syntax", ["value": .text(pair)]))
            }
            let header = CellText.trim(String(pair[..<equals]))
            let field = CellText.trim(String(pair[pair.index(after: equals)...]))
            guard !header.isEmpty, !field.isEmpty else {
                throw ColumnMappingError(message: Message("headers.map.syntax", ["value": .text(pair)]))
            }
            mapping[header] = try column(field, header: header, source: "--map")
        }
        return mapping
    }

    /// A mapping file: a JSON object of headers to fields, `{"Резерв": "reserveNumber", …}`.
    public static func load(path: String) throws(ColumnMappingError) -> [String: JobColumn] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\((error as NSError).localizedDescription)" : "no such file"
            throw ColumnMappingError(message: Message("headers.mapping.unreadable", ["path": .text(path), "reason": .text(reason)]))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ColumnMappingError(message: Message("headers.mapping.shape", ["path": .text(path)]))
        }
        var mapping: [String: JobColumn] = [:]
        for (header, value) in object {
            guard let field = value as? String else {
                throw ColumnMappingError(message: Message("headers.mapping.shape", ["path": .text(path)]))
            }
            mapping[header] = try column(field, header: header, source: path)
        }
        return mapping
    }

    static func column(_ field: String, header: String, source: String) throws(ColumnMappingError) -> JobColumn {
        guard let column = JobColumn(fieldName: field) else {
            throw ColumnMappingError(message: Message("headers.map.field", ["source": .text(source), "header": .text(header),
                                                                          "field": .text(field), "fields": .text(fieldNames)]))
        }
        return column
    }
}
