import Foundation

/// What a sheet's parsers share: the shared strings and styles (read-only once loaded, so several threads may read
/// them at once) and how cells become text.
struct SheetContext: @unchecked Sendable {
    let strings: SharedStrings?
    let styles: WorkbookStyles?
    let date1904: Bool
    let maxCellBytes: Int
    let part: String

    func handler(continuation: Bool = false) -> SheetHandler {
        SheetHandler(strings: strings, styles: styles, date1904: date1904, maxCellBytes: maxCellBytes, part: part,
                     continuation: continuation)
    }
}

/// Reads a sheet's rows with several expat parsers at once: the sheet's XML cut into stretches at row ends
/// (``XMLCutter``), each parsed by a worker thread, the rows handed on in the document's order exactly as one parser
/// hands them on. Where two stretches meet, the reader checks what one parser checks from row to row (row numbers
/// only go up) and hands on the rows the file leaves out between them as empty rows. The rest after the sheet data
/// (or after a comment, a CDATA section…) is parsed on the reading thread as it arrives. What a stretch parsed alone
/// cannot tell is left to one parse from the beginning that skips the rows already handed on: an XML error (its cause
/// and line belong to the whole document), a first row without a row number.
final class SheetSegments {
    private let package: WorkbookPackage
    private let context: SheetContext
    private let parallelism: SheetParallelism
    private var part: String { context.part }

    /// The last row handed on (0 before any).
    private var lastDelivered = 0
    /// The rest of the document, parsed on this thread as it arrives.
    private var tail: (xml: XMLStream, handler: SheetHandler, index: Int, joined: Bool)?

    /// What a pass did, for tests: how many stretches went to the threads, from which stretch on the rest was parsed
    /// on the reading thread, and whether it all ended in a parse from the beginning.
    struct Report: Equatable {
        var stretches = 0
        var tailFrom: Int?
        var parsedFromStart = false
    }
    private(set) var report = Report()

    init(package: WorkbookPackage, context: SheetContext, parallelism: SheetParallelism) {
        self.package = package
        self.context = context
        self.parallelism = parallelism
    }

    /// Thrown to leave the stretches for one parse from the beginning.
    private struct ParseFromStart: Error {}

    /// A stretch's rows as its parser left them.
    struct Stretch: Sendable {
        enum Outcome: Sendable {
            case parsed
            /// The handler found the sheet unusable (rows out of order, a missing shared string).
            case failed(WorkbookReadError)
            /// Expat refused the stretch: only a parse from the beginning says where and why.
            case xmlError(WorkbookReadError)
            case needsParseFromStart
        }
        var rows: SheetRows
        var firstRow: Int?
        var lastRow: Int
        var outcome: Outcome
    }

    /// Streams the sheet: `deliver` gets rows in order (a ``SheetRows`` and the index of its first span not handed
    /// on before), as ``parseFromStart(package:context:skippingThrough:deliver:)`` gives them.
    func run(_ deliver: (SheetRows, Int) throws -> Void) throws {
        let context = context
        do {
            try XMLCutter.parseInStretches(package, part: part, container: "sheetData", record: "row",
                                           parallelism: parallelism, parse: { Self.parse($0, context) },
                                           merge: { try accept($0, index: $1, deliver) }, rest: { rest in
                switch rest {
                case .start(let index, let head): try startTail(index: index, head: head, deliver)
                case .bytes(let bytes): try feedTail(bytes, isFinal: false, deliver)
                case .end: try feedTail(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true, deliver)
                }
            })
        } catch is ParseFromStart {
            report.parsedFromStart = true
            try Self.parseFromStart(package: package, context: context, skippingThrough: lastDelivered, deliver: deliver)
        }
    }

    /// One parser from the document's beginning, on this thread; rows up to `skip` are not handed on. On damage, the
    /// rows finished before it are handed on, then the damage is thrown (as the stretches do: the same rows whatever
    /// the chunk or stretch the damage falls in) — unless `rowsBeforeDamage` is false (the header search: damage
    /// that near the top refuses the file).
    static func parseFromStart(package: WorkbookPackage, context: SheetContext, skippingThrough skip: Int = 0,
                               rowsBeforeDamage: Bool = true, deliver: (SheetRows, Int) throws -> Void) throws {
        let handler = context.handler()
        func handOn() throws {
            guard !handler.rows.spans.isEmpty else { return }
            let from = skip == 0 ? 0 : handler.rows.firstSpan(after: skip)
            if from < handler.rows.spans.count { try deliver(handler.rows, from) }
            handler.removeFinished()
        }
        var handingOn = false
        do {
            try package.stream(part: context.part, handler: handler) {
                handingOn = true
                try handOn()
                handingOn = false
            }
        } catch let damage as WorkbookReadError where !handingOn {
            if rowsBeforeDamage { try handOn() }
            throw damage
        }
    }

