import CTBulkCore

/// An error of the UIS Data API client: a JSON-RPC error typed by its `data.mnemonic`, or a local failure (transport,
/// endpoint, credentials, a result set deeper than paging can reach).
///
/// Secrets never appear here: the client scrubs the access token and password out of every server text before the
/// error is made, and ``description`` shows only the credential *type*.
public struct UISError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, one case per documented mnemonic plus the client's own failures. No associated values, so
    /// reports can group by it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        // -32001 authentication
        case accessTokenInvalid = "access_token_invalid"
        case accessTokenExpired = "access_token_expired"
        case accessTokenBlocked = "access_token_blocked"
        case authError = "auth_error"
        // -32003 access, -32008 components, -32009 account
        case ipNotWhitelisted = "ip_not_whitelisted"
        case forbidden
        case componentDisabled = "component_disabled"
        case accountInactive = "account_inactive"
        // -32029 limits
        case limitExceeded = "limit_exceeded"
        // -32602 parameters
        case filterProhibited = "filter_prohibited"
        case sortProhibited = "sort_prohibited"
        case unexpectedParameters = "unexpected_parameters"
        case invalidParameterValue = "invalid_parameter_value"
        case requiredParameterMissed = "required_parameter_missed"
        case dataTypeError = "data_type_error"
        case invalidParametersCombination = "invalid_parameters_combination"
        case dateIntervalLimitReached = "date_interval_limit_reached"
        // -32601, -32603, -32700, -32600, -32099
        case methodNotFound = "method_not_found"
        case internalError = "internal_error"
        case parseError = "parse_error"
        case invalidRequest = "invalid_request"
        case unsupportedFeature = "unsupported_feature"
        /// A mnemonic this client does not know in the parameters group (-32602, e.g. the dynamic `error` or
        /// `tariff_restrictions`): the request was refused as it stands. See ``UISError/mnemonic``.
        case otherRequestError = "api_request_error"
        /// A mnemonic this client does not know in an authentication or access group (-32001, -32003, -32008,
        /// -32009): the key, its rights, a component or the account.
        case otherAccessError = "api_access_error"
        /// A mnemonic this client does not know in any other group (e.g. -32007
        /// `virtual_phone_number_not_found`): see ``UISError/mnemonic``.
        case otherAPIError = "api_error"
        // Local failures
        /// The result set is deeper than offset 100,000 + limit can reach.
        case resultTooDeep = "result_too_deep"
        /// Fewer distinct records arrived than `total_items` promised.
        case incompleteResult = "incomplete_result"
        case transport
        case httpStatus = "http_status"
        case malformedResponse = "malformed_response"
        case insecureEndpoint = "insecure_endpoint"
        case invalidEndpoint = "invalid_endpoint"
        case credentialsMissing = "credentials_missing"
        case tokenFileUnreadable = "token_file_unreadable"
        case tokenFileInsecure = "token_file_insecure"
        /// A limit, offset or other argument outside the documented range, refused before sending.
        case invalidArgument = "invalid_argument"

        /// The kind for a server mnemonic, falling back on the JSON-RPC code group.
        public init(mnemonic: String?, code: Int?) {
            switch mnemonic {
            case "method_component_disabled", "parameter_component_disabled": self = .componentDisabled
            case "batch_opreations_not_supported", "batch_operations_not_supported", "notifications_not_supported":
                self = .unsupportedFeature
            case let m? where Kind(rawValue: m).map { $0.isServerKind && !Kind.groupKinds.contains($0) } == true:
                self = Kind(rawValue: m) ?? .otherAPIError
            default:
                // A mnemonic this client does not know (or none at all): its code says which group it belongs to.
                // Without a mnemonic, an authentication or access code reads as that group's most common error.
                switch code {
                case -32001 where mnemonic == nil: self = .authError
                case -32003 where mnemonic == nil: self = .forbidden
                case -32008 where mnemonic == nil: self = .componentDisabled
                case -32009 where mnemonic == nil: self = .accountInactive
                case -32001, -32003, -32008, -32009: self = .otherAccessError
                case -32602: self = .otherRequestError
                case -32029: self = .limitExceeded
                case -32601: self = .methodNotFound
                case -32603: self = .internalError
                case -32700: self = .parseError
                case -32600: self = .invalidRequest
                case -32099: self = .unsupportedFeature
                default: self = .otherAPIError
                }
            }
        }

        /// The kinds that stand for a whole code group rather than one mnemonic (never matched by name).
        static let groupKinds: Set<Kind> = [.otherRequestError, .otherAccessError, .otherAPIError]

        /// Whether the kind comes from a server answer (rather than from the client itself).
        public var isServerKind: Bool {
            switch self {
            case .resultTooDeep, .incompleteResult, .transport, .httpStatus, .malformedResponse, .insecureEndpoint,
                 .invalidEndpoint, .credentialsMissing, .tokenFileUnreadable, .tokenFileInsecure, .invalidArgument:
                return false
            default:
                return true
            }
        }
    }

    /// Coarse groups of kinds: what a caller (or an exit code) does about the error.
    public enum Category: String, Sendable, Hashable {
        /// The key, session, login, IP whitelist, rights or account: fix credentials or settings in the cabinet.
        case authentication
        /// The per-minute or per-day point limit.
        case limit
        /// The request itself was wrong (filter, sort, fields, paging, method, too deep a result).
        case request
        /// The service failed or answered something unexpected.
        case service
        /// A local setting (endpoint, token file) is wrong.
        case local
    }

    public var kind: Kind
    /// `error.data.mnemonic` as the server sent it.
    public var mnemonic: String?
    /// `error.code` (JSON-RPC group code).
    public var code: Int?
    /// `error.data.field`: the parameter involved, dotted for nested names.
    public var field: String?
    /// `error.data.value`, or the local value at fault; secrets replaced by `[redacted]`.
    public var value: String?
    /// `error.message` as the server sent it (secrets scrubbed).
    public var serverMessage: String?
    /// The JSON-RPC method that failed.
    public var method: String?
    /// Extra facts for the message: `total`, `reachable`, `status` (HTTP), `limitType`, `resetSeconds`, `path`, ...
    public var details: [String: String]

    /// An error of the given kind.
    public init(_ kind: Kind, mnemonic: String? = nil, code: Int? = nil, field: String? = nil, value: String? = nil,
                serverMessage: String? = nil, method: String? = nil, details: [String: String] = [:]) {
        self.kind = kind; self.mnemonic = mnemonic; self.code = code; self.field = field; self.value = value
        self.serverMessage = serverMessage; self.method = method; self.details = details
    }

    /// Which group the error belongs to.
    public var category: Category { kind.category }

    /// Whether the error is about authentication: key, session, login, IP, rights or account.
    public var isAuthentication: Bool { category == .authentication }

    /// `uis access_token_invalid (-32001) in get.virtual_numbers: <English message> [field=..., value=...]`.
    public var description: String { rendered(.en) }

    /// The message plus the server's code, mnemonic, field and value, in the given language.
    public func rendered(_ language: Language) -> String {
        var head = "UIS " + (mnemonic ?? kind.rawValue)
        if let code { head += " (\(code))" }
        if let method { head += language.text("uis.error.head_method", ["method": .text(method)]) }
        var context: [String] = []
        if let field { context.append("field=\(field)") }
        if let value { context.append("value=\(value)") }
        if let serverMessage, !serverMessage.isEmpty { context.append("server: \(serverMessage)") }
        return head + ": " + message(language) + (context.isEmpty ? "" : " [" + context.joined(separator: "; ") + "]")
    }

    /// The same error with every occurrence of the given secrets replaced by `[redacted]`, and the value blanked when
    /// the field names a credential.
    public func redacting(_ secrets: [String]) -> UISError {
        var copy = self
        func scrub(_ text: String?) -> String? {
            guard var text else { return nil }
            for secret in secrets where secret.count >= 4 { text = text.replacing(secret, with: "[redacted]") }
            return text
        }
        copy.value = scrub(value)
        copy.serverMessage = scrub(serverMessage)
        copy.details = details.mapValues { scrub($0) ?? $0 }
        if let field, field.contains("access_token") || field.contains("password") || field == "login" {
            if copy.value != nil { copy.value = "[redacted]" }
        }
        return copy
    }
}

extension UISError.Kind {
    /// The category of the kind.
    public var category: UISError.Category {
        switch self {
        case .accessTokenInvalid, .accessTokenExpired, .accessTokenBlocked, .authError, .ipNotWhitelisted, .forbidden,
             .componentDisabled, .accountInactive, .otherAccessError:
            return .authentication
        case .limitExceeded:
            return .limit
        case .filterProhibited, .sortProhibited, .unexpectedParameters, .invalidParameterValue, .requiredParameterMissed,
             .dataTypeError, .invalidParametersCombination, .dateIntervalLimitReached, .methodNotFound, .parseError,
             .invalidRequest, .unsupportedFeature, .resultTooDeep, .invalidArgument, .otherRequestError:
            return .request
        case .internalError, .otherAPIError, .incompleteResult, .transport, .httpStatus, .malformedResponse:
            return .service
        case .insecureEndpoint, .invalidEndpoint, .credentialsMissing, .tokenFileUnreadable, .tokenFileInsecure:
            return .local
        }
    }
}
