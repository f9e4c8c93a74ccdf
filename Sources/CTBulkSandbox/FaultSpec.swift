/// Which faults the sandbox injects and how often: the probability, per accepted request, of each ``FaultKind``.
///
/// Text form (`--faults`), parsed by ``init(parsing:)``:
///
/// ```
/// spec  := "" | "none" | entry ("," entry)*
/// entry := kind "=" rate
/// kind  := "5xx" | "hang" | "drop" | "malformed"
/// rate  := a decimal number from 0 to 1, e.g. 0.05 or 1
/// ```
///
/// Spaces around entries are ignored; each kind may appear once; the rates must add up to at most 1 because a
/// request suffers at most one fault. Example: `5xx=0.1,hang=0.05,drop=0.02,malformed=0.01`.
public struct FaultSpec: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Probability of a 5xx answer.
    public var serverErrorRate: Double
    /// Probability of a hung request.
    public var hangRate: Double
    /// Probability of a dropped connection.
    public var dropRate: Double
    /// Probability of a malformed body.
    public var malformedRate: Double

    /// No faults.
    public static let none = FaultSpec()

    /// A spec with the given rates (each 0...1, adding up to at most 1; see ``validate()``).
    public init(serverErrorRate: Double = 0, hangRate: Double = 0, dropRate: Double = 0, malformedRate: Double = 0) {
        self.serverErrorRate = serverErrorRate
        self.hangRate = hangRate
        self.dropRate = dropRate
        self.malformedRate = malformedRate
    }

    /// Parses the text form, e.g. `5xx=0.1,hang=0.05,drop=0.02,malformed=0.01`; `""` and `none` mean no faults.
    public init(parsing text: String) throws(FaultSpecError) {
        self.init()
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return }
        var seen: Set<FaultKind> = []
        for rawEntry in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = String(rawEntry).trimmingSpaces
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .malformedEntry(entry) }
            let name = String(parts[0]).trimmingSpaces.lowercased()
            let value = String(parts[1]).trimmingSpaces
            guard !name.isEmpty else { throw .malformedEntry(entry) }
            guard let kind = FaultKind(rawValue: name) else { throw .unknownKind(name) }
            guard !seen.contains(kind) else { throw .duplicateKind(name) }
            seen.insert(kind)
            guard let rate = Double(value), rate.isFinite, rate >= 0, rate <= 1 else {
                throw .invalidRate(kind: name, value: value)
            }
            self[kind] = rate
        }
        try validate()
    }

    /// The rate of one kind.
    public subscript(kind: FaultKind) -> Double {
        get {
            switch kind {
            case .serverError: return serverErrorRate
            case .hang: return hangRate
            case .drop: return dropRate
            case .malformed: return malformedRate
            }
        }
        set {
            switch kind {
            case .serverError: serverErrorRate = newValue
            case .hang: hangRate = newValue
            case .drop: dropRate = newValue
            case .malformed: malformedRate = newValue
            }
        }
    }

    /// The probability that a request suffers any fault.
    public var total: Double { FaultKind.allCases.reduce(0) { $0 + self[$1] } }

    /// True when no fault can happen.
    public var isNone: Bool { total == 0 }

    /// Checks every rate is within 0...1 and that they add up to at most 1.
    public func validate() throws(FaultSpecError) {
        for kind in FaultKind.allCases {
            let rate = self[kind]
            guard rate.isFinite, rate >= 0, rate <= 1 else { throw .invalidRate(kind: kind.rawValue, value: "\(rate)") }
        }
        // A little slack for decimal sums such as 0.7 + 0.2 + 0.1.
        guard total <= 1 + 1e-9 else { throw .totalAboveOne(total) }
    }

    /// The canonical text form (`none`, or the non-zero kinds in a fixed order), which ``init(parsing:)`` reads back.
    public var description: String {
        let entries = FaultKind.allCases.filter { self[$0] > 0 }.map { "\($0.rawValue)=\(self[$0])" }
        return entries.isEmpty ? "none" : entries.joined(separator: ",")
    }
}

extension String {
    /// The string without ASCII spaces and tabs at either end.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
