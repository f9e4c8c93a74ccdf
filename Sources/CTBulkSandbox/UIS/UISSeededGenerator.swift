/// The UIS fake's generator: the sandbox's SplitMix64 (so the same seed always makes the same account), with the
/// weighted choices the seeded dataset needs.
struct UISSeededGenerator: RandomNumberGenerator, Sendable {
    private var base: SplitMix64

    init(seed: UInt64) { base = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { base.next() }

    /// A value chosen by weight: `[("active", 80), ("waiting", 4)]`.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var pick = Int.random(in: 0..<total, using: &self)
        for (value, weight) in choices {
            if pick < weight { return value }
            pick -= weight
        }
        return choices[choices.count - 1].0
    }

    /// True with the given probability in percent.
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
}
