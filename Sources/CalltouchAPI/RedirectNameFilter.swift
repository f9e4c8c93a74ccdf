/// The `redirectOptions.redirectName` filter of `call-redirect/list`: `{ "value": …, "filterMode": … }`.
/// The search is case-insensitive (documented).
public struct RedirectNameFilter: Sendable, Hashable {
    /// The `filterMode` value the documentation's example shows, spelled as it is there (`star_twith`, probably
    /// meaning "starts with"). The allowed values are not published, so ``filterMode`` is free text.
    public static let documentedStartsWith = "star_twith"

    /// The text to look for.
    public var value: String
    /// How to match; left out of the request when nil.
    public var filterMode: String?

    /// A name filter.
    public init(value: String, filterMode: String? = nil) {
        self.value = value
        self.filterMode = filterMode
    }
}
