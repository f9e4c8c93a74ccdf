import CTBulkCore

/// A decoded answer that cannot be mapped onto the model (e.g. a number that is not `7xxxxxxxxxx`).
struct WireMappingError: Error, CustomStringConvertible {
    var description: String

    /// The number in a field, normalised; nil for nil or blank text; an error for text that is not a number.
    static func phone(_ text: String?, field: String) throws(WireMappingError) -> PhoneNumber? {
        guard let text = text.nonBlank else { return nil }
        if let number = PhoneNumber(canonical: text) { return number }
        if case .number(let number, _) = PhoneNumber.normalize(text) { return number }
        throw WireMappingError(description: "\(field) \"\(text)\" is not a 7xxxxxxxxxx number")
    }
}
