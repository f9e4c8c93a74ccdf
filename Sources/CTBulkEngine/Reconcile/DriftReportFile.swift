import CTBulkCore

extension DriftReport {
    /// The drift report as a spreadsheet (`.xlsx` by the path's extension, else CSV): the job's rows in its own
    /// dialect (`layout`, re-reading `inputPath`) with the drift status, the changes and the live values added; for a
    /// job without a layout (JSON), the canonical columns. Every front end (`ctbulk reconcile --report`, the web's
    /// download) writes it here.
    public func write(to path: String, layout: CSVLayout?, inputPath: String, language: Language) throws {
        let liveColumns = SettingField.allCases.map { language.text("report.column.live", ["column": .text($0.csvName)]) }
        var byRow: [Int: DriftRow] = [:]
        for row in rows { byRow[row.row] = row }
        func extra(_ row: DriftRow?) -> [String] {
            guard let row else { return ["", "", ""] + liveColumns.map { _ in "" } }
            // Words, not signs: every report encoding (cp1251 too) can store them.
            let empty = language.text("report.empty_value")
            let changes = row.changes.map { change in
                language.text("report.drift_change", ["field": .text(change.field.rawValue), "live": .text(change.from ?? empty),
                                                      "desired": .text(change.to ?? empty)])
            }.joined(separator: "; ")
            let live = SettingField.allCases.map { row.live.settings?[$0] ?? "" }
            return [String(row.row), language.text("report.drift." + row.status.rawValue), changes] + live
        }
        let added = ["row", "drift", "changes"].map { language.text("report.column." + $0) } + liveColumns
        if let layout {
            let reader = try JobFileReader(path: inputPath, options: JobReadOptions(rereading: layout))
            let writer = try SpreadsheetFile.open(path: path, csvDialect: layout.dialect, sheetName: layout.sheet)
            try writer.writeHeader(layout.header + added)
            try reader.forEachRow { source in
                var cells = Array(source.cells.prefix(layout.header.count))
                while cells.count < layout.header.count { cells.append("") }
                let drift = byRow[source.row].map { $0.status != .inSync } ?? false
                try writer.writeRow(cells.enumerated().map { SpreadsheetCell($1, isNumber: source.numberCells.contains($0)) }
                                    + extra(byRow[source.row]).enumerated().map { index, text in
                                        SpreadsheetCell(text, mark: index == 1 && drift ? .changed : nil, isNumber: index == 0)
                                    })
            }
            try writer.close()
        } else {
            let writer = try SpreadsheetFile.open(path: path, csvDialect: .excel)
            try writer.writeHeader(JobColumn.all.map(\.csvName) + added)
            for row in rows {
                let cells = JobColumn.all.map { column -> String in
                    switch column {
                    case .phoneNumber: return row.phoneNumber.digits
                    case .redirectType: return ""
                    case .setting(let field): return row.desired[field] ?? ""
                    }
                }
                try writer.writeRow((cells + extra(row)).map { SpreadsheetCell($0) })
            }
            try writer.close()
        }
    }
}
