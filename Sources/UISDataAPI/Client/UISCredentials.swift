#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the client authenticates: a permanent or temporary key from the cabinet, or a `login.user` session.
///
/// ``description`` names only the type; the secret never leaves this value except in `params.access_token`.
public enum UISCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable that holds a key.
    public static let tokenVariable = "UIS_ACCESS_TOKEN"
    /// The environment variable that holds the password for `--login`.
    public static let passwordVariable = "UIS_PASSWORD"

    /// A key sent as `params.access_token` in every call.
    case accessToken(String)
    /// A login and password for `login.user`; the session key it returns lives one hour.
    case login(user: String, password: String)

    public var description: String {
        switch self {
        case .accessToken: return "access token (redacted)"
        case .login: return "login.user session (redacted)"
        }
    }

    /// The values that must never be shown.
    public var secrets: [String] {
        switch self {
        case .accessToken(let token): return [token]
        case .login(_, let password): return [password]
        }
    }

    /// Picks the credentials the way the CLI does: `--uis-token-file` first, then `--login` (password from
    /// `UIS_PASSWORD`), then `UIS_ACCESS_TOKEN`.
    /// - Throws: ``UISError`` `.credentialsMissing`, `.tokenFileUnreadable` or `.tokenFileInsecure`.
    public static func resolve(environment: [String: String], tokenFile: String? = nil,
                               login: String? = nil) throws -> UISCredentials {
        if let tokenFile { return .accessToken(try readTokenFile(tokenFile)) }
        if let login {
            guard let password = environment[passwordVariable], !password.isEmpty else {
                throw UISError(.credentialsMissing, details: ["missing": passwordVariable])
            }
            return .login(user: login, password: password)
        }
        if let token = environment[tokenVariable]?.trimmingWhitespace, !token.isEmpty { return .accessToken(token) }
        throw UISError(.credentialsMissing)
    }

    /// Reads a key from a file that only its owner can read (`chmod 600`); the first non-blank line is the key.
    /// - Throws: ``UISError`` `.tokenFileInsecure` when group or others may read the file, `.tokenFileUnreadable`
    ///   when it cannot be read or holds no key.
    public static func readTokenFile(_ path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw UISError(.tokenFileUnreadable, details: ["path": path, "reason": String(cString: strerror(errno))])
        }
        let mode = info.st_mode & 0o777
        if mode & 0o044 != 0 {
            throw UISError(.tokenFileInsecure, details: ["path": path, "mode": String(mode, radix: 8)])
        }
        guard let file = fopen(path, "r") else {
            throw UISError(.tokenFileUnreadable, details: ["path": path, "reason": String(cString: strerror(errno))])
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace }.first { !$0.isEmpty }
        guard let token = line else {
            throw UISError(.tokenFileUnreadable, details: ["path": path, "reason": "empty"])
        }
        return token
    }
}
