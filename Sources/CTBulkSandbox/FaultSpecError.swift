/// Why a fault spec string such as `5xx=0.1,hang=0.05` was refused.
public enum FaultSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An entry is not `kind=rate` (the entry as given).
    case malformedEntry(String)
    /// The kind is not one of `5xx`, `hang`, `drop`, `malformed`.
    case unknownKind(String)
    /// The same kind appears twice.
    case duplicateKind(String)
    /// The rate is not a decimal number between 0 and 1.
    case invalidRate(kind: String, value: String)
    /// The rates add up to more than 1 (each request suffers at most one fault).
    case totalAboveOne(Double)

    public var description: String {
        switch self {
        case .malformedEntry(let entry):
            return "fault spec entry '\(entry)' is not of the form kind=rate (e.g. 5xx=0.1)"
        case .unknownKind(let kind):
            return "unknown fault kind '\(kind)' (expected one of: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .duplicateKind(let kind):
            return "fault kind '\(kind)' is given twice"
        case .invalidRate(let kind, let value):
            return "rate '\(value)' of fault '\(kind)' is not a number between 0 and 1"
        case .totalAboveOne(let total):
            return "fault rates add up to \(total), more than 1"
        }
    }
}
