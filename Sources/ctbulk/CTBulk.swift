import ArgumentParser
import CTBulkApp
import CTBulkCore
import Foundation

@main
struct CTBulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctbulk",
        abstract: CLIText.t("help.ctbulk.abstract"),
        discussion: CLIText.t("help.ctbulk.discussion"),
        version: CTBulkVersion.current,
        subcommands: [ValidateCommandCLI.self, PlanCommandCLI.self, ApplyCommandCLI.self, StatusCommandCLI.self, SandboxCommandCLI.self, ServeCommandCLI.self, ReconcileCommandCLI.self, ExportCommandCLI.self, RunCommandCLI.self, UISCommand.self]
    )
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(CLIText.t("help.common.language")))
    var language: LanguageArgument?
}

enum LanguageArgument: String, ExpressibleByArgument, CaseIterable {
    case en, ru
    var value: Language { Language(rawValue: rawValue) ?? .en }
}

extension Optional where Wrapped == LanguageArgument {
    /// `--lang` when given, else the locale's language (LC_ALL, LC_MESSAGES, LANG).
    var value: Language { Language.resolve(explicit: self?.value, environment: ProcessInfo.processInfo.environment) }
}

/// The language of the help text: resolved from the command line (`--lang`) and the locale before the parser runs,
/// since swift-argument-parser builds help from the commands' static configuration and option declarations.
enum CLIText {
    static let language = Language.resolve(explicit: Language(arguments: CommandLine.arguments),
                                           environment: ProcessInfo.processInfo.environment)

    /// The catalogue entry `key` in the help language.
    static func t(_ key: String) -> String { language.text(key) }

    /// A usage error in the help language (argument-parser prints it and the usage, exit 64).
    static func usage(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> ValidationError {
        ValidationError(language.text(key, arguments))
    }
}

/// How to read the job file.
struct InputArguments: ParsableArguments {
    @Argument(help: ArgumentHelp(CLIText.t("help.input.file")))
    var file: String

    @Option(help: ArgumentHelp(CLIText.t("help.apply.encoding")))
    var encoding: String?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.delimiter")))
    var delimiter: String?

    @OptionGroup var headers: HeaderArguments

    @Option(help: ArgumentHelp(CLIText.t("help.input.sheet")))
    var sheet: String?

    var value: InputOptions {
        var options = headers.apply(to: InputOptions(path: file, encoding: encoding, delimiter: delimiter))
        options.sheet = sheet
        return options
    }
}

/// The team's own headers, on every command that reads a job file.
struct HeaderArguments: ParsableArguments {
    @Option(name: .customLong("map"), help: ArgumentHelp(CLIText.t("help.input.map")))
    var map: [String] = []

    @Option(name: .customLong("mapping"), help: ArgumentHelp(CLIText.t("help.input.mapping")))
    var mappingFile: String?

    @Flag(help: ArgumentHelp(CLIText.t("help.input.strictHeaders")))
    var strictHeaders = false

    func apply(to input: InputOptions) -> InputOptions {
        var options = input
        options.map = map
        options.mappingFile = mappingFile
        options.strictHeaders = strictHeaders
        return options
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Ends the process with a command's exit code.
func finish(_ code: Int32) throws -> Never {
    throw ExitCode(code)
}
