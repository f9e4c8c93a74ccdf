#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The sandbox's JSON encoder settings, in one place.
enum WireJSON {
    /// Encodes a value as compact UTF-8 JSON (keys sorted so answers are stable).
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value we encode is built from strings, numbers, booleans and nulls: encoding cannot fail.
        return Array((try? encoder.encode(value)) ?? Data("null".utf8))
    }
}
