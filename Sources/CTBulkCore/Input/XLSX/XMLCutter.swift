import CExpat
import Foundation

/// How a large part of a workbook is parsed on several threads (``XMLCutter``, ``SheetSegments``,
/// ``SharedStrings/read(_:part:maxCellBytes:parallelism:)``).
struct SheetParallelism: Sendable {
    /// The size of the stretches the XML is cut into, at record boundaries.
    var segmentBytes: Int
    /// Parser threads; 1 parses on the reading thread alone.
    var workers: Int
    /// A part smaller than this once inflated is parsed on the reading thread alone.
    var minimumPartBytes: UInt64

    /// A thread per core (up to four) for parts of 4 MiB of XML and more (some 10,000 rows), cut every 1 MiB.
    static let automatic = SheetParallelism(segmentBytes: 1 << 20,
                                            workers: min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4),
                                            minimumPartBytes: 4 << 20)

    /// Whether a part of `size` bytes of XML is cut.
    func cuts(partOf size: UInt64?) -> Bool { workers > 1 && (size ?? 0) >= minimumPartBytes }

    /// How many stretches may be cut and not yet taken back (what bounds memory).
    var inFlight: Int { workers + 2 }
}

/// Cuts a part's XML, as it is inflated, into stretches that end right after a record's end tag (`</row>` in a
/// sheet, `</si>` in the shared strings), so that each can be parsed by a parser of its own fed first the document's
/// beginning up to and including the container's start tag (`<sheetData>`, `<sst>`): the stretch is then read in the
/// document's namespaces and element stack.
///
/// A cut is only made where such an end tag can be nothing else: the document is UTF-8 and, past its XML
/// declaration, has no comment, CDATA section, processing instruction or DTD (nothing starting `<!` or `<?`), so
/// every `<` starts a tag and `</row>` is a row's end. From the first of those on, and after the last record, the
/// rest is handed on whole (``Piece/rest(index:head:bytes:)``), to be parsed on one thread as it arrives.
struct XMLCutter {
    struct Stretch: Sendable {
        var index: Int
        /// The document's beginning (parsed before every stretch but the first, which begins with it).
        var head: [UInt8]
        var bytes: [UInt8]
    }

    /// A stretch that did not end as deep in the document as it began: an element left open (or closed) across a
    /// cut, which a parser of the stretch alone cannot judge.
    struct Unbalanced: Error {}

    enum Piece {
        case stretch(Stretch)
        /// The bytes from here on (the caller feeds the chunks after them to the same parser): stretch `index`, to
        /// be parsed after `head` unless it is the first.
        case rest(index: Int, head: [UInt8], bytes: [UInt8])
    }

    let container: StaticString
    let record: StaticString
    let segmentBytes: Int
    /// The document's beginning through the container's start tag, once found.
    private(set) var head: [UInt8]?
    /// The bytes not yet cut off (from the document's beginning until the first cut).
    private var buffer: [UInt8] = []
    /// How much of ``buffer`` was searched for what ends cutting.
    private var searched = 0
    /// Stretches cut so far.
    private(set) var stretches = 0
    /// The rest was handed on: nothing more is cut.
    private(set) var isDone = false

    init(container: StaticString, record: StaticString, segmentBytes: Int) {
        self.container = container
        self.record = record
        self.segmentBytes = segmentBytes
    }

    /// A document whose beginning is longer than this is not cut (every producer writes a few hundred bytes before
    /// the records, a few thousand with many column widths).
    static let longestHead = 4 << 20

    /// Takes the next inflated chunk; `emit` gets the stretches it completes, and the rest once cutting ends.
    mutating func take(_ data: UnsafeRawBufferPointer, _ emit: (Piece) throws -> Void) rethrows {
        precondition(!isDone, "the rest was handed on")
        buffer.append(contentsOf: data)
        if head == nil {
            switch findHead() {
            case .notYet:
                if buffer.count > Self.longestHead { try rest(emit) }
                return
            case .unsafe:
                return try rest(emit)
            case .found(let end):
                head = Array(buffer[..<end])
                searched = end
            }
        }
        // Cut only before the first markup declaration in the bytes not searched yet. (The container's end needs no
        // search: no record ends after it, so what follows the last record is the rest; a stretch beginning past it,
        // were a record of that name to come after it, would not end as deep as it began and is read from the start.)
        let stop = firstMarkupDeclaration(searched..<buffer.count)
        searched = buffer.count
        let limit = stop ?? buffer.count
        var start = 0
        // At a stop, the records before it are cut off too, however few.
        while limit - start >= segmentBytes || stop != nil && limit > start {
            let from = max(start, stretches == 0 ? head?.count ?? 0 : 0)  // the first stretch holds the head
            guard from < limit else { break }
            let window = min(max(start + segmentBytes, from + 1), limit)
            // The last record ending in the window, else the first after it (records longer than a stretch).
            guard let cut = lastRecordEnd(in: from..<window) ?? firstRecordEnd(in: window..<limit) else { break }
            try emit(.stretch(Stretch(index: stretches, head: head ?? [], bytes: Array(buffer[start..<cut]))))
            stretches += 1
            start = cut
        }
        buffer.removeSubrange(..<start)
        searched -= start
        // Past a stop, or no record ends in this much XML (enormous cells): the rest as it comes.
        if stop != nil || buffer.count > 16 * segmentBytes { try rest(emit) }
    }

