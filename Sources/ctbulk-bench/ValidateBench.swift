import CTBulkCore
import Foundation

/// One tool run on one file: wall time and the child's peak memory.
struct ToolRun: Codable, Sendable {
    var seconds: Double
    /// `ru_maxrss` of the child from `wait4` (the kernel's peak resident set), in bytes.
    var peakBytes: Int
    var exitStatus: Int32
}

/// One tool on one file over every round.
struct ToolFigures: Codable, Sendable {
    var tool: String
    var command: String
    var runs: [ToolRun]
    /// Rows per second of the median run.
    var rowsPerSecond: Double
    /// The largest peak of any run, MB (2^20 bytes).
    var peakMB: Double
    /// rows/s over the Python baseline's rows/s on the same file.
    var ratioToBaseline: Double?
}

/// The validate benchmark on one file: the Python baseline and ctbulk, alternating.
struct ValidateFigures: Codable, Sendable {
    var rows: Int
    var encoding: String
    var fileBytes: Int
    var rounds: Int
    var tools: [ToolFigures]
    /// Row counts from `ctbulk validate --format json` and from the baseline: equal when both apply the same rules.
    var ctbulkSummary: [String: Int]
    var baselineSummary: [String: Int]
    var summariesAgree: Bool
    /// ctbulk validate ≥ 4× the baseline, --report ≥ 2×, peak < 64 MB.
    var targets: [String: Bool]

    var met: Bool { targets.values.allSatisfy { $0 } }
}

enum ValidateBench {
    static let validateRatioTarget = 4.0
    static let reportRatioTarget = 2.0
    static let peakTargetMB = 64.0

    struct Setup {
        var rows: Int
        var rounds: Int
        var encodings: [String]
        var pythonScript: String?
        var python: String
    }

    static func run(_ setup: Setup, folder: WorkFolder) throws -> [ValidateFigures] {
        let ctbulk = (URL(fileURLWithPath: selfExecutable()).deletingLastPathComponent().appendingPathComponent("ctbulk")).path
        guard FileManager.default.isExecutableFile(atPath: ctbulk) else {
            throw BenchError("\(ctbulk) not found: build it with `swift build -c release --product ctbulk`")
        }
        guard let script = setup.pythonScript ?? findBaselineScript() else {
            throw BenchError("scripts/validate_baseline.py not found: run from the package folder or pass --python-script")
        }
        var out: [ValidateFigures] = []
        let cp1251 = folder.file("job-\(setup.rows).cp1251.csv")
        note("validate: generating \(setup.rows) rows (cp1251, ;) at \(cp1251)")
        let bytes = try JobGenerator(rows: setup.rows).write(to: cp1251)
        for encoding in setup.encodings {
            var path = cp1251
            var size = bytes
            if encoding == "utf8" {
                path = folder.file("job-\(setup.rows).utf8.csv")
                size = try transcodeToUTF8(cp1251, to: path)
            }
            out.append(try measure(path: path, size: size, encoding: encoding, setup: setup, ctbulk: ctbulk,
                                   script: script, folder: folder))
            if encoding == "utf8" && !folder.keep { try? FileManager.default.removeItem(atPath: path) }
        }
        if !folder.keep { try? FileManager.default.removeItem(atPath: cp1251) }
        return out
    }

