/// The URL paths of the phone-service operations, relative to the base URL. The defaults are those of
/// `docs/calltouch-wire.md`; `create` and `list` are assumed (unpublished) and therefore configurable.
public struct CalltouchPaths: Sendable, Hashable {
    /// Documented: `/phone-service/v1/api/calltracking/ad-platform/phone/update`.
    public static let defaultUpdate = "/phone-service/v1/api/calltracking/ad-platform/phone/update"
    /// Assumed: `/phone-service/v1/api/calltracking/ad-platform/phone/create` (`--create-path`).
    public static let defaultCreate = "/phone-service/v1/api/calltracking/ad-platform/phone/create"
    /// Assumed: `/phone-service/v1/api/calltracking/ad-platform/phone/list` (`--list-path`).
    public static let defaultList = "/phone-service/v1/api/calltracking/ad-platform/phone/list"
    /// Documented: `/phone-service/v1/api/calltracking/ad-platform/phone/delete`.
    public static let defaultDelete = "/phone-service/v1/api/calltracking/ad-platform/phone/delete"
    /// Documented: `/phone-service/v1/api/calltracking/call-redirect/list`.
    public static let defaultRedirectList = "/phone-service/v1/api/calltracking/call-redirect/list"

    /// Path of ``CalltouchEndpoint/update``.
    public var update: String
    /// Path of ``CalltouchEndpoint/create``.
    public var create: String
    /// Path of ``CalltouchEndpoint/list``.
    public var list: String
    /// Path of ``CalltouchEndpoint/delete``.
    public var delete: String
    /// Path of ``CalltouchEndpoint/redirectList``.
    public var redirectList: String

    /// Paths with the documented (or assumed) defaults; a path without a leading `/` gets one.
    public init(update: String = defaultUpdate, create: String = defaultCreate, list: String = defaultList,
                delete: String = defaultDelete, redirectList: String = defaultRedirectList) {
        self.update = Self.normalized(update)
        self.create = Self.normalized(create)
        self.list = Self.normalized(list)
        self.delete = Self.normalized(delete)
        self.redirectList = Self.normalized(redirectList)
    }

    /// The path of one endpoint.
    public subscript(endpoint: CalltouchEndpoint) -> String {
        switch endpoint {
        case .update: return update
        case .create: return create
        case .list: return list
        case .delete: return delete
        case .redirectList: return redirectList
        }
    }

    static func normalized(_ path: String) -> String {
        path.hasPrefix("/") ? path : "/" + path
    }
}
