import CTBulkCore

/// The redirect scenarios of the account, as `call-redirect/list` shows them: one scenario per distinct redirect
/// (target, and reserve if any), numbered from 101 in the order they first appear (the initial state in number
/// order, then writes). Deterministic for a given configuration and history.
struct RedirectScenarios: Sendable {
    struct Scenario: Sendable, Equatable {
        var id: Int
        var name: String
    }

    private var byKey: [String: Scenario] = [:]
    private var nextID = 101

    /// The scenario of a redirect, registering it when new.
    mutating func scenario(for redirect: RedirectOptions) -> Scenario {
        let key = Self.key(redirect)
        if let known = byKey[key] { return known }
        let scenario = Scenario(id: nextID, name: Self.name(redirect))
        nextID += 1
        byKey[key] = scenario
        return scenario
    }

    /// The scenario of a redirect if it was registered.
    func existing(for redirect: RedirectOptions) -> Scenario? { byKey[Self.key(redirect)] }

    private static func key(_ redirect: RedirectOptions) -> String {
        var key = redirect.redirectNumber?.digits ?? "-"
        if let reserve = redirect.reserve {
            key += "|\(reserve.reserveNumber?.digits ?? "-")|\(reserve.reserveTimeOut ?? 0)|\(reserve.ignoreEarlyMedia ?? true)"
        }
        return key
    }

    private static func name(_ redirect: RedirectOptions) -> String {
        var name = "Переадресация на \(redirect.redirectNumber?.digits ?? "?")"
        if let reserve = redirect.reserve {
            name += " (резерв \(reserve.reserveNumber?.digits ?? "?") через \(reserve.reserveTimeOut ?? 0) с)"
        }
        return name
    }
}
