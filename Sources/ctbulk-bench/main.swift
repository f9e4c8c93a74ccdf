import Foundation

// ctbulk-bench: release-mode benchmarks of validate, apply (rate) and the journal. See `ctbulk-bench help` and
// docs/benchmarks.md. Never run as a test: timings depend on the machine.

let validateUsage = """
      validate  [--rows 1000000] [--rounds 3] [--encodings cp1251,utf8] [--python python3]
                [--python-script scripts/validate_baseline.py]
                                          generate one job file (cp1251 ';', ~3 % typical mistakes; and its UTF-8
                                          copy), then run the Python baseline, `ctbulk validate` and `ctbulk validate
                                          --report` on it, alternating, each round; rows/s of the median run, peak
                                          memory (ru_maxrss of the child from wait4) and the ratio to the baseline.
                                          Needs .build/release/ctbulk next to ctbulk-bench.
    """
let applyUsage = """
      apply     [--rate 5] [--latency-ms 100] [--writes 300] [--concurrency N] [--margin-ms M]
                [--read-batch-size B] [--timeline FILE.csv] [--burst]
                                          plan + journal + apply against the in-process sandbox; achieved write
                                          rate as a share of the limit, 429s from the sandbox
    """
let generateUsage = """
      generate  --rows N [--encodings cp1251|utf8] PATH
                                          write the validate benchmark's job file (for valgrind, see
                                          scripts/instructions-per-row.sh)
    """
let journalUsage = """
      journal   [--outcomes 50000]        journal rows per second: intent + outcome, outcome alone
    """
let commonUsage = """

    --json          print the results as JSON on stdout (the table then goes to stderr)
    --json-out FILE also write the JSON to FILE
    --dir DIR       where to put temporary files (default: the system temporary directory)
    --keep          keep the generated files and journals
    Exit status: 0 when every target was met, 1 when one was missed, 2 for usage errors, 3 when a benchmark failed.
    """
let usage = """
    usage: ctbulk-bench <benchmark> [options] [--json] [--json-out FILE] [--dir DIR] [--keep]
           ctbulk-bench <benchmark> --help

    benchmarks:
    \(validateUsage)
    \(applyUsage)
    \(journalUsage)
    \(generateUsage)
      all                                 validate 1M rows (cp1251 and UTF-8); apply at 5/s with 100 ms and 1 s
                                          latency (300 writes each) and at 500/s with 20 ms (5000 writes); journal 50k
    \(commonUsage)
    """

/// Issue 13: at least 99 % of the limit at the API's 5/s, 97 % at 500/s.
func applyTarget(rate: Int) -> Double { rate >= 100 ? 0.97 : 0.99 }

func validateSetup(_ args: inout Arguments) throws(UsageError) -> ValidateBench.Setup {
    let encodings = (args.string("encodings") ?? "cp1251,utf8").split(separator: ",").map(String.init)
    guard !encodings.isEmpty, encodings.allSatisfy({ $0 == "cp1251" || $0 == "utf8" }) else {
        throw UsageError("--encodings lists cp1251 and/or utf8")
    }
    return ValidateBench.Setup(rows: try args.int("rows", default: 1_000_000, range: 1...100_000_000),
                               rounds: try args.int("rounds", default: 3, range: 1...100), encodings: encodings,
                               pythonScript: args.string("python-script"), python: args.string("python") ?? "python3")
}

func runBench() async -> Int32 {
    var raw = Array(CommandLine.arguments.dropFirst())
    guard let command = raw.first, !["help", "-h", "--help"].contains(command) else {
        print(usage)
        return raw.isEmpty ? 2 : 0
    }
    raw.removeFirst()
    if raw.contains("--help") || raw.contains("-h") {
        switch command {
        case "validate": print("usage: ctbulk-bench validate [options]\n" + validateUsage + commonUsage); return 0
        case "apply": print("usage: ctbulk-bench apply [options]\n" + applyUsage + commonUsage); return 0
        case "journal": print("usage: ctbulk-bench journal [options]\n" + journalUsage + commonUsage); return 0
        case "generate": print("usage: ctbulk-bench generate [options] PATH\n" + generateUsage); return 0
        case "all": print(usage); return 0
        default: break
        }
    }
    do {
        var args = try Arguments(raw)
        if command == "generate" {
            let rows = try args.int("rows", default: 100_000, range: 0...100_000_000)
            let encoding = args.string("encodings") ?? "cp1251"
            try args.checkAllUsed()
            guard args.positional.count == 1, encoding == "cp1251" || encoding == "utf8" else {
                throw UsageError("generate needs one PATH and --encodings cp1251 or utf8")
            }
            try ValidateBench.generate(rows: rows, encoding: encoding, path: args.positional[0])
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
            let setup = try validateSetup(&args)
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.validate = try ValidateBench.run(setup, folder: folder)
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
            let setup = try validateSetup(&args)
            try args.checkAllUsed()
            guard args.positional.isEmpty else { throw UsageError("unexpected \(args.positional[0])") }
            results.journal = try await JournalBench.run(rows: 50_000, folder: folder)
            results.validate = try ValidateBench.run(setup, folder: folder)
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