    /// On a worker thread: the stretch after the document's beginning (unless it is the first, which begins with it).
    private static func parse(_ stretch: XMLCutter.Stretch, _ context: SheetContext) -> Stretch {
        let handler = context.handler(continuation: stretch.index > 0)
        let xml = XMLStream(part: context.part, handler: handler)
        var outcome = Stretch.Outcome.parsed
        do {
            try stretch.parse(xml, handler)
        } catch is XMLCutter.Unbalanced {
            outcome = .needsParseFromStart
        } catch {
            let error = error as? WorkbookReadError ?? .damaged(part: context.part, reason: String(describing: error))
            outcome = handler.needsParseFromStart ? .needsParseFromStart : handler.failure != nil ? .failed(error) : .xmlError(error)
        }
        return Stretch(rows: handler.rows, firstRow: handler.firstRow, lastRow: handler.lastRowNumber, outcome: outcome)
    }

    /// A stretch's rows, in order: handed on, or the reason the pass stops.
    private func accept(_ result: Stretch, index: Int, _ deliver: (SheetRows, Int) throws -> Void) throws {
        report.stretches = index + 1
        switch result.outcome {
        case .needsParseFromStart: throw ParseFromStart()
        case .xmlError(let error): if index == 0 { throw error } else { throw ParseFromStart() }
        case .parsed, .failed: break
        }
        if index > 0, let first = result.firstRow { try joinRows(at: first, deliver) }
        // A stretch the handler found damage in: the rows finished before the damage, then the damage.
        if !result.rows.spans.isEmpty { try deliver(result.rows, 0) }
        lastDelivered = max(lastDelivered, result.lastRow)
        if case .failed(let error) = result.outcome { throw error }
    }

    /// Where a stretch's first row meets the rows before it: after them (as one parser requires), the rows the file
    /// leaves out between them handed on as empty.
    private func joinRows(at first: Int, _ deliver: (SheetRows, Int) throws -> Void) throws {
        guard first > lastDelivered else {
            throw WorkbookReadError.damaged(part: part, reason: "row \(first) after row \(lastDelivered)")
        }
        guard first > lastDelivered + 1 else { return }
        var gap = SheetRows()
        for row in (lastDelivered + 1)..<first {
            gap.spans.append(CSVParser.Span(row: row, firstCell: 0, cellCount: 0, hasOversized: false))
            gap.numberMasks.append(0)
        }
        try deliver(gap, 0)
        lastDelivered = first - 1
    }

    // MARK: The rest, on this thread

    private func startTail(index: Int, head: [UInt8], _ deliver: (SheetRows, Int) throws -> Void) throws {
        report.tailFrom = index
        let handler = context.handler(continuation: index > 0)
        tail = (XMLStream(part: part, handler: handler), handler, index, false)
        if index > 0 { try head.withUnsafeBytes { try feedTail($0, isFinal: false, deliver) } }
    }

    private func feedTail(_ bytes: UnsafeRawBufferPointer, isFinal: Bool, _ deliver: (SheetRows, Int) throws -> Void) throws {
        guard let handler = tail?.handler, let xml = tail?.xml, let index = tail?.index else { return }
        var damage: (any Error)?
        do {
            try xml.feed(bytes, isFinal: isFinal)
        } catch {
            if handler.needsParseFromStart || handler.failure == nil && index > 0 { throw ParseFromStart() }
            damage = error  // the rows finished before it are handed on first
        }
        try joinTail(deliver)
        if !handler.rows.spans.isEmpty {
            try deliver(handler.rows, 0)
            handler.removeFinished()
            lastDelivered = max(lastDelivered, handler.lastRowNumber)
        }
        if let damage { throw damage }
    }

    private func joinTail(_ deliver: (SheetRows, Int) throws -> Void) throws {
        guard let tail, tail.index > 0, !tail.joined, let first = tail.handler.firstRow else { return }
        self.tail?.joined = true
        try joinRows(at: first, deliver)
    }
}
