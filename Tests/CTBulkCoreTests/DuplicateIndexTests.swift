@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// The duplicate index's verdicts across growth and sizing, and the reader's estimate of a CSV file's rows that sizes
/// it (so a million-row file holds 1.3 slots a number, not the 1.75 of a table that has just grown by half).
@Suite struct DuplicateIndexTests {
    static func number(_ i: Int) -> UInt64 { 79_000_000_000 + UInt64(i) * 7_919 }

    @Test func verdictsSurviveSizingBetweenRecords() {
        var index = DuplicateIndex()
        for i in 0..<3_000 {
            #expect(index.record(number: Self.number(i), fingerprint: UInt64(i % 5) << 2, row: i + 2, hasWarnings: i % 7 == 0) == .first)
        }
        index.reserve(200_000)
        #expect(index.record(number: Self.number(10), fingerprint: UInt64(10 % 5) << 2, row: 9_000, hasWarnings: false)
                == .identical(firstRow: 12))
        #expect(index.record(number: Self.number(14), fingerprint: 99 << 2, row: 9_001, hasWarnings: false)
                == .conflict(firstRow: 16, firstNewlyConflicted: true, firstHadWarnings: i14HadWarnings))
        #expect(index.record(number: Self.number(14), fingerprint: 98 << 2, row: 9_002, hasWarnings: false)
                == .conflict(firstRow: 16, firstNewlyConflicted: false, firstHadWarnings: i14HadWarnings))
        for i in 3_000..<200_000 {
            #expect(index.record(number: Self.number(i), fingerprint: 0, row: i + 2, hasWarnings: false) == .first)
        }
        #expect(index.record(number: Self.number(199_999), fingerprint: 0, row: 300_000, hasWarnings: false)
                == .identical(firstRow: 200_001))
    }
    private var i14HadWarnings: Bool { 14 % 7 == 0 }

    @Test func sizedAtOnceTheIndexHoldsAboutOnePointThreeSlotsANumber() {
        var grown = DuplicateIndex(), sized = DuplicateIndex()
        sized.reserve(1_000_000)
        for i in 0..<1_000_000 {
            _ = grown.record(number: Self.number(i), fingerprint: 0, row: i, hasWarnings: false)
            _ = sized.record(number: Self.number(i), fingerprint: 0, row: i, hasWarnings: false)
        }
        #expect(grown.slotCount > 1_600_000, "grown by half just before a million: \(grown.slotCount)")
        #expect((1_250_000...1_350_000).contains(sized.slotCount), "\(sized.slotCount)")
        // More numbers than expected: the tables grow as before.
        var small = DuplicateIndex()
        small.reserve(1_000)
        for i in 0..<50_000 { #expect(small.record(number: Self.number(i), fingerprint: 0, row: i, hasWarnings: false) == .first) }
        #expect(small.slotCount >= 50_000 * 5 / 4)
    }

    @Test func theReaderEstimatesACSVFilesRowsFromItsFirstChunk() throws {
        let dir = TempDir()
        var text = "Номер телефона;Пул;Источник\r\n"
        for i in 0..<20_000 { text += "+7 (900) \(String(format: "%07d", i));Пул \(i % 10);src\r\n" }
        let path = dir.write("job.csv", text)
        let reader = try JobFileReader(path: path)
        var estimateAtEnd: Int?
        try reader.forEachRowView { _ in estimateAtEnd = reader.estimatedRows }
        let estimate = try #require(estimateAtEnd, "a file of several chunks is estimated")
        #expect((18_000...22_000).contains(estimate), "\(estimate)")
        // A file of one chunk is not.
        let small = try JobFileReader(path: dir.write("small.csv", "Номер телефона;Пул\r\n79001234567;П\r\n"))
        try small.forEachRowView { _ in }
        #expect(small.estimatedRows == nil)
    }
}
