import Foundation

// ctbulk-bench: release-mode benchmarks of validate, apply (rate) and the journal. See `ctbulk-bench help` and
// docs/benchmarks.md. Never run as a test: timings depend on the machine.

let usage = """
    usage: ctbulk-bench <benchmark> [options] [--json] [--json-out FILE] [--dir DIR] [--keep]

    benchmarks:
      validate  [--rows 200000,1000000]   generate cp1251 job files, validate each (and write the --report) in a
                                          child process; rows/s and peak memory (VmHWM)
      apply     [--rate 5] [--latency-ms 100] [--writes 300] [--concurrency N] [--margin-ms M]
                [--read-batch-size B] [--timeline FILE.csv] [--burst]
                                          plan + journal + apply against the in-process sandbox; achieved write
                                          rate as a share of the limit, 429s from the sandbox
      journal   [--outcomes 50000]        journal rows per second: intent + outcome, outcome alone
      all                                 validate 200k and 1M rows; apply at 5/s with 100 ms and 1 s latency
                                          (300 writes each) and at 500/s with 20 ms (5000 writes); journal 50k
      validate-file PATH --report OUT     (internal) the child process of `validate`; prints JSON

    --json          print the results as JSON on stdout (the table then goes to stderr)
    --json-out FILE also write the JSON to FILE
    --dir DIR       where to put temporary files (default: the system temporary directory)
    --keep          keep the generated files and journals
    Exit status: 0 when every target was met, 1 when one was missed, 2 for usage errors, 3 when a benchmark failed.
    """

func applyTarget(rate: Int) -> Double { rate >= 100 ? 0.95 : 0.97 }

func runBench() async -> Int32 {
    var raw = Array(CommandLine.arguments.dropFirst())
    guard let command = raw.first, !["help", "-h", "--help"].contains(command) else {
        print(usage)
        return raw.isEmpty ? 2 : 0
    }
    raw.removeFirst()
    do {
        var args = try Arguments(raw)
        if command == "validate-file" {
            guard args.positional.count == 1, let report = args.string("report") else {
                throw UsageError("validate-file needs PATH and --report OUT")
            }
            try args.checkAllUsed()
            let figures = try ValidateBench.validateFile(path: args.positional[0], reportPath: report)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(figures))
            return 0
        }

        let json = args.flag("json")
        let jsonOut = args.string("json-out")
        let keep = args.flag("keep")
        let dir = args.string("dir")
        var results = BenchResults()
        let folder = try WorkFolder(parent: dir, keep: keep, label: command)
        defer { folder.remove() }
        if keep { note("files kept in \(folder.path)") }

        switch command {
        case "validate":
            let rows = try args.ints("rows", default: [200_000, 1_000_000], range: 1...100_000_000)
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.validate = try ValidateBench.run(rowCounts: rows, folder: folder)
        case "apply":
            let rate = try args.int("rate", default: 5, range: 1...10_000)
            let scenario = ApplyScenario(
                rate: rate,
                latencyMilliseconds: try args.int("latency-ms", default: 100, range: 0...60_000),
                writes: try args.int("writes", default: 300, range: 2...1_000_000),
                concurrency: args.string("concurrency") == nil ? nil : try args.int("concurrency", default: 1, range: 1...1024),
                marginMilliseconds: args.string("margin-ms") == nil ? nil : try args.int("margin-ms", default: 15, range: 0...1000),
                readBatchSize: args.string("read-batch-size") == nil ? nil : try args.int("read-batch-size", default: 50, range: 1...100),
                timelinePath: args.string("timeline"), burst: args.flag("burst"),
                target: applyTarget(rate: rate), zeroRejectionsRequired: rate < 100)
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.apply = [try await ApplyBench.run(scenario, folder: folder)]
        case "journal":
            let outcomes = try args.int("outcomes", default: 50_000, range: 1...10_000_000)
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.journal = try await JournalBench.run(rows: outcomes, folder: folder)
        case "all":
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.journal = try await JournalBench.run(rows: 50_000, folder: folder)
            results.validate = try ValidateBench.run(rowCounts: [200_000, 1_000_000], folder: folder)
            var apply: [ApplyFigures] = []
            for (rate, latency, writes) in [(5, 100, 300), (5, 1_000, 300), (500, 20, 5_000)] {
                apply.append(try await ApplyBench.run(
                    ApplyScenario(rate: rate, latencyMilliseconds: latency, writes: writes, concurrency: nil,
                                  marginMilliseconds: nil, readBatchSize: nil, timelinePath: nil, target: applyTarget(rate: rate),
                                  zeroRejectionsRequired: rate < 100),
                    folder: folder))
            }
            results.apply = apply
        default:
            throw UsageError("unknown benchmark \(command)")
        }

        results.machine.loadAverageEnd = MachineInfo.loadAverage
        let table = results.table() + "\n\ntargets met: " + (results.allTargetsMet ? "yes" : "NO")
        let document = results.json()
        if json {
            note(table)
            print(document)
        } else {
            print(table)
        }
        if let jsonOut {
            try Data((document + "\n").utf8).write(to: URL(fileURLWithPath: jsonOut))
        }
        return results.allTargetsMet ? 0 : 1
    } catch let error as UsageError {
        note("ctbulk-bench: \(error.description)")
        note("run `ctbulk-bench help` for usage")
        return 2
    } catch {
        note("ctbulk-bench: \(command) failed: \(error)")
        return 3
    }
}

exit(await runBench())
