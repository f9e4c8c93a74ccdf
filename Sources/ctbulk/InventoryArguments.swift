import ArgumentParser
import CTBulkApp

/// `--inventory uis` and how to reach UIS.
struct InventoryArguments: ParsableArguments {
    enum Source: String, ExpressibleByArgument { case uis }

    @Option(help: ArgumentHelp(CLIText.t("help.inventory.inventory")))
    var inventory: Source?

    @Option(help: ArgumentHelp(CLIText.t("help.inventory.uisHost")))
    var uisHost: String?

    @Option(help: ArgumentHelp(CLIText.t("help.inventory.uisTokenFile")))
    var uisTokenFile: String?

    @Option(help: ArgumentHelp(CLIText.t("help.inventory.uisUserId")))
    var uisUserId: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.inventory.uisLogin")))
    var uisLogin: String?

    @Flag(help: ArgumentHelp(CLIText.t("help.inventory.uisSandbox")))
    var uisSandbox = false

    var value: UISInventoryOptions? {
        guard inventory != nil else { return nil }
        return UISInventoryOptions(host: uisHost, tokenFile: uisTokenFile, userID: uisUserId, login: uisLogin, sandbox: uisSandbox)
    }
}
