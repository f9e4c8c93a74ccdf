#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CTBulkCore
import Foundation

/// The Calltouch access token and the site (cabinet) id it is used with.
///
/// The token is a secret: ``description``, ``debugDescription`` and the mirror (`dump`, `String(reflecting:)`) all
/// show it as `***`, and nothing in this module ever logs it or puts it in an error. The site id is not a secret.
public struct CalltouchCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The environment variable holding the access token.
    public static let tokenVariable = "CALLTOUCH_ACCESS_TOKEN"
    /// The environment variable holding the site id.
    public static let siteIdVariable = "CALLTOUCH_SITE_ID"
    /// A token file larger than this is refused.
    static let maxTokenFileBytes = 64 * 1024

    /// The value of the `Access-Token` header. Internal on purpose: only the client reads it.
    let accessToken: String
    /// The value of the `SiteId` header.
    public let siteId: String

    /// Credentials from explicit values. Surrounding whitespace is trimmed; an empty value or one with control
    /// characters (which a header cannot carry) is refused.
    public init(accessToken: String, siteId: String) throws(CalltouchConfigurationError) {
        let token = Self.trimmed(accessToken)
        let site = Self.trimmed(siteId)
        guard !token.isEmpty else {
            throw CalltouchConfigurationError(.invalidCredential, Message("credentials.token_empty"))
        }
        guard Self.isHeaderSafe(token) else {
            throw CalltouchConfigurationError(.invalidCredential, Message("credentials.token_characters"))
        }
        guard !site.isEmpty else {
            throw CalltouchConfigurationError(.invalidCredential, Message("credentials.site_empty"))
        }
        guard Self.isHeaderSafe(site) else {
            throw CalltouchConfigurationError(.invalidCredential, Message("credentials.site_characters"))
        }
        self.accessToken = token
        self.siteId = site
    }

    /// Credentials from `CALLTOUCH_ACCESS_TOKEN` and `CALLTOUCH_SITE_ID`.
    /// - Parameter environment: the variables to read (the process environment by default).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CalltouchConfigurationError) -> CalltouchCredentials {
        try resolve(tokenFile: nil, siteId: nil, environment: environment)
    }

    /// Credentials whose token is read from a file (`--token-file PATH`).
    ///
    /// The file must be a regular file that neither group nor others may read or write (`chmod 600`); otherwise it
    /// is refused with ``CalltouchConfigurationError/Category-swift.enum/tokenFilePermissions`` naming the path.
    /// Trailing newlines (and any surrounding whitespace) are trimmed.
    public static func fromTokenFile(_ path: String, siteId: String) throws(CalltouchConfigurationError)
        -> CalltouchCredentials
    {
        try CalltouchCredentials(accessToken: readTokenFile(path), siteId: siteId)
    }

    /// What a command line does: the token from `tokenFile` when given, else from `CALLTOUCH_ACCESS_TOKEN`; the site
    /// id from `siteId` when given, else from `CALLTOUCH_SITE_ID`.
    public static func resolve(
        tokenFile: String?, siteId: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CalltouchConfigurationError) -> CalltouchCredentials {
        let token: String
        if let tokenFile {
            token = try readTokenFile(tokenFile)
        } else if let value = environment[tokenVariable], !trimmed(value).isEmpty {
            token = value
        } else {
            throw CalltouchConfigurationError(.missingCredential, Message("credentials.no_token", ["variable": .text(tokenVariable)]))
        }
        let site: String
        if let siteId, !trimmed(siteId).isEmpty {
            site = siteId
        } else if let value = environment[siteIdVariable], !trimmed(value).isEmpty {
            site = value
        } else {
            throw CalltouchConfigurationError(.missingCredential, Message("credentials.no_site", ["variable": .text(siteIdVariable)]))
        }
        return try CalltouchCredentials(accessToken: token, siteId: site)
    }

    /// Reads a token file after checking that it is a private regular file. The check and the read use one open
    /// file descriptor, so the file cannot be swapped in between.
    static func readTokenFile(_ path: String) throws(CalltouchConfigurationError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CalltouchConfigurationError(
                .tokenFileUnreadable, Message("credentials.file_open", ["path": .text(path), "reason": .text(reason)]), path: path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            throw CalltouchConfigurationError(
                .tokenFileUnreadable, Message("credentials.file_stat", ["path": .text(path), "reason": .text(reason)]), path: path)
        }
        let mode = UInt32(info.st_mode)
        guard mode & UInt32(S_IFMT) == UInt32(S_IFREG) else {
            throw CalltouchConfigurationError(.tokenFileUnreadable, Message("credentials.file_not_regular", ["path": .text(path)]),
                                              path: path)
        }
        let permissions = mode & 0o777
        guard permissions & 0o077 == 0 else {
            let octal = String(permissions, radix: 8)
            throw CalltouchConfigurationError(
                .tokenFilePermissions, Message("credentials.file_permissions", ["path": .text(path), "mode": .text(octal)]), path: path)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CalltouchConfigurationError(
                    .tokenFileUnreadable, Message("credentials.file_read", ["path": .text(path), "reason": .text(reason)]), path: path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxTokenFileBytes else {
                throw CalltouchConfigurationError(
                    .tokenFileUnreadable, Message("credentials.file_too_large", ["path": .text(path), "n": .count(maxTokenFileBytes)]),
                    path: path)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CalltouchConfigurationError(.tokenFileUnreadable, Message("credentials.file_not_utf8", ["path": .text(path)]),
                                              path: path)
        }
        let token = trimmed(text)
        guard !token.isEmpty else {
            throw CalltouchConfigurationError(.invalidCredential, Message("credentials.file_empty", ["path": .text(path)]), path: path)
        }
        return token
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Visible ASCII and inner spaces only: what an HTTP header value can carry without surprises.
    static func isHeaderSafe(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `CalltouchCredentials(siteId: 123, accessToken: ***)`.
    public var description: String { "CalltouchCredentials(siteId: \(siteId), accessToken: ***)" }

    /// Same as ``description``: the token is never shown.
    public var debugDescription: String { description }

    /// A mirror that shows the site id and `***` for the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["siteId": siteId, "accessToken": "***"], displayStyle: .struct)
    }
}
