#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A parsed JSON document, so request bodies can be validated field by field with messages that name the field.
enum BodyJSON: Equatable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([BodyJSON])
    case object([String: BodyJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([BodyJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: BodyJSON].self))
        }
    }

    /// Parses a body; nil when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> BodyJSON? {
        try? JSONDecoder().decode(BodyJSON.self, from: Data(bytes))
    }

    /// The JSON type name, for messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
