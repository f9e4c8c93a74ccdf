import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// The README's exit-code table, row by row, through the real binary: every code it lists is produced by the case
/// it names, and every row of the table has a case here.
@Suite struct ExitCodeTableTests {
    /// The codes of the README's exit-code table.
    static func readmeCodes() throws -> Set<Int32> {
        let readme = try String(contentsOfFile: repoPath("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| Code | Meaning |") else { return [] }
        var codes = Set<Int32>()
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cell = line.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? ""
            if let code = Int32(cell) { codes.insert(code) }
        }
        return codes
    }

    /// One case per row: the arguments and files that must give the code.
    static func run(_ code: Int32, in dir: TempDir) async throws -> (Int32, String) {
        let demo = repoPath("jobs/demo.csv")
        @Sendable func ctbulk(_ arguments: [String]) throws -> (Int32, String) {
            let (status, out, err) = try runCTBulk(arguments, currentDirectory: dir.url.path)
            return (status, out + err)
        }
        switch code {
        case 0: return try ctbulk(["validate", demo])
        case 1:
            let job = dir.write("unknown.csv", "phone;pool\n79990000005;Новый\n79000000000;B\n")
            return try ctbulk(["apply", "--sandbox", "--yes", "--quiet", "--journal", dir.path("j1.sqlite"), job])
        case 2: return try ctbulk(["plan", "--sandbox", "--detailed-exitcode", demo])
        case 64: return try ctbulk(["validate", "--no-such-option", demo])
        case 65: return try ctbulk(["validate", repoPath("examples/typical-mistakes.csv")])
        case 66: return try ctbulk(["validate", dir.path("missing.csv")])
        case 74:
            let journal = dir.write("damaged.sqlite", String(repeating: "not a database ", count: 400))
            return try ctbulk(["status", "--journal", journal])
        case 75:
            return try ctbulk(["apply", "--sandbox", "--yes", "--quiet", "--max-requests", "1",
                               "--journal", dir.path("j75.sqlite"), demo])
        case 77:
            let token = dir.write("token", "a-token-readable-by-others")
            chmod(token, 0o644)
            return try ctbulk(["plan", "--site-id", "1", "--token-file", token, "--base-url", "http://127.0.0.1:9", demo])
        case 78:
            return try await StaticAnswerServer().with(status: 307, location: "https://api.calltouch.ru/") { base in
                try ctbulk(["plan", "--site-id", "1", "--token-file", {
                    let token = dir.write("token78", "a-token"); chmod(token, 0o600); return token
                }(), "--base-url", base, demo])
            }
        default:
            Issue.record("no case for exit code \(code): add one")
            return (-1, "")
        }
    }

    @Test func everyRowOfTheReadmeTableHasACaseAndTheCaseGivesItsCode() async throws {
        let codes = try Self.readmeCodes()
        #expect(codes == [0, 1, 2, 64, 65, 66, 74, 75, 77, 78], "the README's table changed: update the cases")
        for code in codes.sorted() {
            let dir = TempDir()
            let (status, output) = try await Self.run(code, in: dir)
            #expect(status == code, "exit \(status) instead of \(code):\n\(output)")
        }
    }
}
