

/// What the account says about one number, as a ``NumberService`` reads it.
public enum LiveNumber: Hashable, Sendable, Codable {
    /// The number is used in a pool; these are its current settings.
    case used(NumberSettings)
    /// The number belongs to the account but is free (the answer had `displayOptions: null`).
    case free
    /// The number was asked about but is not in the answer: it is not in this account.
    case unknown

    /// The settings of a used number; nil for a free or unknown one.
    public var settings: NumberSettings? {
        if case .used(let settings) = self { return settings }
        return nil
    }
}
