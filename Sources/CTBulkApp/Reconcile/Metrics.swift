import Foundation

/// Prometheus text-format metrics for node_exporter's textfile collector, written atomically (a temporary file in the
/// same folder, then a rename), so the collector never reads half a file.
struct MetricsFile {
    var job: String
    var rows: [String: Int]
    var requests: Int
    var points: Int
    var durationSeconds: Double
    var success: Bool
    var exitCode: Int32

    func write(to path: String) throws {
        let label = job.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var lastSuccess = success ? Date().timeIntervalSince1970 : Self.previousLastSuccess(path: path, job: label)
        if lastSuccess == nil && !success { lastSuccess = 0 }
        var lines: [String] = []
        lines.append("# HELP ctbulk_reconcile_rows Rows of the last reconcile by drift status.")
        lines.append("# TYPE ctbulk_reconcile_rows gauge")
        for status in rows.keys.sorted() {
            lines.append("ctbulk_reconcile_rows{job=\"\(label)\",status=\"\(status)\"} \(rows[status] ?? 0)")
        }
        lines.append("# HELP ctbulk_reconcile_requests Requests the last reconcile sent.")
        lines.append("# TYPE ctbulk_reconcile_requests gauge")
        lines.append("ctbulk_reconcile_requests{job=\"\(label)\"} \(requests)")
        lines.append("# HELP ctbulk_reconcile_points_used API points the last reconcile used (one per successful request).")
        lines.append("# TYPE ctbulk_reconcile_points_used gauge")
        lines.append("ctbulk_reconcile_points_used{job=\"\(label)\"} \(points)")
        lines.append("# HELP ctbulk_reconcile_duration_seconds How long the last reconcile took.")
        lines.append("# TYPE ctbulk_reconcile_duration_seconds gauge")
        lines.append("ctbulk_reconcile_duration_seconds{job=\"\(label)\"} \(String(format: "%.3f", durationSeconds))")
        lines.append("# HELP ctbulk_reconcile_exit_code Exit code of the last reconcile (0 in sync, 2 drift, 1 failure).")
        lines.append("# TYPE ctbulk_reconcile_exit_code gauge")
        lines.append("ctbulk_reconcile_exit_code{job=\"\(label)\"} \(exitCode)")
        lines.append("# HELP ctbulk_reconcile_last_success_timestamp_seconds When a reconcile last completed (drift or not).")
        lines.append("# TYPE ctbulk_reconcile_last_success_timestamp_seconds gauge")
        lines.append("ctbulk_reconcile_last_success_timestamp_seconds{job=\"\(label)\"} \(String(format: "%.0f", lastSuccess ?? 0))")
        let text = lines.joined(separator: "\n") + "\n"
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try Data(text.utf8).write(to: temporary)
        if rename(temporary.path, path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// A failed run keeps the last success time of the previous file.
    static func previousLastSuccess(path: String, job: String) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let prefix = "ctbulk_reconcile_last_success_timestamp_seconds{job=\"\(job)\"} "
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            return Double(line.dropFirst(prefix.count))
        }
        return nil
    }
}
