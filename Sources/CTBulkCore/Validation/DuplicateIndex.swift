/// Finds the same number in several rows: with different settings an error naming both rows, with identical
/// settings a warning (the later copy is skipped). Keeps a few bytes per distinct number, not the rows.
struct DuplicateIndex {
    private struct Entry {
        var row: Int32
        var firstHadWarnings: Bool
        var conflicted: Bool
        var fingerprint: Int
    }

    private var first: [UInt64: Entry] = [:]

    enum Verdict: Equatable {
        case first
        case identical(firstRow: Int)
        /// `firstNewlyConflicted` is true the first time the first row meets a conflict (it must then be recounted
        /// from "ok" or "with warnings" to "with errors"); `firstHadWarnings` says which.
        case conflict(firstRow: Int, firstNewlyConflicted: Bool, firstHadWarnings: Bool)
    }

    mutating func record(_ row: JobRow, hasWarnings: Bool) -> Verdict {
        let key = row.phoneNumber.numericValue
        let fingerprint = row.settings.hashValue
        if var existing = first[key] {
            if existing.fingerprint == fingerprint { return .identical(firstRow: Int(existing.row)) }
            let newly = !existing.conflicted
            existing.conflicted = true
            first[key] = existing
            return .conflict(firstRow: Int(existing.row), firstNewlyConflicted: newly, firstHadWarnings: existing.firstHadWarnings)
        }
        first[key] = Entry(row: Int32(clamping: row.row), firstHadWarnings: hasWarnings, conflicted: false, fingerprint: fingerprint)
        return .first
    }
}
