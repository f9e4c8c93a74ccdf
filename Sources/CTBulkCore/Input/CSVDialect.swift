/// How a CSV file is written: encoding, BOM, delimiter, a leading `sep=` line, line ends. Reports are written back in
/// the same dialect so a user can fix rows and upload the file again as is.
public struct CSVDialect: Sendable, Codable, Equatable {
    public var encoding: TextEncoding
    public var hasBOM: Bool
    public var delimiter: UInt8
    /// The file started with Excel's `sep=;` line.
    public var hasSepLine: Bool
    /// `\r\n` or `\n`.
    public var lineEnding: String

    public init(encoding: TextEncoding, hasBOM: Bool, delimiter: UInt8, hasSepLine: Bool = false, lineEnding: String = "\r\n") {
        self.encoding = encoding; self.hasBOM = hasBOM; self.delimiter = delimiter; self.hasSepLine = hasSepLine
        self.lineEnding = lineEnding
    }

    /// What Excel reads best: UTF-8 with a BOM, `;`, CRLF.
    public static let excel = CSVDialect(encoding: .utf8, hasBOM: true, delimiter: UInt8(ascii: ";"))
    /// Plain UTF-8 with `,` and LF.
    public static let plain = CSVDialect(encoding: .utf8, hasBOM: false, delimiter: UInt8(ascii: ","), lineEnding: "\n")

    /// `;`, `,` or `tab`.
    public var delimiterName: String { delimiter == 0x09 ? "tab" : String(UnicodeScalar(delimiter)) }

    /// Parses `--delimiter` values: `,` `;` `tab` `\t` `|`.
    public static func parseDelimiter(_ text: String) -> UInt8? {
        switch text.lowercased() {
        case "tab", "\\t", "\t", "таб": return 0x09
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "|", "pipe": return UInt8(ascii: "|")
        default: return nil
        }
    }
}

/// Picks the delimiter of a file from a sample of its first records, respecting quotes: the candidate that splits
/// the most records into the same number (more than one) of cells wins.
enum DelimiterSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09]

    static func sniff(_ sample: [UInt8], preferTab: Bool) -> (delimiter: UInt8, confident: Bool) {
        var best: (delimiter: UInt8, score: Double, width: Int) = (preferTab ? 0x09 : UInt8(ascii: ";"), -1, 0)
        let order = preferTab ? [0x09] + candidates.filter { $0 != 0x09 } : candidates
        for candidate in order {
            let parser = CSVParser(delimiter: candidate)
            let ok: Bool = sample.withUnsafeBytes { buffer in
                do { try parser.parse(buffer); return true } catch { return false }
            }
            guard ok else { continue }
            var records = parser.drain().prefix(50).filter { !$0.isBlank }
            if records.isEmpty {
                // The first line is longer than the sample: judge by the part of it the sample holds.
                try? parser.finish()
                records = parser.drain().prefix(50).filter { !$0.isBlank }
            }
            guard !records.isEmpty else { continue }
            // Excel writes the same number of cells on every line; hand-made files at least agree on the last
            // non-empty cell. Take whichever measure is more consistent.
            let raw = records.map(\.cells.count)
            let trimmed = records.map { record in record.cells.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? 0 }
            for widths in [raw, trimmed] {
                var counts: [Int: Int] = [:]
                for w in widths { counts[w, default: 0] += 1 }
                let (modal, hits) = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }!
                guard modal > 1 else { continue }
                let score = Double(hits) / Double(widths.count)
                if score > best.score + 1e-9 || (abs(score - best.score) < 1e-9 && modal > best.width && candidate != best.delimiter) {
                    best = (candidate, score, modal)
                }
            }
        }
        return (best.delimiter, best.score >= 0.8)
    }
}
