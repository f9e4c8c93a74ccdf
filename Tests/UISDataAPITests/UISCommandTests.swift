import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import Foundation
import Testing
import UISDataAPI

@Suite("ctbulk uis: formatting and exit codes")
struct UISCommandTests {
    @Test("CSV for Excel: BOM, semicolons, CRLF, quotes, formula-like text neutralised, numbers kept")
    func csvFields() {
        #expect(UISCSVWriter.textField("=SUM(A1)") == "'=SUM(A1)")
        #expect(UISCSVWriter.textField("+7 (495) 123") == "'+7 (495) 123")
        #expect(UISCSVWriter.textField("-- не трогать --") == "'-- не трогать --")
        #expect(UISCSVWriter.textField("@reception") == "'@reception")
        #expect(UISCSVWriter.textField("склад; офис") == "\"склад; офис\"")
        #expect(UISCSVWriter.textField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(UISCSVWriter.textField("=x;y") == "\"'=x;y\"")
        #expect(UISCSVWriter.textField("plain") == "plain")
        #expect(UISCSVWriter.textField("") == "")
        #expect(CellText.removingNeutralisation(UISCSVWriter.textField("=SUM(A1)")) == "=SUM(A1)")
    }

    @Test("table: columns aligned, cut to the width with an ellipsis, line breaks flattened")
    func table() {
        let lines = UISTableRenderer.render(
            header: ["id", "comment"],
            rows: [["1", "short"], ["22", String(repeating: "x", count: 100)], ["3", "two\nlines"]], width: 30)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines[0] == "id  comment")
        #expect(lines[1].hasPrefix("--  ---"))
        #expect(lines[3].hasSuffix("…"))
        #expect(lines[4] == "3   two lines")
        let wide = UISTableRenderer.render(header: ["a"], rows: [["b"]], width: 80)
        #expect(wide == ["a", "-", "b"])
    }

    @Test("virtual-numbers --sandbox --format csv writes an Excel-ready document")
    func csvFromSandbox() async {
        let console = CapturingConsole()
        let options = UISCommandOptions(filters: ["comment = \"=HYPERLINK(\\\"x\\\")\""], fields: ["id,comment", "status"],
                                        all: true, format: .csv, sandbox: true)
        let code = await UISCommandRunner.run(method: .virtualNumbers, options: options, output: console)
        #expect(code == 0)
        let out = console.stdout
        #expect(out.hasPrefix("\u{FEFF}id;comment;status\r\n"))
        let lines = out.dropFirst().components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines.dropFirst().allSatisfy { $0.contains(";\"'=HYPERLINK(\"\"x\"\")\";") })
        #expect(console.stderr.contains("sandbox"))
    }

    @Test("source-groups --format json prints the typed records; table fits the width")
    func jsonAndTable() async throws {
        let json = CapturingConsole()
        let code = await UISCommandRunner.run(
            method: .sourceGroups, options: UISCommandOptions(filters: ["channel_id = -1"], sort: ["name"],
                                                              format: .json, sandbox: true), output: json)
        #expect(code == 0)
        let groups = try JSONDecoder().decode([SourceGroup].self, from: Data(json.stdout.utf8))
        #expect(groups.compactMap(\.name) == ["Bing Ads", "Google Ads", "Бегун", "Яндекс.Директ"])

        let table = CapturingConsole()
        let tableCode = await UISCommandRunner.run(
            method: .virtualNumbers, options: UISCommandOptions(limit: 20, sandbox: true, width: 70), output: table)
        #expect(tableCode == 0)
        let lines = table.stdout.components(separatedBy: "\n")
        #expect(lines.count == 22)
        #expect(lines.allSatisfy { $0.count <= 70 })
        #expect(lines[0].hasPrefix("id"))
        #expect(table.stderr.contains("20 of 12,500"))
    }

    @Test("exit codes: 64 bad filter (with the part), 64 bad sort, 64 prohibited sort, 77 bad key, 75 limit spent")
    func exitCodes() async throws {
        let badFilter = CapturingConsole()
        #expect(await UISCommandRunner.run(method: .virtualNumbers,
                                           options: UISCommandOptions(filters: ["id >= ten"], sandbox: true),
                                           output: badFilter) == 64)
        #expect(badFilter.stderr.contains("\"ten\" is not a number"))
        #expect(badFilter.stderr.contains("^^^"))
        let badSort = CapturingConsole()
        #expect(await UISCommandRunner.run(method: .virtualNumbers,
                                           options: UISCommandOptions(sort: ["name:sideways"], sandbox: true),
                                           output: badSort) == 64)
        #expect(await UISCommandRunner.run(method: .virtualNumbers,
                                           options: UISCommandOptions(limit: 5, all: true, sandbox: true),
                                           output: CapturingConsole()) == 64)
        let prohibited = CapturingConsole()
        #expect(await UISCommandRunner.run(method: .virtualNumbers,
                                           options: UISCommandOptions(sort: ["id"], sandbox: true, language: .ru),
                                           output: prohibited) == 64)
        #expect(prohibited.stderr.contains("sort_prohibited"))

        let uis = UISSandboxConfiguration(dayLimit: 1, numberCount: 100)
        try await Sandbox.withSandbox(SandboxConfiguration(rateLimit: nil, uis: uis)) { running in
            let host = running.uisURL.absoluteString
            let wrongKey = CapturingConsole()
            #expect(await UISCommandRunner.run(
                method: .sourceGroups,
                options: UISCommandOptions(host: host, environment: ["UIS_ACCESS_TOKEN": "wrong-key-000"]),
                output: wrongKey) == 77)
            #expect(wrongKey.stderr.contains("access_token_invalid"))
            #expect(!wrongKey.stderr.contains("wrong-key-000"))
            #expect(await UISCommandRunner.run(method: .sourceGroups, options: UISCommandOptions(host: host, environment: [:]),
                                               output: CapturingConsole()) == 77)
            let ok = CapturingConsole()
            #expect(await UISCommandRunner.run(
                method: .sourceGroups, options: UISCommandOptions(host: host, environment: ["UIS_ACCESS_TOKEN": uis.token]),
                output: ok) == 0)
            let spent = CapturingConsole()
            #expect(await UISCommandRunner.run(
                method: .sourceGroups, options: UISCommandOptions(host: host, environment: ["UIS_ACCESS_TOKEN": uis.token]),
                output: spent) == 75)
            #expect(spent.stderr.contains("limit_exceeded"))
            #expect(await UISCommandRunner.run(method: .sourceGroups,
                                               options: UISCommandOptions(host: "http://example.com", environment: [:]),
                                               output: CapturingConsole()) == 64)
        }
    }
}
