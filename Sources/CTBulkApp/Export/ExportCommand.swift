import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation

/// `ctbulk export`: writes the live settings of numbers as a job file that `apply` accepts, or, with
/// `--undo-for RUN`, the before-image of a finished apply run as a job file that restores it.
public enum ExportCommand {
    public enum Format: String, Sendable, CaseIterable { case csv, json }

    public struct Options: Sendable {
        /// A job file or a plain list of numbers (one per line).
        public var numbersFile: String?
        public var pool: String?
        public var redirectIDs: [Int] = []
        public var undoForRun: Int64?
        public var journalPath = ".ctbulk/journal.sqlite"
        public var format: Format = .csv
        /// `--plain`: plain UTF-8 with `,`. By default a CSV is what Excel opens correctly (UTF-8 with BOM and `;`), and
        /// a path ending in `.xlsx` is a workbook.
        public var plain = false
        /// `--excel`: the default since `--plain` exists; kept so old scripts work.
        public var excel = false
        /// Where to write; required.
        public var outPath: String
        public var api: APIOptions
        public var language: Language = .en
        /// `--map`, `--mapping`: the team's own headers in FILE.
        public var map: [String] = []
        public var mappingFile: String?

        public init(outPath: String, api: APIOptions) {
            self.outPath = outPath
            self.api = api
        }
    }

    public static func run(_ options: Options, console: any Console) async -> Int32 {
        let language = options.language
        if let runID = options.undoForRun { return undo(runID, options: options, console: console) }
        var numbers: [PhoneNumber] = []
        if let file = options.numbersFile {
            var input = InputOptions(path: file)
            input.map = options.map
            input.mappingFile = options.mappingFile
            let readOptions: JobReadOptions
            switch input.readOptions(options.language) {
            case .success(let value): readOptions = value
            case .failure(let error):
                console.err(error.description)
                return ExitStatus.usage.rawValue
            }
            switch readNumbers(file, options: readOptions) {
            case .success(let list): numbers = list
            case .failure(let error):
                console.err(error.message(options.language))
                return ExitStatus.noInput.rawValue
            }
        }
        guard options.numbersFile != nil || options.pool != nil || !options.redirectIDs.isEmpty else {
            console.err(language.text("export.what"))
            return ExitStatus.usage.rawValue
        }
        let fromFile = numbers
        do {
            let (rows, free, unknown) = try await APISession.with(options.api, console: console, language: options.language) { session in
                var wanted = fromFile
                if options.pool != nil || !options.redirectIDs.isEmpty {
                    var seen = Set(wanted)
                    var ids = options.redirectIDs
                    repeat {
                        let chunk = Array(ids.prefix(CalltouchConfiguration.maxRedirectIdsPerRequest))
                        ids.removeFirst(chunk.count)
                        let filter = RedirectFilter(redirectIds: chunk, poolName: options.pool)
                        let records = try await withRetries(backoff: Backoff()) { _ throws(CalltouchError) in
                            try await session.client.listRedirects(matching: filter)
                        }
                        for record in records where seen.insert(record.phoneNumber).inserted { wanted.append(record.phoneNumber) }
                    } while !ids.isEmpty
                }
                let planner = Planner(service: session.client, clock: session.clock,
                                      concurrency: ApplySettings.readConcurrency(rate: session.rate))
                let (live, _) = try await planner.readLive(wanted)
                var rows: [JobRow] = []
                var free = 0, unknown = 0
                for (index, number) in wanted.enumerated() {
                    switch live[number] ?? .unknown {
                    case .used(let settings): rows.append(JobRow(row: index + 2, phoneNumber: number, settings: settings))
                    case .free: free += 1
                    case .unknown: unknown += 1
                    }
                }
                return (rows, free, unknown)
            }
            try write(rows, options: options)
            console.out(language.text("export.done", ["n": .count(rows.count), "path": .text(options.outPath)]))
            if free > 0 { console.err(language.text("export.free_left_out", ["n": .count(free)])) }
            if unknown > 0 { console.err(language.text("export.unknown", ["n": .count(unknown)])) }
            return ExitStatus.ok.rawValue
        } catch let error as ReportError {
            console.err(error.text.render(language))
            return ExitStatus.failure.rawValue
        } catch {
            console.err(APIErrorRendering.message(for: error, language: options.language))
            return APIErrorRendering.exitCode(for: error).rawValue
        }
    }

