/// The Calltouch methods the sandbox serves, with their paths and the names `GET /_sandbox/stats` counts them by.
public enum SandboxEndpoint: String, CaseIterable, Sendable, Codable, Hashable {
    case update
    case create
    case list
    case delete
    case redirectList = "call-redirect-list"

    /// The path, e.g. `/phone-service/v1/api/calltracking/ad-platform/phone/update`.
    public var path: String {
        switch self {
        case .update: return "/phone-service/v1/api/calltracking/ad-platform/phone/update"
        case .create: return "/phone-service/v1/api/calltracking/ad-platform/phone/create"
        case .list: return "/phone-service/v1/api/calltracking/ad-platform/phone/list"
        case .delete: return "/phone-service/v1/api/calltracking/ad-platform/phone/delete"
        case .redirectList: return "/phone-service/v1/api/calltracking/call-redirect/list"
        }
    }

    /// True for the methods that change the account.
    public var isWrite: Bool {
        switch self {
        case .update, .create, .delete: return true
        case .list, .redirectList: return false
        }
    }
}
