import Foundation

/// Writes rows as a job file that `apply` accepts: CSV with the canonical column names, or JSON shaped exactly like
/// the API body.
public enum JobWriter {
    /// CSV in `dialect` (``CSVDialect/excel`` for Excel, ``CSVDialect/plain`` otherwise).
    public static func writeCSV(_ rows: [JobRow], to path: String, dialect: CSVDialect) throws(ReportError) {
        let writer = try CSVWriter(path: path, dialect: dialect)
        try writer.write(JobColumn.all.map(\.csvName))
        for row in rows { try writer.write(cells(row)) }
        try writer.close()
    }

    /// A job file as a spreadsheet: a workbook when `path` ends in `.xlsx` (``SpreadsheetFile``), else CSV in
    /// `csvDialect`. Numbers are written as text, so a spreadsheet keeps every digit.
    public static func writeSpreadsheet(_ rows: [JobRow], to path: String, csvDialect: CSVDialect) throws(ReportError) {
        let sink = try SpreadsheetFile.open(path: path, csvDialect: csvDialect)
        try sink.writeHeader(JobColumn.all.map(\.csvName))
        for row in rows { try sink.writeRow(cells(row).map { SpreadsheetCell($0) }) }
        try sink.close()
    }

    /// A workbook (.xlsx) with the canonical column names; phone numbers and the time-out as numbers (Excel shows
    /// all their digits), the rest as text.
    public static func writeWorkbook(_ rows: [JobRow], to path: String) throws(ReportError) {
        let writer = try WorkbookWriter(path: path)
        try writer.writeHeader(JobColumn.all.map(\.csvName))
        let numeric: Set<JobColumn> = [.phoneNumber, .setting(.redirectNumber), .setting(.reserveNumber), .setting(.reserveTimeOut)]
        for row in rows {
            try writer.writeRow(zip(JobColumn.all, cells(row)).map { column, text in
                SpreadsheetCell(text, isNumber: numeric.contains(column))
            })
        }
        try writer.close()
    }

    /// The CSV cells of one row, in ``JobColumn/all`` order.
    public static func cells(_ row: JobRow) -> [String] {
        JobColumn.all.map { column in
            switch column {
            case .phoneNumber: return row.phoneNumber.digits
            case .redirectType: return ""
            case .setting(let field):
                let value = row.settings[field]
                return value == "" ? "[]" : value ?? ""
            }
        }
    }

    /// One API-shaped body.
    public static func apiBody(_ row: JobRow) -> JSONValue {
        var object: [String: JSONValue] = ["phoneNumber": .string(row.phoneNumber.digits)]
        let s = row.settings
        if let pool = s.poolName { object["poolName"] = .string(pool) }
        if let display = s.displayOptions, !display.isEmpty {
            var d: [String: JSONValue] = [:]
            func text(_ v: String) -> JSONValue { .string(v.isEmpty ? "[]" : v) }
            if let v = display.source { d["source"] = text(v) }
            if let v = display.medium { d["medium"] = text(v) }
            if let v = display.campaign { d["campaign"] = text(v) }
            if let v = display.content { d["content"] = text(v) }
            if let v = display.keyword { d["keyword"] = text(v) }
            object["displayOptions"] = .object(d)
        }
        if let redirect = s.redirectOptions, !redirect.isEmpty {
            var r: [String: JSONValue] = ["redirectType": .string("PSTN")]
            if let number = redirect.redirectNumber { r["ptsnOptions"] = .object(["redirectNumber": .string(number.digits)]) }
            if let reserve = redirect.reserve, !reserve.isEmpty {
                var rr: [String: JSONValue] = [:]
                if let v = reserve.reserveNumber { rr["reserveNumber"] = .string(v.digits) }
                if let v = reserve.reserveTimeOut { rr["reserveTimeOut"] = .integer(Int64(v)) }
                if let v = reserve.ignoreEarlyMedia { rr["ignoreEarlyMedia"] = .bool(v) }
                r["reserveRedirect"] = .object(rr)
            }
            object["redirectOptions"] = .object(r)
        }
        return .object(object)
    }

    /// JSON: an array of API-shaped bodies.
    public static func writeJSON(_ rows: [JobRow], to path: String) throws(ReportError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(JSONValue.array(rows.map(apiBody)))
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }
}
