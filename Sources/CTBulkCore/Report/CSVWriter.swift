import Foundation

/// Writes CSV in a given dialect (encoding, BOM, delimiter, `sep=` line, line ends) and neutralises cells that Excel
/// would run as formulas. Writes to `PATH.partial` and renames on ``close()``, so a report is never half-written.
public final class CSVWriter {
    public let path: String
    public let dialect: CSVDialect
    private let handle: FileHandle
    private let partialPath: String
    private var buffer: [UInt8] = []
    private var closed = false

    public init(path: String, dialect: CSVDialect) throws(ReportError) {
        self.path = path
        self.dialect = dialect
        self.partialPath = path + ".partial"
        guard FileManager.default.createFile(atPath: partialPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: partialPath) else {
            throw ReportError(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
        if dialect.hasBOM { buffer.append(contentsOf: dialect.encoding.bom) }
        if dialect.hasSepLine { append("sep=\(dialect.delimiterName == "tab" ? "\t" : dialect.delimiterName)" + dialect.lineEnding) }
    }

    deinit {
        if !closed {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partialPath)
        }
    }

    /// Cells that start with `=`, `+`, `-`, `@` (or a tab or carriage return) get a leading apostrophe, so Excel shows
    /// them as text instead of running them. ctbulk's readers remove that apostrophe again: both sides follow
    /// ``CellText/isFormulaLead(_:)``.
    public static func neutralise(_ cell: String) -> String { CellText.neutralised(cell) }

    /// Writes one record.
    public func write(_ cells: [String]) throws(ReportError) {
        var line = ""
        let delimiter = Character(UnicodeScalar(dialect.delimiter))
        for (index, raw) in cells.enumerated() {
            if index > 0 { line.append(delimiter) }
            let cell = Self.neutralise(raw)
            // One pass over the bytes (all four are ASCII, so no UTF-8 sequence hides them): Foundation's
            // `contains(_: String)` took 40 % of writing a validation report.
            let needsQuotes = cell.utf8.contains { $0 == dialect.delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || cell.hasPrefix(" ") || cell.hasSuffix(" ")
            if needsQuotes {
                line.append("\"")
                line.append(cell.replacingOccurrences(of: "\"", with: "\"\""))
                line.append("\"")
            } else {
                line.append(cell)
            }
        }
        line.append(dialect.lineEnding)
        append(line)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func append(_ text: String) {
        switch dialect.encoding {
        case .utf8: buffer.append(contentsOf: text.utf8)
        case .windows1251: buffer.append(contentsOf: Windows1251.encode(text))
        case .utf16LE:
            for unit in text.utf16 { buffer.append(UInt8(unit & 0xFF)); buffer.append(UInt8(unit >> 8)) }
        case .utf16BE:
            for unit in text.utf16 { buffer.append(UInt8(unit >> 8)); buffer.append(UInt8(unit & 0xFF)) }
        }
    }

    private func flush() throws(ReportError) {
        do { try handle.write(contentsOf: buffer) } catch { throw ReportError(path: path, reason: String(describing: error)) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and moves the file into place.
    public func close() throws(ReportError) {
        guard !closed else { return }
        try flush()
        closed = true
        do {
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partialPath, toPath: path)
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }
}

/// A report or output file that could not be written.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) { self.path = path; self.reason = reason }

    /// Which file could not be written and why, for people.
    public var text: Message { Message("report.cannot_write", ["path": .text(path), "reason": .text(reason)]) }

    public var description: String { text.render(.en) }
}
