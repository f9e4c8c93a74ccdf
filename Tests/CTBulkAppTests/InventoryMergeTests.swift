@testable import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Testing

/// `--inventory uis` adds problems after validation: every combination of what a row had before (nothing, a
/// warning, an error) and what the inventory finds (nothing, a warning, an error, both) counts the row once, by its
/// worst problem, whether the listing was cut at its limit or not.
@Suite struct InventoryMergeTests {
    enum Before: CaseIterable { case ok, warning, error }
    enum Found: CaseIterable { case nothing, warning, error, both }

    /// One row per combination, in `Before` × `Found` order, from row 2.
    static let combinations: [(Before, Found)] = Before.allCases.flatMap { before in Found.allCases.map { (before, $0) } }

    static func job(_ dir: TempDir) -> String {
        var lines = ["phone_number;pool_name;redirect_number;reserve_number;reserve_timeout"]
        for (index, (before, _)) in combinations.enumerated() {
            let number = "7999000\(String(format: "%04d", index + 1))"
            switch before {
            case .ok: lines.append("\(number);A;79990001111;;")
            case .warning: lines.append("\(number);A;79990001111;79990001111;30")  // reserve.same_as_primary
            case .error: lines.append("\(number);A;123;;")  // phone.length
            }
        }
        return dir.write("job.csv", lines.joined(separator: "\n") + "\n")
    }

    static func inventory() -> [Problem] {
        var problems: [Problem] = []
        for (index, (_, found)) in combinations.enumerated() {
            let row = index + 2
            if found == .warning || found == .both { problems.append(Problem(.inventoryInUse, row: row, details: ["usedBy": "c"])) }
            if found == .error || found == .both { problems.append(Problem(.inventoryInactive, row: row, details: ["status": "x"])) }
        }
        return problems
    }

    static func expected(_ before: Before, _ found: Found) -> Severity? {
        if before == .error || found == .error || found == .both { return .error }
        if before == .warning || found == .warning { return .warning }
        return nil
    }

    @Test(arguments: [nil, 1, 3, 100] as [Int?])
    func everyCombinationCountsEachRowOnceByItsWorstProblem(limit: Int?) throws {
        let dir = TempDir()
        let reader = try JobFileReader(path: Self.job(dir))
        var result = Validator.validate(reader, problemLimit: limit, collectRows: true)
        let before = result.problemCount
        UISInventory.merge(Self.inventory(), into: &result, column: "phone_number")

        let outcomes = Self.combinations.map { Self.expected($0.0, $0.1) }
        var expected = ValidationSummary()
        expected.rowsRead = outcomes.count
        expected.ok = outcomes.filter { $0 == nil }.count
        expected.withWarnings = outcomes.filter { $0 == .warning }.count
        expected.withErrors = outcomes.filter { $0 == .error }.count
        #expect(result.summary == expected)
        #expect(result.summary.ok + result.summary.withWarnings + result.summary.withErrors == result.summary.rowsRead)

        // Inventory problems of rows that already had errors are not added (those rows were not checked).
        let checkedProblems = Self.inventory().filter { problem in
            Self.combinations[problem.row! - 2].0 != .error
        }
        #expect(result.problemCount == before + checkedProblems.count)
        if let limit {
            for severity in Severity.allCases {
                #expect(result.problems.filter { $0.row != nil && $0.severity == severity }.count <= limit)
            }
        } else {
            #expect(result.problems.count == result.problemCount)
        }
        #expect(result.problems == result.problems.sorted(by: Problem.listedBefore))

        // The plan keeps exactly the rows without errors.
        let planned = Set(result.rows.map(\.row))
        let wanted = Set(outcomes.enumerated().filter { $0.element != .error }.map { $0.offset + 2 })
        #expect(planned == wanted)
    }
}
