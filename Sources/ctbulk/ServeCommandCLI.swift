import ArgumentParser
import CTBulkApp
import CTBulkWeb

struct ServeCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: CLIText.t("help.serve.abstract"),
        discussion: CLIText.t("help.serve.discussion")
    )

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp(CLIText.t("help.serve.host")))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp(CLIText.t("help.serve.port")))
    var port = ServeCommand.defaultPort

    @Option(help: ArgumentHelp(CLIText.t("help.serve.passwordFile")))
    var passwordFile: String?

    @Option(help: ArgumentHelp(CLIText.t("help.serve.dataDir")))
    var dataDir: String?

    @Option(help: ArgumentHelp(CLIText.t("help.serve.maxUploadMb")))
    var maxUploadMb = WebSettings.defaultMaxUploadBytes / (1024 * 1024)

    func validate() throws {
        if !(0...65535).contains(port) { throw CLIText.usage("usage.range", ["option": "--port", "min": "0", "max": "65535"]) }
        if maxUploadMb < 1 { throw CLIText.usage("usage.at_least", ["option": "--max-upload-mb", "min": "1"]) }
    }

    func run() async throws {
        var options = ServeCommand.Options(api: api.value, language: common.language.value)
        options.host = host
        options.port = port
        options.passwordFile = passwordFile
        options.dataDirectory = dataDir
        options.maxUploadBytes = maxUploadMb * 1024 * 1024
        try finish(await ServeCommand.run(options, console: StandardConsole()))
    }
}
