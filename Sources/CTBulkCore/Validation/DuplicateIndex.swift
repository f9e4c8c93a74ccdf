/// Finds the same number in several rows: with different settings an error naming both rows, with identical
/// settings a warning (the later copy is skipped). Keeps 16 bytes per distinct number, not the rows.
///
/// The index is 256 open-addressing tables (linear probing, at most 4/5 full, growing by half) chosen by the number's
/// hash, each growing on its own, so growing never holds two copies of the whole index: about 20–30 MB per million
/// distinct numbers (a `[UInt64: Entry]` took 50 MB, and 75 MB while it doubled, which put `validate` of a 1,000,000-row
/// file above 100 MB; docs/benchmarks.md).
struct DuplicateIndex {
    private static let shardBits = 8
    private var shards = [Shard](repeating: Shard(), count: 1 << shardBits)

    /// Slots in all the tables (16 bytes each).
    var slotCount: Int { shards.reduce(0) { $0 + $1.capacity } }

    enum Verdict: Equatable {
        case first
        case identical(firstRow: Int)
        /// `firstNewlyConflicted` is true the first time the first row meets a conflict (it must then be recounted
        /// from "ok" or "with warnings" to "with errors"); `firstHadWarnings` says which.
        case conflict(firstRow: Int, firstNewlyConflicted: Bool, firstHadWarnings: Bool)
    }

    mutating func record(_ row: JobRow, hasWarnings: Bool) -> Verdict {
        record(number: row.phoneNumber.numericValue, fingerprint: SettingsFingerprint.of(row.settings), row: row.row,
               hasWarnings: hasWarnings)
    }

    /// - Parameters:
    ///   - number: the canonical number `7xxxxxxxxxx` as an integer.
    ///   - fingerprint: ``SettingsFingerprint`` of the row's settings.
    mutating func record(number canonical: UInt64, fingerprint: UInt64, row: Int, hasWarnings: Bool) -> Verdict {
        // 7xxxxxxxxxx minus 69 999 999 999: 1...10^10, 34 bits, never 0 (0 marks an empty slot).
        let number = canonical &- 69_999_999_999
        let hash = Self.mix(number)
        return shards[Int(truncatingIfNeeded: hash >> 56)].record(
            number: number, hash: hash, row: UInt64(min(max(row, 0), Shard.rowMask)), fingerprint: fingerprint >> 2,
            hasWarnings: hasWarnings)
    }

    /// Sizes the tables for `expected` distinct numbers in all (each at most 4/5 full, with a little room for the
    /// estimate's error): growing by half, the index holds 1.25–1.9 slots a number depending on where the count falls
    /// in the growth cycle (1.75 at a million: 28 MB), sized at once 1.3 (21 MB). More numbers than expected grow the
    /// tables as before; a smaller table is never shrunk.
    mutating func reserve(_ expected: Int) {
        let perShard = Double(max(expected, 0)) / Double(shards.count)
        let capacity = Int(perShard * 1.25 * 1.04) + 16
        for index in shards.indices where shards[index].capacity < capacity { shards[index].rehash(to: capacity) }
    }

    /// SplitMix64's finaliser: every bit of the number reaches every bit of the hash.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Two words per slot: `number << 30 | row`, and `fingerprint << 2 | conflicted << 1 | firstHadWarnings`
    /// (the fingerprint is the top 62 bits of the settings' hash).
    private struct Shard {
        static let rowMask = (1 << 30) - 1
        var words: [UInt64] = []
        var count = 0

        var capacity: Int { words.count / 2 }

        mutating func record(number: UInt64, hash: UInt64, row: UInt64, fingerprint: UInt64,
                             hasWarnings: Bool) -> Verdict {
            if (count + 1) * 5 > capacity * 4 { grow() }
            let capacity = self.capacity
            var slot = Self.home(hash, capacity)
            while true {
                let key = words[2 * slot]
                if key == 0 {
                    words[2 * slot] = number << 30 | row
                    words[2 * slot + 1] = fingerprint << 2 | (hasWarnings ? 1 : 0)
                    count += 1
                    return .first
                }
                if key >> 30 == number {
                    let value = words[2 * slot + 1]
                    let firstRow = Int(truncatingIfNeeded: key & UInt64(Self.rowMask))
                    if value >> 2 == fingerprint { return .identical(firstRow: firstRow) }
                    words[2 * slot + 1] = value | 2
                    return .conflict(firstRow: firstRow, firstNewlyConflicted: value & 2 == 0,
                                     firstHadWarnings: value & 1 != 0)
                }
                slot += 1
                if slot == capacity { slot = 0 }
            }
        }

        /// Where a hash starts probing in a table of `capacity` slots (any size, not only powers of two): the low
        /// 32 bits scaled to the capacity.
        @inline(__always) static func home(_ hash: UInt64, _ capacity: Int) -> Int {
            Int(truncatingIfNeeded: ((hash & 0xFFFF_FFFF) &* UInt64(capacity)) >> 32)
        }

        /// Grows by half (at most 4/5 full): a table holds 1.25–1.9 slots per number instead of 1.33–2.7 with
        /// doubling at 3/4, which keeps a million numbers near 20 MB instead of 32.
        private mutating func grow() { rehash(to: max(capacity + capacity / 2, 16)) }

        mutating func rehash(to newCapacity: Int) {
            let old = words
            words = [UInt64](repeating: 0, count: newCapacity * 2)
            for index in stride(from: 0, to: old.count, by: 2) where old[index] != 0 {
                var slot = Self.home(DuplicateIndex.mix(old[index] >> 30), newCapacity)
                while words[2 * slot] != 0 {
                    slot += 1
                    if slot == newCapacity { slot = 0 }
                }
                words[2 * slot] = old[index]
                words[2 * slot + 1] = old[index + 1]
            }
        }
    }
}