    /// The document ended: what was not cut is the rest.
    mutating func finish(_ emit: (Piece) throws -> Void) rethrows {
        if !isDone { try rest(emit) }
    }

    private mutating func rest(_ emit: (Piece) throws -> Void) rethrows {
        isDone = true
        let bytes = buffer
        buffer = []
        try emit(.rest(index: stretches, head: head ?? [], bytes: bytes))
    }

    private enum HeadSearch { case notYet, unsafe, found(Int) }

    /// The end of the container's start tag, when the document can be cut.
    private func findHead() -> HeadSearch {
        var position = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard position < buffer.count else { return .notYet }
        guard buffer[position] == UInt8(ascii: "<") else { return .unsafe }  // UTF-16, or not XML
        if find("<?xml", from: position) == position {
            guard let close = find("?>", from: position) else { return .notYet }
            guard Self.declaresUTF8(buffer[position..<close]) else { return .unsafe }
            position = close + 2
        }
        guard let name = find(container, from: position) else { return .notYet }
        guard firstMarkupDeclaration(position..<name) == nil,
              buffer[name - 1] == UInt8(ascii: "<") || buffer[name - 1] == UInt8(ascii: ":") else { return .unsafe }
        let nameEnd = name + container.utf8CodeUnitCount
        guard nameEnd < buffer.count, let close = find(">", from: name) else { return .notYet }
        guard buffer[nameEnd] == UInt8(ascii: ">") || Self.isSpace(buffer[nameEnd]), buffer[close - 1] != UInt8(ascii: "/") else {
            return .unsafe  // `<sheetData/>`: nothing to cut
        }
        return .found(close + 1)
    }

    /// The XML declaration names no encoding, or UTF-8.
    private static func declaresUTF8(_ declaration: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: declaration, as: UTF8.self).lowercased()
        guard let found = text.range(of: "encoding") else { return true }
        let value = text[found.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" }
        return value == "utf-8" || value == "utf8"
    }

    /// Where the first `<!` or `<?` in `range` starts (its `<` may be just before the range).
    private func firstMarkupDeclaration(_ range: Range<Int>) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var first: Int?
            for mark in [UInt8(ascii: "!"), UInt8(ascii: "?")] {
                var position = range.lowerBound
                let end = min(range.upperBound, first ?? range.upperBound)
                while position < end, let hit = memchr(bytes.baseAddress! + position, Int32(mark), end - position) {
                    let index = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if index > 0 && bytes[index - 1] == UInt8(ascii: "<") { first = index - 1; break }
                    position = index + 1
                }
            }
            return first
        }
    }

    /// The end of the last record end tag that starts in `range`.
    private func lastRecordEnd(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            var end = range.upperBound
            while end > range.lowerBound,
                  let hit = ctbulk_memrchr(bytes.baseAddress! + range.lowerBound, Int32(UInt8(ascii: "<")), end - range.lowerBound) {
                let index = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if let cut = recordEndTag(bytes, at: index) { return cut }
                end = index
            }
            return nil
        }
    }

    /// The end of the first record end tag that starts in `range`.
    private func firstRecordEnd(in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            var position = range.lowerBound
            while position < range.upperBound,
                  let hit = memchr(bytes.baseAddress! + position, Int32(UInt8(ascii: "<")), range.upperBound - position) {
                let index = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if let cut = recordEndTag(bytes, at: index) { return cut }
                position = index + 1
            }
            return nil
        }
    }

    /// The end of the record's end tag (`</row>`, `</x:row>`, `</row >`) starting at `index`, or nil.
    private func recordEndTag(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        var position = index + 1
        guard position < bytes.count, bytes[position] == UInt8(ascii: "/") else { return nil }
        position += 1
        var nameStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: ">"), !Self.isSpace(bytes[position]) {
            if bytes[position] == UInt8(ascii: ":") { nameStart = position + 1 }
            position += 1
        }
        let name = UnsafeBufferPointer(start: record.utf8Start, count: record.utf8CodeUnitCount)
        guard position - nameStart == name.count, memcmp(bytes.baseAddress! + nameStart, name.baseAddress!, name.count) == 0 else {
            return nil
        }
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
        return position < bytes.count && bytes[position] == UInt8(ascii: ">") ? position + 1 : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The first occurrence of `pattern` in the buffer from `position`.
    private func find(_ pattern: StaticString, from position: Int) -> Int? {
        guard position >= 0, position < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            guard let hit = ctbulk_memmem(bytes.baseAddress! + position, bytes.count - position,
                                          pattern.utf8Start, pattern.utf8CodeUnitCount) else { return nil }
            return bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}

