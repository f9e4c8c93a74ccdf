import ArgumentParser
import CTBulkApp
import CTBulkWeb

struct ServeCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app: upload a job, see its errors, plan, apply with live progress, download the results.",
        discussion: """
            Listens on 127.0.0.1 by default. On any other address every request needs the access secret: \
            --password-file FILE (owner-only), or a token generated and printed at start. The Calltouch token never \
            reaches the browser. Try it with --sandbox (the built-in fake account).
            """
    )

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (default 127.0.0.1; any other needs the access secret).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = ServeCommand.defaultPort

    @Option(help: "Access secret for the browser, first line of an owner-only file (required beyond loopback; else one is generated).")
    var passwordFile: String?

    @Option(help: "Folder of uploads, the header mapping, the journal and run reports (default <state-dir>/web).")
    var dataDir: String?

    @Option(help: "Largest upload accepted, in megabytes.")
    var maxUploadMb = WebSettings.defaultMaxUploadBytes / (1024 * 1024)

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
        if maxUploadMb < 1 { throw ValidationError("--max-upload-mb must be at least 1") }
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
