/// Where the Data API lives: `https://<host>/v2.0`. Built from a host name or a full base URL; plain `http://` is
/// refused unless the host is a loopback address (the sandbox).
public struct UISEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The current API version path.
    public static let versionPath = "/v2.0"
    /// `https://dataapi.uiscom.ru/v2.0`, for portals registered with UIS.
    public static let uis = UISEndpoint(verified: "https://dataapi.uiscom.ru/v2.0", host: "dataapi.uiscom.ru")
    /// `https://dataapi.comagic.ru/v2.0`, for portals registered with CoMagic.
    public static let comagic = UISEndpoint(verified: "https://dataapi.comagic.ru/v2.0", host: "dataapi.comagic.ru")

    /// The full URL every request is POSTed to.
    public let url: String
    /// The host part, without port.
    public let host: String

    private init(verified url: String, host: String) {
        self.url = url; self.host = host
    }

    /// Parses `dataapi.uiscom.ru`, `uis`, `comagic`, `https://dataapi.comagic.ru`, `https://host/v2.0` or
    /// `http://127.0.0.1:8080/v2.0`. A URL without a path gets `/v2.0`.
    /// - Throws: ``UISError`` `.invalidEndpoint` for text that is not a host or URL, `.insecureEndpoint` for plain
    ///   http to a host that is not loopback.
    public init(_ text: String) throws {
        let trimmed = text.trimmingWhitespace
        switch trimmed.lowercased() {
        case "uis", "uiscom": self = .uis; return
        case "comagic": self = .comagic; return
        default: break
        }
        var scheme = "https"
        var rest = Substring(trimmed)
        if let range = trimmed.firstRange(of: "://") {
            scheme = trimmed[..<range.lowerBound].lowercased()
            rest = trimmed[range.upperBound...]
        }
        guard scheme == "https" || scheme == "http" else { throw UISError(.invalidEndpoint, value: trimmed) }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        guard !authority.isEmpty, !authority.contains("@"), !path.contains("?"), !path.contains("#") else {
            throw UISError(.invalidEndpoint, value: trimmed)
        }
        let host: String
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw UISError(.invalidEndpoint, value: trimmed) }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let tail = authority[authority.index(after: close)...]
            guard tail.isEmpty || (tail.hasPrefix(":") && Int(tail.dropFirst()) != nil) else {
                throw UISError(.invalidEndpoint, value: trimmed)
            }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2, parts.count == 1 || Int(parts[1]) != nil else {
                throw UISError(.invalidEndpoint, value: trimmed)
            }
            host = String(parts[0])
        }
        let allowed = host.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == ":") && $0.isASCII
        }
        guard !host.isEmpty, allowed else { throw UISError(.invalidEndpoint, value: trimmed) }
        if scheme == "http" && !Self.isLoopback(host) { throw UISError(.insecureEndpoint, value: trimmed) }
        if path.isEmpty || path == "/" { path = Self.versionPath }
        if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.url = "\(scheme)://\(authority)\(path)"
        self.host = host.lowercased()
    }

    /// Whether plain http is acceptable for the host: `localhost`, `127.x.x.x` or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    public var description: String { url }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) ?? first
        return String(scalars[first...last])
    }
}