    private static func measure(path: String, size: Int, encoding: String, setup: Setup, ctbulk: String, script: String,
                                folder: WorkFolder) throws -> ValidateFigures {
        let report = folder.file("report.csv")
        let tools: [(name: String, argv: [String])] = [
            ("python baseline", [setup.python, script, path, "--encoding", encoding == "utf8" ? "utf-8-sig" : "cp1251",
                                 "--delimiter", ";"]),
            ("ctbulk validate", [ctbulk, "validate", path, "--format", "json", "--lang", "en"]),
            ("ctbulk validate --report", [ctbulk, "validate", path, "--format", "json", "--lang", "en", "--report", report]),
        ]
        var runs = Array(repeating: [ToolRun](), count: tools.count)
        var outputs = Array(repeating: Data(), count: tools.count)
        for round in 1...setup.rounds {
            for (index, tool) in tools.enumerated() {
                let (run, output) = try ChildProcess.run(tool.argv)
                // validate exits 65 when the file has errors (it has); anything else is a failure.
                guard run.exitStatus == 0 || run.exitStatus == 65 else {
                    throw BenchError("\(tool.name) exited with \(run.exitStatus): \(tool.argv.joined(separator: " "))")
                }
                runs[index].append(run)
                outputs[index] = output
                note("validate \(encoding) round \(round): \(tool.name): \(String(format: "%.2f", run.seconds)) s, \(Int(Double(setup.rows) / run.seconds)) rows/s, peak \(String(format: "%.1f", Double(run.peakBytes) / 1_048_576)) MB")
            }
        }
        try? FileManager.default.removeItem(atPath: report)
        func median(_ values: [Double]) -> Double { let s = values.sorted(); return s[s.count / 2] }
        var figures: [ToolFigures] = tools.indices.map { index in
            ToolFigures(tool: tools[index].name, command: tools[index].argv.map { URL(fileURLWithPath: $0).lastPathComponent }
                            .joined(separator: " "),
                        runs: runs[index], rowsPerSecond: Double(setup.rows) / median(runs[index].map(\.seconds)),
                        peakMB: Double(runs[index].map(\.peakBytes).max() ?? 0) / 1_048_576, ratioToBaseline: nil)
        }
        let baseline = figures[0].rowsPerSecond
        for index in figures.indices { figures[index].ratioToBaseline = figures[index].rowsPerSecond / baseline }

        let baselineSummary = summary(fromBaseline: outputs[0])
        let ctbulkSummary = summary(fromCtbulk: outputs[1])
        let targets = [
            "validate >= \(Int(validateRatioTarget))x baseline": (figures[1].ratioToBaseline ?? 0) >= validateRatioTarget,
            "--report >= \(Int(reportRatioTarget))x baseline": (figures[2].ratioToBaseline ?? 0) >= reportRatioTarget,
            "validate peak < \(Int(peakTargetMB)) MB": figures[1].peakMB < peakTargetMB,
        ]
        return ValidateFigures(rows: setup.rows, encoding: encoding, fileBytes: size, rounds: setup.rounds, tools: figures,
                               ctbulkSummary: ctbulkSummary, baselineSummary: baselineSummary,
                               summariesAgree: !ctbulkSummary.isEmpty && ctbulkSummary == baselineSummary, targets: targets)
    }

    static let summaryKeys = ["rows", "ok", "warnings", "errors", "blank", "duplicatesSkipped"]

    private static func summary(fromBaseline data: Data) -> [String: Int] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return Dictionary(uniqueKeysWithValues: summaryKeys.compactMap { key in (object[key] as? Int).map { (key, $0) } })
    }

    private static func summary(fromCtbulk data: Data) -> [String: Int] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let summary = object["summary"] as? [String: Any] else { return [:] }
        return Dictionary(uniqueKeysWithValues: summaryKeys.compactMap { key in (summary[key] as? Int).map { (key, $0) } })
    }

    /// Writes the benchmark's job file (`ctbulk-bench generate`).
    static func generate(rows: Int, encoding: String, path: String) throws {
        guard encoding == "utf8" else {
            _ = try JobGenerator(rows: rows).write(to: path)
            return
        }
        let temporary = path + ".cp1251"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        _ = try JobGenerator(rows: rows).write(to: temporary)
        _ = try transcodeToUTF8(temporary, to: path)
    }

    /// The same job in UTF-8 (no BOM): what LibreOffice or Google Sheets export.
    private static func transcodeToUTF8(_ source: String, to target: String) throws -> Int {
        guard let input = FileHandle(forReadingAtPath: source),
              FileManager.default.createFile(atPath: target, contents: nil),
              let output = FileHandle(forWritingAtPath: target) else { throw BenchError("cannot write \(target)") }
        defer { try? input.close(); try? output.close() }
        var written = 0
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            let utf8 = Data(Windows1251.decode(chunk).utf8)
            try output.write(contentsOf: utf8)
            written += utf8.count
        }
        return written
    }

    /// `scripts/validate_baseline.py` above the working folder or the executable.
    static func findBaselineScript() -> String? {
        for start in [FileManager.default.currentDirectoryPath, URL(fileURLWithPath: selfExecutable()).deletingLastPathComponent().path] {
            var folder = URL(fileURLWithPath: start)
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("scripts/validate_baseline.py").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }

    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// Runs a program, collects its standard output, and reads its peak memory from `wait4`'s rusage.
enum ChildProcess {
    static func run(_ argv: [String]) throws -> (ToolRun, Data) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("ctbulk-bench-child-\(getpid()).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArgs { free(pointer) } }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let status = posix_spawnp(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard status == 0 else { throw BenchError("cannot start \(argv[0]): \(String(cString: strerror(status)))") }
        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &waitStatus, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = start.duration(to: .now).seconds
        let exited = waitStatus & 0x7F == 0
        let code: Int32 = exited ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        return (ToolRun(seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024, exitStatus: code), output)
    }
}
