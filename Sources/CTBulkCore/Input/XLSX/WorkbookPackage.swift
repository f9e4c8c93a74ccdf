import CTBulkZlib
import Foundation
import ZIPFoundation

/// An .xlsx file opened as what it is: a zip container (ZIPFoundation) of XML parts tied together by relationship
/// parts. Finds the workbook, its sheets in order, the shared-strings and styles parts; streams any part through
/// expat in chunks.
final class WorkbookPackage {
    struct Sheet: Sendable, Equatable {
        var name: String
        /// The part inside the container, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
    }

    let path: String
    private let archive: Archive
    /// The worksheets in the workbook's order (chart sheets and dialog sheets left out).
    let sheets: [Sheet]
    let sharedStringsPart: String?
    let stylesPart: String?
    /// The workbook counts dates from 1904 (old Mac Excel) rather than 1900.
    let date1904: Bool

    /// The chunk size in which parts are inflated and parsed.
    static let chunkSize = 64 * 1024

    init(path: String) throws(WorkbookReadError) {
        self.path = path
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil) } catch {
            throw Self.notZip(path: path, error: error)
        }
        self.archive = archive

        // _rels/.rels names the workbook part (xl/workbook.xml in every producer we know).
        let rootRelations = try Self.relationships(archive, part: "_rels/.rels", base: "")
        guard let workbookPart = rootRelations.values.first(where: { $0.type.hasSuffix("/officeDocument") })?.target
                ?? (archive["xl/workbook.xml"] != nil ? "xl/workbook.xml" : nil) else {
            throw .notAWorkbook(reason: "no workbook part")
        }
        let base = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let workbookRelations = try Self.relationships(archive, part: Self.relationshipsPart(of: workbookPart), base: base)

        let workbook = WorkbookHandler()
        try Self.parseWhole(archive, part: workbookPart, handler: workbook)
        var sheets: [Sheet] = []
        for (name, id) in workbook.sheets {
            guard let relation = workbookRelations[id], relation.type.hasSuffix("/worksheet") else { continue }
            sheets.append(Sheet(name: name, part: relation.target))
        }
        self.sheets = sheets
        self.date1904 = workbook.date1904
        self.sharedStringsPart = workbookRelations.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
        self.stylesPart = workbookRelations.values.first { $0.type.hasSuffix("/styles") }?.target
    }

    /// The sheet to read: `name` (compared as Excel does, ignoring case), or the first.
    func sheet(named name: String?) throws(WorkbookReadError) -> Sheet {
        guard let first = sheets.first else { throw .noSheets }
        guard let name else { return first }
        if let exact = sheets.first(where: { $0.name == name }) { return exact }
        if let folded = sheets.first(where: { $0.name.lowercased() == name.lowercased() }) { return folded }
        throw .unknownSheet(name, sheets: sheets.map(\.name))
    }

    /// Streams `part` through `handler`, calling `afterChunk` after every parsed chunk (the handler's finished rows
    /// are collected there). An error thrown by `afterChunk` stops the stream and is rethrown as it is; a broken
    /// container or XML is a ``WorkbookReadError``.
    func stream(part: String, handler: XMLEventHandler, afterChunk: () throws -> Void) throws {
        let xml = XMLStream(part: part, handler: handler)
        try inflate(part: part) { data in
            try xml.feed(data)
            try afterChunk()
        }
        try xml.feed(Data(), isFinal: true)
        try afterChunk()
    }

    /// Streams `part` whole through `handler` (the shared strings, the styles): any failure as a ``WorkbookReadError``.
    func read(part: String, handler: XMLEventHandler) throws(WorkbookReadError) {
        do { try stream(part: part, handler: handler) {} } catch let error as WorkbookReadError { throw error } catch {
            throw .damaged(part: part, reason: String(describing: error))
        }
    }

    /// The size of a part once inflated (as the container records it), or nil for a missing part.
    func inflatedSize(part: String) -> UInt64? { archive[part]?.uncompressedSize }

    /// Inflates `part` in chunks of ``chunkSize`` without parsing it, handing each to `chunk`. An error thrown by
    /// `chunk` stops it and is rethrown as it is; a broken container is a ``WorkbookReadError``.
    func inflate(part: String, _ chunk: (Data) throws -> Void) throws {
        guard let entry = archive[part] else { throw WorkbookReadError.damaged(part: part, reason: "missing") }
        var passOn: (any Error)?
        // The CRC-32 with zlib's (ZIPFoundation's own takes ~7 instructions a byte, as long as the sheet's parse on a
        // core); checked, as ZIPFoundation checks it, once the part is whole.
        var checksum: UInt = 0
        do {
            _ = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: true) { data in
                data.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    checksum = crc32(checksum, base.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count))
                }
                do { try chunk(data) } catch {
                    passOn = error
                    throw error
                }
            }
            guard UInt32(truncatingIfNeeded: checksum) == entry.checksum else {
                throw WorkbookReadError.damaged(part: part, reason: "CRC-32 mismatch")
            }
        } catch {
            if let passOn { throw passOn }
            if let error = error as? WorkbookReadError { throw error }
            throw WorkbookReadError.damaged(part: part, reason: String(describing: error))
        }
    }

    /// Parses a small part whole (workbook, relationships); a missing part is an error.
    static func parseWhole(_ archive: Archive, part: String, handler: XMLEventHandler) throws(WorkbookReadError) {
        guard let entry = archive[part] else { throw .damaged(part: part, reason: "missing") }
        let xml = XMLStream(part: part, handler: handler)
        do {
            _ = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: false) { data in try xml.feed(data) }
            try xml.feed(Data(), isFinal: true)
        } catch let error as WorkbookReadError {
            throw error
        } catch {
            throw .damaged(part: part, reason: String(describing: error))
        }
    }

    private struct Relation { var type: String; var target: String }

    /// The relationships of a part, by id, with targets resolved against `base` (the folder of the part).
    private static func relationships(_ archive: Archive, part: String, base: String) throws(WorkbookReadError) -> [String: Relation] {
        guard archive[part] != nil else { return [:] }
        let handler = RelationshipsHandler()
        try parseWhole(archive, part: part, handler: handler)
        var out: [String: Relation] = [:]
        for (id, type, target, external) in handler.relations where !external {
            out[id] = Relation(type: type, target: resolve(target, base: base))
        }
        return out
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationshipsPart(of part: String) -> String {
        var segments = part.split(separator: "/").map(String.init)
        let file = segments.popLast() ?? part
        return (segments + ["_rels", file + ".rels"]).joined(separator: "/")
    }

    /// A relationship target resolved to a part name: absolute (`/xl/x.xml`) or relative to `base`, `..` honoured.
    static func resolve(_ target: String, base: String) -> String {
        var segments: [String] = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }

    /// Not a zip: an old binary .xls (OLE2), an OpenDocument or Numbers file renamed, or something else.
    private static func notZip(path: String, error: any Error) -> WorkbookReadError {
        let head = (try? ByteSource.prefix(path: path, count: 8)) ?? []
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .otherFormat("xls") }
        return .notAWorkbook(reason: String(describing: error))
    }
}

/// `_rels/*.rels`: `<Relationship Id Type Target TargetMode/>`.
private final class RelationshipsHandler: XMLEventHandler {
    var relations: [(String, String, String, Bool)] = []

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        guard XMLStream.equals(name, "Relationship"), let id = attributes["Id"], let target = attributes["Target"] else { return }
        relations.append((id, attributes["Type"] ?? "", target, attributes["TargetMode"] == "External"))
    }
}

/// `xl/workbook.xml`: the sheets in order (`<sheet name r:id/>`) and `<workbookPr date1904/>`.
private final class WorkbookHandler: XMLEventHandler {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLStream.equals(name, "sheet"), let sheetName = attributes["name"], let id = attributes["id"] {
            sheets.append((sheetName, id))
        } else if XMLStream.equals(name, "workbookPr"), let value = attributes["date1904"] {
            date1904 = value == "1" || value.lowercased() == "true"
        }
    }
}