extension XMLCutter {
    /// What the rest of a part (after the last stretch) is handed on as: its start (the stretch index it would have
    /// had, and the document's beginning to parse first unless it is 0), its bytes as they come, its end.
    enum Rest {
        case start(index: Int, head: [UInt8])
        case bytes(UnsafeRawBufferPointer)
        case end
    }

    /// One pass over a part: inflated, cut, the stretches parsed by `parallelism.workers` threads with `parse` and
    /// their results handed to `merge` in order (at most ``SheetParallelism/inFlight`` at a time, so memory stays
    /// constant); once every stretch is merged, the rest goes to `rest` on this thread. An error from `merge` or
    /// `rest` stops the pass (and the threads) and is rethrown.
    static func parseInStretches<Result: Sendable>(
        _ package: WorkbookPackage, part: String, container: StaticString, record: StaticString,
        parallelism: SheetParallelism, parse: @escaping @Sendable (Stretch) -> Result,
        merge: (Result, _ index: Int) throws -> Void, rest: (Rest) throws -> Void
    ) throws {
        let workers = XMLStretchWorkers<Result>(count: parallelism.workers, parse: parse)
        defer { workers.close() }
        var cutter = XMLCutter(container: container, record: record, segmentBytes: parallelism.segmentBytes)
        var submitted = 0, merged = 0
        var inRest = false
        func mergeNext() throws {
            let index = merged
            merged += 1
            try merge(workers.result(index), index)
        }
        func take(_ piece: Piece) throws {
            switch piece {
            case .stretch(let stretch):
                while submitted - merged >= parallelism.inFlight { try mergeNext() }
                workers.submit(stretch)
                submitted += 1
            case .rest(let index, let head, let bytes):
                while merged < submitted { try mergeNext() }
                inRest = true
                try rest(.start(index: index, head: head))
                try bytes.withUnsafeBytes { try rest(.bytes($0)) }
            }
        }
        try package.inflate(part: part) { data in
            try data.withUnsafeBytes { bytes in
                if inRest { try rest(.bytes(bytes)) } else { try cutter.take(bytes, take) }
            }
        }
        try cutter.finish(take)
        try rest(.end)
    }
}

extension XMLCutter.Stretch {
    /// Parses the stretch after the document's beginning (the first stretch begins with it) and checks it ends as
    /// deep as the beginning left the parser: an element left open across a cut would be reported by one parser (a
    /// mismatched tag further on) but not by the parsers of the two stretches, each starting from the beginning's.
    func parse(_ xml: XMLStream, _ handler: XMLEventHandler) throws {
        if index > 0 {
            try head.withUnsafeBytes { try xml.feed($0) }
        } else {
            try bytes.withUnsafeBytes { try xml.feed(UnsafeRawBufferPointer(rebasing: $0[..<head.count])) }
        }
        let depth = handler.depth
        try bytes.withUnsafeBytes { try xml.feed(index > 0 ? $0 : UnsafeRawBufferPointer(rebasing: $0[head.count...])) }
        guard handler.depth == depth else { throw XMLCutter.Unbalanced() }
    }
}

/// Threads that parse stretches of a part (``XMLCutter``), each with its own expat parser; results are taken back by
/// the stretch's index.
final class XMLStretchWorkers<Result: Sendable>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [XMLCutter.Stretch] = []
    private var results: [Int: Result] = [:]
    private var closing = false
    private var running: Int
    private let parse: @Sendable (XMLCutter.Stretch) -> Result

    init(count: Int, parse: @escaping @Sendable (XMLCutter.Stretch) -> Result) {
        self.parse = parse
        running = count
        for _ in 0..<count {
            let thread = Thread { [self] in work() }
            thread.name = "ctbulk-xml"
            thread.start()
        }
    }

    func submit(_ stretch: XMLCutter.Stretch) {
        condition.lock()
        jobs.append(stretch)
        condition.broadcast()
        condition.unlock()
    }

    /// The result of stretch `index`, once parsed.
    func result(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while results.index(forKey: index) == nil { condition.wait() }
        return results.removeValue(forKey: index)!
    }

    /// Drops the stretches not started and waits for the threads to end (each finishes the one in hand).
    func close() {
        condition.lock()
        closing = true
        jobs.removeAll()
        condition.broadcast()
        while running > 0 { condition.wait() }
        results.removeAll()
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty && !closing { condition.wait() }
            if jobs.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            let result = parse(job)
            condition.lock()
            results[job.index] = result
            condition.broadcast()
        }
    }
}
