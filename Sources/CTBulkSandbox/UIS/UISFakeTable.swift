/// The JSON type of a field of the fake, which decides which operators and values a filter may use.
enum UISFakeFieldKind: Sendable {
    case number, string, boolean
    /// `YYYY-MM-DD hh:mm:ss`, compared as text.
    case dateTime
    /// An array of objects (`campaigns`, `scenarios`); `keys` are what `overlap` compares against.
    case objects(keys: [String])
}

/// One `get.*` method of the fake: its documented fields, which may be filtered or sorted, and its records.
struct UISFakeTable: Sendable {
    var method: String
    /// Documented response fields in the documentation's order; the default `fields`.
    var fields: [String]
    var kinds: [String: UISFakeFieldKind]
    var filterable: Set<String>
    var sortable: Set<String>
    /// Records as field → value (every documented field present, `null` when empty).
    var records: [[String: UISWireValue]]

    /// The record as the answer shows it, with only `fields`, in documentation order.
    func render(_ record: [String: UISWireValue], fields selected: [String]?) -> UISWireValue {
        let names = selected.map { wanted in fields.filter { wanted.contains($0) } } ?? fields
        return .object(names.map { ($0, record[$0] ?? .null) })
    }
}
