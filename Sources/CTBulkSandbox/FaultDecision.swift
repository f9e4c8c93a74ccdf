/// What fault injection decided for one request.
enum FaultDecision: Equatable, Sendable {
    case none
    /// Answer with this 5xx status; nothing is processed.
    case serverError(status: Int)
    /// Hold the request; `applied`: process a write first.
    case hang(applied: Bool)
    /// Close the connection; `applied`: process a write first; `partial`: after sending the head and part of a
    /// body (else before sending anything).
    case drop(applied: Bool, partial: Bool)
    /// Process normally, then break the body.
    case malformed

    /// Draws the decision for one request: one uniform draw picks the kind by the spec's rates, in the order
    /// 5xx, hang, drop, malformed; then extra draws for the 5xx status, whether a hung or dropped write was applied
    /// (writes only) and whether a drop happens after a partial answer.
    static func draw(_ spec: FaultSpec, isWrite: Bool, using rng: inout SplitMix64) -> FaultDecision {
        let roll = rng.nextDouble()
        var threshold = spec.serverErrorRate
        if roll < threshold { return .serverError(status: rng.pick([500, 502, 503, 504])) }
        threshold += spec.hangRate
        if roll < threshold { return .hang(applied: isWrite && rng.chance(0.5)) }
        threshold += spec.dropRate
        if roll < threshold {
            let applied = isWrite && rng.chance(0.5)
            return .drop(applied: applied, partial: rng.chance(0.5))
        }
        threshold += spec.malformedRate
        if roll < threshold { return .malformed }
        return .none
    }

    var kind: FaultKind? {
        switch self {
        case .none: return nil
        case .serverError: return .serverError
        case .hang: return .hang
        case .drop: return .drop
        case .malformed: return .malformed
        }
    }
}
