import Foundation

/// Process memory from `/proc/self/status` (Linux), in bytes.
enum ProcessMemory {
    /// Peak resident set size (`VmHWM`).
    static var peak: Int? { field("VmHWM") }
    /// Resident set size now (`VmRSS`).
    static var resident: Int? { field("VmRSS") }

    /// Resets the peak to the current resident size (`echo 5 > /proc/self/clear_refs`, Linux 4.0+). Returns false
    /// when the kernel refused, in which case a later ``peak`` still includes what came before.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}

/// Seconds elapsed on the monotonic clock.
struct Stopwatch {
    private let start = ContinuousClock.now
    var seconds: Double { start.duration(to: .now).seconds }
}

/// The least-squares slope of `y` against `x` (nil with fewer than two distinct x).
func leastSquaresSlope(_ x: [Double], _ y: [Double]) -> Double? {
    guard x.count == y.count, x.count >= 2 else { return nil }
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0
    for i in x.indices {
        sxy += (x[i] - mx) * (y[i] - my)
        sxx += (x[i] - mx) * (x[i] - mx)
    }
    return sxx > 0 ? sxy / sxx : nil
}

/// Where a benchmark keeps its files: a fresh folder under the system's temporary directory (or `--dir`), removed
/// afterwards unless asked to keep it.
struct WorkFolder {
    let path: String
    let keep: Bool

    init(parent: String?, keep: Bool, label: String) throws {
        let base = parent ?? NSTemporaryDirectory()
        path = (base as NSString).appendingPathComponent("ctbulk-bench-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        self.keep = keep
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() {
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Progress lines go to stderr so stdout stays the table or the JSON.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func megabytes(_ bytes: Int?) -> Double? { bytes.map { Double($0) / 1_048_576 } }
