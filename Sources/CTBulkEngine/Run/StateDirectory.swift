import Foundation

/// The machine-wide folder of ctbulk's shared state: the run locks (one run per job and account on the whole
/// machine, whatever the working folder or journal) and the shared rate-limit state (one limit per API host).
public enum StateDirectory {
    /// The variable that moves the folder (as `--state-dir` does).
    public static let environmentVariable = "CTBULK_STATE_DIR"

    /// `--state-dir`, else `$CTBULK_STATE_DIR`, else `$XDG_STATE_HOME/ctbulk`, else `~/.local/state/ctbulk`; for a
    /// user without a home folder, `/tmp/ctbulk-<uid>`.
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        if let value = environment["XDG_STATE_HOME"], value.hasPrefix("/") { return value + "/ctbulk" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/ctbulk" }
        return "/tmp/ctbulk-\(getuid())"
    }

    /// The folder of the run locks inside `state`.
    public static func locks(_ state: String) -> String { state + "/locks" }

    /// The folder of the shared rate-limit state (one file per API host) inside `state`.
    public static func rates(_ state: String) -> String { state + "/rate" }
}
