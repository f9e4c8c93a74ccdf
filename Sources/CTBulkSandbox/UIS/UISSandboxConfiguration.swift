/// Settings of the UIS Data API fake. The defaults suit a demo; tests shorten the windows and lower the limits.
public struct UISSandboxConfiguration: Sendable {
    /// The default permanent key (`params.access_token`).
    public static let defaultToken = "sandbox-uis-token"

    /// The permanent key the fake accepts in `params.access_token`.
    public var token: String
    /// A key the fake answers with `access_token_expired` (nil: none).
    public var expiredToken: String?
    /// A key the fake answers with `access_token_blocked` (nil: none).
    public var blockedToken: String?
    /// Login and password `login.user` accepts.
    public var login: String
    public var password: String
    /// How long a `login.user` session key lives (one hour in the real API).
    public var sessionLifetime: Duration
    /// Points per minute window (every successful call costs 1 point).
    public var minuteLimit: Int
    /// Points per day window.
    public var dayLimit: Int
    /// Length of the "minute" window (shorten it in tests).
    public var minuteWindow: Duration
    /// Length of the "day" window.
    public var dayWindow: Duration
    /// Whether answers carry `metadata.limits` (false: `"limits": {}`, as when limits are not applied).
    public var reportsLimits: Bool
    /// Connected virtual numbers (`get.virtual_numbers`); more than 10,000 makes paging real.
    public var numberCount: Int
    /// Numbers available to connect (`get.available_virtual_numbers`).
    public var availableNumberCount: Int
    /// Numbers available for campaigns (`get.campaign_available_phone_numbers`).
    public var campaignNumberCount: Int
    /// Client addresses allowed by the account's IP whitelist (nil: all, like `0.0.0.0/0`).
    public var allowedClientAddresses: [String]?
    /// Methods the key's user has no right to (answered with `forbidden`).
    public var forbiddenMethods: Set<String>
    /// Errors to answer instead of the real result, in order, before any other check except authentication.
    public var injectedErrors: [UISInjectedError]

    /// A configuration; every field has a default.
    public init(token: String = UISSandboxConfiguration.defaultToken, expiredToken: String? = "sandbox-expired-token",
                blockedToken: String? = "sandbox-blocked-token", login: String = "sandbox",
                password: String = "sandbox-password", sessionLifetime: Duration = .seconds(3600),
                minuteLimit: Int = 300, dayLimit: Int = 100_000, minuteWindow: Duration = .seconds(60),
                dayWindow: Duration = .seconds(86_400), reportsLimits: Bool = true, numberCount: Int = 12_500,
                availableNumberCount: Int = 3_000, campaignNumberCount: Int = 800,
                allowedClientAddresses: [String]? = nil, forbiddenMethods: Set<String> = [],
                injectedErrors: [UISInjectedError] = []) {
        self.token = token; self.expiredToken = expiredToken; self.blockedToken = blockedToken
        self.login = login; self.password = password; self.sessionLifetime = sessionLifetime
        self.minuteLimit = minuteLimit; self.dayLimit = dayLimit; self.minuteWindow = minuteWindow
        self.dayWindow = dayWindow; self.reportsLimits = reportsLimits; self.numberCount = numberCount
        self.availableNumberCount = availableNumberCount; self.campaignNumberCount = campaignNumberCount
        self.allowedClientAddresses = allowedClientAddresses; self.forbiddenMethods = forbiddenMethods
        self.injectedErrors = injectedErrors
    }
}

/// An error the fake answers `count` times for a method (nil: any method), e.g. `internal_error` to test retries.
public struct UISInjectedError: Sendable, Hashable {
    public var method: String?
    /// A documented mnemonic (`internal_error`, `forbidden`, `account_inactive`, `ip_not_whitelisted`, ...).
    public var mnemonic: String
    public var count: Int

    /// An injected error.
    public init(method: String? = nil, mnemonic: String, count: Int = 1) {
        self.method = method; self.mnemonic = mnemonic; self.count = count
    }
}
