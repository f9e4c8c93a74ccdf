/// SplitMix64: a small, fast, seedable generator. Every sandbox decision that must be reproducible (generated
/// state, fault injection) draws from one of these, never from the system generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniformly distributed in `0..<1`.
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// An integer in `0..<bound` (bound > 0). The modulo bias is irrelevant at our bounds.
    mutating func nextInt(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { nextDouble() < probability }

    /// One element of a non-empty array.
    mutating func pick<T>(_ options: [T]) -> T { options[nextInt(below: options.count)] }
}
