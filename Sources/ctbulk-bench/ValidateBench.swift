import CTBulkCore
import Foundation

/// What one child process measured validating one file (`ctbulk-bench validate-file`).
struct ValidateFileFigures: Codable, Sendable {
    var path: String
    var rowsRead: Int
    var blankRows: Int
    var ok: Int
    var withWarnings: Int
    var withErrors: Int
    var duplicatesSkipped: Int
    var problemCount: Int
    var problemsKept: Int
    /// Rows with duplicate problems kept for the report (``ValidationResult/crossRowProblems``).
    var crossRowEntries: Int
    var validateSeconds: Double
    var reportSeconds: Double
    var reportBytes: Int
    /// VmHWM when the child started, before reading anything (runtime, Foundation, libraries).
    var startPeakBytes: Int?
    /// VmHWM after validating: the peak of start-up plus validation.
    var validatePeakBytes: Int?
    /// VmHWM of the report phase alone (the peak was reset before it), or nil when the kernel refused the reset.
    var reportPeakBytes: Int?
    /// VmHWM at the end (the whole child).
    var overallPeakBytes: Int?
    var peakResetWorked: Bool
}

/// One size of the validate benchmark.
struct ValidateFigures: Codable, Sendable {
    var rows: Int
    var fileBytes: Int
    var generateSeconds: Double
    var file: ValidateFileFigures
    var validateRowsPerSecond: Double
    var reportRowsPerSecond: Double
    var validatePeakMB: Double?
    var reportPeakMB: Double?
    var startPeakMB: Double?
    var peakUnder100MB: Bool
}

enum ValidateBench {
    /// The child: validates `path` (problem limit 50, rows not collected), writes the report, prints figures as JSON.
    static func validateFile(path: String, reportPath: String) throws -> ValidateFileFigures {
        let startPeak = ProcessMemory.peak
        let clock = Stopwatch()
        let reader = try JobFileReader(path: path)
        let result = Validator.validate(reader, problemLimit: 50, collectRows: false)
        let validateSeconds = clock.seconds
        let validatePeak = ProcessMemory.peak

        let resetWorked = ProcessMemory.resetPeak()
        let reportClock = Stopwatch()
        try ValidationReport.write(to: reportPath, reader: reader, result: result, language: .ru)
        let reportSeconds = reportClock.seconds
        let reportPeak = ProcessMemory.peak
        let reportBytes = (try? FileManager.default.attributesOfItem(atPath: reportPath)[.size] as? Int) ?? 0
        let s = result.summary
        return ValidateFileFigures(
            path: path, rowsRead: s.rowsRead, blankRows: s.blank, ok: s.ok, withWarnings: s.withWarnings,
            withErrors: s.withErrors, duplicatesSkipped: s.duplicatesSkipped, problemCount: result.problemCount,
            problemsKept: result.problems.count, crossRowEntries: result.crossRowProblems.count,
            validateSeconds: validateSeconds, reportSeconds: reportSeconds, reportBytes: reportBytes,
            startPeakBytes: startPeak, validatePeakBytes: validatePeak, reportPeakBytes: resetWorked ? reportPeak : nil,
            overallPeakBytes: ProcessMemory.peak, peakResetWorked: resetWorked)
    }

    /// The parent: generates each file here (its memory does not matter), then validates it in a fresh child so
    /// the child's peak is validation's alone.
    static func run(rowCounts: [Int], folder: WorkFolder) throws -> [ValidateFigures] {
        var out: [ValidateFigures] = []
        for rows in rowCounts {
            let path = folder.file("job-\(rows).csv")
            let reportPath = folder.file("job-\(rows).report.csv")
            note("validate: generating \(rows) rows (cp1251, ;) at \(path)")
            let clock = Stopwatch()
            let bytes = try JobGenerator(rows: rows).write(to: path)
            let generateSeconds = clock.seconds
            note("validate: \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB in \(String(format: "%.1f", generateSeconds)) s; validating in a child process")
            let file = try runChild(path: path, reportPath: reportPath)
            try? FileManager.default.removeItem(atPath: reportPath)
            if !folder.keep { try? FileManager.default.removeItem(atPath: path) }
            let peaks = [file.validatePeakBytes, file.reportPeakBytes, file.overallPeakBytes].compactMap { $0 }
            let figures = ValidateFigures(
                rows: rows, fileBytes: bytes, generateSeconds: generateSeconds, file: file,
                validateRowsPerSecond: Double(rows) / file.validateSeconds,
                reportRowsPerSecond: Double(rows) / file.reportSeconds,
                validatePeakMB: megabytes(file.validatePeakBytes), reportPeakMB: megabytes(file.reportPeakBytes),
                startPeakMB: megabytes(file.startPeakBytes),
                peakUnder100MB: !peaks.isEmpty && peaks.allSatisfy { $0 < 100 * 1_048_576 })
            note("validate: \(rows) rows: \(Int(figures.validateRowsPerSecond)) rows/s, report \(Int(figures.reportRowsPerSecond)) rows/s, peak \(String(format: "%.1f", figures.validatePeakMB ?? -1)) MB")
            out.append(figures)
        }
        return out
    }

    /// Runs `ctbulk-bench validate-file PATH --report REPORT` and decodes what it prints.
    static func runChild(path: String, reportPath: String) throws -> ValidateFileFigures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: selfExecutable())
        process.arguments = ["validate-file", path, "--report", reportPath]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("validate-file child exited with \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(ValidateFileFigures.self, from: data)
    }

    static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
