import ArgumentParser
import CTBulkApp
import CTBulkCore

/// `ctbulk uis ...`: read-only commands of the UIS / CoMagic Data API. The logic lives in `UISCommandRunner`.
struct UISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uis",
        abstract: "List UIS / CoMagic virtual numbers, available numbers, campaign numbers and source groups.",
        discussion: """
            Credentials: UIS_ACCESS_TOKEN, --uis-token-file (chmod 600), or --login with UIS_PASSWORD; --sandbox \
            needs none. Exit codes: 0 ok, 64 usage or a request the API rejected, 75 point limit spent, \
            77 authentication, 1 API failure.
            """,
        subcommands: [VirtualNumbers.self, AvailableNumbers.self, CampaignNumbers.self, SourceGroups.self]
    )

    /// Options every `uis` subcommand takes.
    struct Options: ParsableArguments {
        @Option(name: .customLong("filter"), help: ArgumentHelp(
            "A condition: 'status=active', 'category in gold,silver', 'virtual_phone_number like 7495%', "
                + "'comment is_null', 'id >= 10'. Repeat to combine (AND).", valueName: "expression"))
        var filters: [String] = []

        @Flag(help: "Combine the --filter conditions with OR instead of AND.")
        var any = false

        @Option(help: ArgumentHelp("Sort by a field: 'name' or 'name:desc'. Repeatable.", valueName: "field[:desc]"))
        var sort: [String] = []

        @Option(help: ArgumentHelp("Fields to return, comma-separated.", valueName: "a,b,c"))
        var fields: [String] = []

        @Option(help: "Read one page of N records (1...10000; the API's default is 1000).")
        var limit: Int?

        @Option(help: "Start at record N (0...100000).")
        var offset: Int?

        @Flag(help: "Read every page (up to the API's paging depth of offset 100000 + page size).")
        var all = false

        @Option(help: "Output: table, csv (Excel-ready) or json.")
        var format: UISOutputFormat = .table

        @Option(name: .customLong("uis-host"), help: "uis (default), comagic, a host, or a full base URL.")
        var host: String?

        @Option(name: .customLong("uis-token-file"), help: "Read the API key from this file (owner-only, chmod 600).")
        var tokenFile: String?

        @Option(name: .customLong("user-id"), help: "For agents: the client user to act for (get.customer_users).")
        var userID: Int?

        @Option(help: "Log in with login.user as this user; the password is read from UIS_PASSWORD.")
        var login: String?

        @Flag(help: "Use the built-in sandbox (fake data, no credentials).")
        var sandbox = false

        @Option(help: "Table width (default: the terminal's).")
        var width: Int?

        @Option(help: "Machine-wide folder of the shared rate limit (else CTBULK_STATE_DIR, else ~/.local/state/ctbulk).")
        var stateDir: String?

        @Option(name: .customLong("lang"), help: "Language of messages: en or ru.")
        var language: LanguageArgument = .en

        func value() -> UISCommandOptions {
            UISCommandOptions(filters: filters, any: any, sort: sort, fields: fields, limit: limit, offset: offset,
                              all: all, format: format, host: host, tokenFile: tokenFile, userID: userID,
                              login: login, sandbox: sandbox, language: language.value, width: width,
                              stateDirectory: stateDir)
        }
    }

    struct VirtualNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "virtual-numbers", abstract: "Connected virtual numbers (get.virtual_numbers).")
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .virtualNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct AvailableNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "available-numbers", abstract: "Numbers that can be connected (get.available_virtual_numbers).")
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .availableNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct CampaignNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campaign-numbers",
            abstract: "Numbers a campaign can use (get.campaign_available_phone_numbers).")
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .campaignNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct SourceGroups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source-groups", abstract: "Source groups (get.sources_groups).")
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .sourceGroups, options: options.value(),
                                                      output: StandardConsole()))
        }
    }
}

extension UISOutputFormat: ExpressibleByArgument {}
