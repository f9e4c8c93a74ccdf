/// Why a workbook (.xlsx) cannot be read at all. Rendered through the catalogue (`xlsx.error.*`).
public enum WorkbookReadError: Error, Sendable, Hashable {
    /// Not a zip container, or one without a workbook part.
    case notAWorkbook(reason: String)
    /// A spreadsheet format ctbulk does not read (`xls`, `ods`, `numbers`): the message says how to save it as .xlsx
    /// or CSV.
    case otherFormat(String)
    /// A part of the workbook is missing or is not well-formed XML.
    case damaged(part: String, reason: String)
    /// `--sheet NAME` names no sheet of the workbook.
    case unknownSheet(String, sheets: [String])
    /// The workbook has no worksheet.
    case noSheets

    /// A stable code for machines (`--format json`).
    public var code: String {
        switch self {
        case .notAWorkbook, .damaged, .noSheets: return "file.unreadable"
        case .otherFormat: return "file.unsupported_format"
        case .unknownSheet: return "file.sheet_unknown"
        }
    }

    /// What went wrong and what to do, for `path`.
    public func message(path: String) -> Message {
        let path = Message.Argument.text(ControlCharacters.escaped(path))
        switch self {
        case .notAWorkbook(let reason):
            return Message("xlsx.error.not_a_workbook", ["path": path, "reason": .text(reason)])
        case .otherFormat(let format):
            switch format.lowercased() {
            case "xls": return Message("xlsx.error.xls", ["path": path])
            case "ods": return Message("xlsx.error.ods", ["path": path])
            default: return Message("xlsx.error.numbers", ["path": path])
            }
        case .damaged(let part, let reason):
            return Message("xlsx.error.damaged", ["path": path, "part": .text(part), "reason": .text(reason)])
        case .unknownSheet(let name, let sheets):
            return Message("xlsx.error.unknown_sheet", [
                "path": path, "sheet": .text(ControlCharacters.escaped(name)),
                "sheets": .text(sheets.map { "«\(ControlCharacters.escaped($0))»" }.joined(separator: ", ")),
            ])
        case .noSheets:
            return Message("xlsx.error.no_sheets", ["path": path])
        }
    }
}
