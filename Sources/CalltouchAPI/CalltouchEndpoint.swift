/// One operation of the Calltouch phone-service API. Every one is a `POST` with a JSON body.
public enum CalltouchEndpoint: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Update the pool and redirect settings of a number already used in a pool (documented).
    case update
    /// Add pool and redirect settings to a free number (path assumed).
    case create
    /// Read the settings of an array of numbers (path assumed).
    case list
    /// Remove the settings: the number becomes free (documented).
    case delete
    /// List redirect scenarios (`call-redirect/list`; request documented, response shape assumed).
    case redirectList

    /// The short name used in logs and error descriptions (`update`, `create`, `list`, `delete`, `redirect-list`).
    public var description: String {
        switch self {
        case .redirectList: return "redirect-list"
        default: return rawValue
        }
    }

    /// Whether the operation changes the account (a write) rather than reading it.
    public var isWrite: Bool {
        switch self {
        case .update, .create, .delete: return true
        case .list, .redirectList: return false
        }
    }
}
