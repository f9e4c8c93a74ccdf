import CTBulkCore

/// Why a ``CalltouchConfiguration`` or ``CalltouchCredentials`` could not be built. Raised before any request is
/// sent; never contains the access token.
public struct CalltouchConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// The base URL cannot be parsed, has no host or a scheme other than http/https.
        case invalidBaseURL
        /// The base URL is plain `http://` and its host is not a loopback address.
        case insecureBaseURL
        /// A required value (token, site id) is missing: not in the environment and not given.
        case missingCredential
        /// The token or site id is empty or contains characters a header cannot carry.
        case invalidCredential
        /// The token file cannot be opened or read.
        case tokenFileUnreadable
        /// The token file is readable or writable by group or others (`mode & 0o077 != 0`).
        case tokenFilePermissions
        /// A numeric setting is out of range (batch size, timeouts).
        case invalidSetting
    }

    /// What is wrong.
    public var category: Category
    /// What is wrong and what to do, as a typed message (`credentials.*`, `config.*`): it names the variable or
    /// file concerned and never holds the token.
    public var text: Message
    /// The token file concerned, if any.
    public var path: String?

    /// Creates an error.
    public init(_ category: Category, _ text: Message, path: String? = nil) {
        self.category = category
        self.text = text
        self.path = path
    }

    /// ``text`` in English.
    public var message: String { text.render(.en) }

    /// `message`, which already names the path or variable concerned.
    public var description: String { message }
}
