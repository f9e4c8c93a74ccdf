import ArgumentParser
import CTBulkApp

/// `--inventory uis` and how to reach UIS.
struct InventoryArguments: ParsableArguments {
    enum Source: String, ExpressibleByArgument { case uis }

    @Option(help: "Check every number against an inventory: 'uis' (get.virtual_numbers: connected, active, not used by campaigns or scenarios).")
    var inventory: Source?

    @Option(help: "UIS Data API host: uis (dataapi.uiscom.ru), comagic (dataapi.comagic.ru), a host name or a full URL.")
    var uisHost: String?

    @Option(help: "Read the UIS access token from this file (chmod 600); else UIS_ACCESS_TOKEN.")
    var uisTokenFile: String?

    @Option(help: "UIS user_id (required for agents).")
    var uisUserId: Int?

    @Option(help: "Log in to UIS with this login (password from UIS_PASSWORD) instead of a token.")
    var uisLogin: String?

    @Flag(help: "Use the built-in sandbox's UIS API for the inventory check.")
    var uisSandbox = false

    var value: UISInventoryOptions? {
        guard inventory != nil else { return nil }
        return UISInventoryOptions(host: uisHost, tokenFile: uisTokenFile, userID: uisUserId, login: uisLogin, sandbox: uisSandbox)
    }
}
