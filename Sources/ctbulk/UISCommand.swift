import ArgumentParser
import CTBulkApp
import CTBulkCore

/// `ctbulk uis ...`: read-only commands of the UIS / CoMagic Data API. The logic lives in `UISCommandRunner`.
struct UISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uis",
        abstract: CLIText.t("help.uis.abstract"),
        discussion: CLIText.t("help.uis.discussion"),
        subcommands: [VirtualNumbers.self, AvailableNumbers.self, CampaignNumbers.self, SourceGroups.self]
    )

    /// Options every `uis` subcommand takes.
    struct Options: ParsableArguments {
        @Option(name: .customLong("filter"), help: ArgumentHelp(CLIText.t("help.uis.filters"), valueName: "expression"))
        var filters: [String] = []

        @Flag(help: ArgumentHelp(CLIText.t("help.uis.any")))
        var any = false

        @Option(help: ArgumentHelp(CLIText.t("help.uis.sort"), valueName: "field[:desc]"))
        var sort: [String] = []

        @Option(help: ArgumentHelp(CLIText.t("help.uis.fields"), valueName: "a,b,c"))
        var fields: [String] = []

        @Option(help: ArgumentHelp(CLIText.t("help.uis.limit")))
        var limit: Int?

        @Option(help: ArgumentHelp(CLIText.t("help.uis.offset")))
        var offset: Int?

        @Flag(help: ArgumentHelp(CLIText.t("help.uis.all")))
        var all = false

        @Option(help: ArgumentHelp(CLIText.t("help.uis.format")))
        var format: UISOutputFormat = .table

        @Option(name: .customLong("uis-host"), help: ArgumentHelp(CLIText.t("help.uis.host")))
        var host: String?

        @Option(name: .customLong("uis-token-file"), help: ArgumentHelp(CLIText.t("help.uis.tokenFile")))
        var tokenFile: String?

        @Option(name: .customLong("user-id"), help: ArgumentHelp(CLIText.t("help.uis.userID")))
        var userID: Int?

        @Option(help: ArgumentHelp(CLIText.t("help.uis.login")))
        var login: String?

        @Flag(help: ArgumentHelp(CLIText.t("help.uis.sandbox")))
        var sandbox = false

        @Option(help: ArgumentHelp(CLIText.t("help.uis.width")))
        var width: Int?

        @Option(help: ArgumentHelp(CLIText.t("help.uis.stateDir")))
        var stateDir: String?

        @Option(name: .customLong("lang"), help: ArgumentHelp(CLIText.t("help.common.language")))
        var language: LanguageArgument?

        func value() -> UISCommandOptions {
            UISCommandOptions(filters: filters, any: any, sort: sort, fields: fields, limit: limit, offset: offset,
                              all: all, format: format, host: host, tokenFile: tokenFile, userID: userID,
                              login: login, sandbox: sandbox, language: language.value, width: width,
                              stateDirectory: stateDir)
        }
    }

    struct VirtualNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "virtual-numbers", abstract: CLIText.t("help.virtual-numbers.abstract"))
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .virtualNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct AvailableNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "available-numbers", abstract: CLIText.t("help.available-numbers.abstract"))
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .availableNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct CampaignNumbers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "campaign-numbers",
            abstract: CLIText.t("help.campaign-numbers.abstract"))
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .campaignNumbers, options: options.value(),
                                                      output: StandardConsole()))
        }
    }

    struct SourceGroups: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source-groups", abstract: CLIText.t("help.source-groups.abstract"))
        @OptionGroup var options: Options
        func run() async throws {
            throw ExitCode(await UISCommandRunner.run(method: .sourceGroups, options: options.value(),
                                                      output: StandardConsole()))
        }
    }
}

extension UISOutputFormat: ExpressibleByArgument {}
