/// The JSON type of a filterable field, so `id >= 10` sends a number and `virtual_phone_number = 7495...` a string.
public enum UISFieldType: String, Sendable, Hashable {
    case number, string, boolean
    /// An array of objects (`campaigns`, `scenarios`); list elements are typed by their look.
    case array
}