    static func write(_ rows: [JobRow], options: Options) throws(ReportError) {
        switch options.format {
        case .json: try JobWriter.writeJSON(rows, to: options.outPath)
        case .csv where SpreadsheetFile.isWorkbook(options.outPath): try JobWriter.writeWorkbook(rows, to: options.outPath)
        case .csv: try JobWriter.writeSpreadsheet(rows, to: options.outPath, csvDialect: options.plain ? .plain : .excel)
        }
    }

    /// The numbers of a job file, or of a plain list (one number per line, no header).
    static func readNumbers(_ path: String, options: JobReadOptions = JobReadOptions()) -> Result<[PhoneNumber], JobFileError> {
        let kind = JobFileKind.guess(path: path) ?? .csv
        if kind == .csv, let text = try? String(contentsOfFile: path, encoding: .utf8),
           let first = text.split(whereSeparator: \.isNewline).first.map(String.init),
           case .number = PhoneNumber.normalize(first.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} ;,\t"))) {
            var seen = Set<PhoneNumber>()
            var list: [PhoneNumber] = []
            for line in text.split(whereSeparator: \.isNewline) {
                let cell = String(line).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} ;,\t"))
                if case .number(let number, _) = PhoneNumber.normalize(cell), seen.insert(number).inserted { list.append(number) }
            }
            return .success(list)
        }
        do {
            let reader = try JobFileReader(path: path, options: options)
            var seen = Set<PhoneNumber>()
            var list: [PhoneNumber] = []
            try? reader.forEachRow { row in
                if let number = row.built.jobRow?.phoneNumber, seen.insert(number).inserted { list.append(number) }
            }
            return .success(list)
        } catch {
            return .failure(error)
        }
    }

    /// The before-image of run `runID` (the live settings read just before each write) as a job that restores it.
    static func undo(_ runID: Int64, options: Options, console: any Console) -> Int32 {
        let language = options.language
        let run = Message.Argument.text(String(runID))
        do {
            let journal = try Journal(path: options.journalPath)
            let undo: UndoJob
            do { undo = try UndoJob.build(runID: runID, journal: journal) } catch {
                switch error {
                case .noSuchRun:
                    console.err(language.text("export.no_run", ["run": run, "path": .text(options.journalPath)]))
                    return ExitStatus.usage.rawValue
                case .journal(let failure):
                    console.err(failure.text.render(language))
                    return ExitStatus.ioError.rawValue
                }
            }
            try write(undo.rows, options: options)
            console.out(language.text("export.undo_done", ["run": run, "job": .text(undo.run.jobPath), "n": .count(undo.rows.count),
                                                           "path": .text(options.outPath)]))
            let wasFree = undo.wereFree.map(\.digits), reserves = undo.addedReserves.map(\.digits)
            if !wasFree.isEmpty {
                console.err(language.text("export.were_free", ["numbers": .text(wasFree.joined(separator: ", "))]))
            }
            if !reserves.isEmpty {
                console.err(language.text("export.added_reserves", ["numbers": .text(reserves.joined(separator: ", "))]))
            }
            if undo.run.status != .completed {
                console.err(language.text("export.not_completed", ["run": run, "status": .message(undo.run.status.text)]))
            }
            return ExitStatus.ok.rawValue
        } catch let error as JournalError {
            console.err(error.text.render(language))
            return ExitStatus.ioError.rawValue
        } catch {
            console.err(String(describing: error))
            return ExitStatus.failure.rawValue
        }
    }
}
