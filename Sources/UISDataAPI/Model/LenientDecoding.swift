extension KeyedDecodingContainer {
    /// An integer that may arrive as `5`, `5.0`, `"5"` or `null`; fractional values are rounded up (seconds until a
    /// reset must not be shortened). Anything else reads as nil rather than failing the whole answer.
    func lenientInt(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Double.self, forKey: key), value.isFinite {
            return Int(value.rounded(.up))
        }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Int(text) }
        return nil
    }

    /// A number that may arrive as a number or a numeric string.
    func lenientDouble(_ key: Key) -> Double? {
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Double(text) }
        return nil
    }
}
