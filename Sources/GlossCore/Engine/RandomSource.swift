import Synchronization

/// Where the engine gets its dice rolls (Logic RandomSample, queue choice). Injected so tests
/// can replay a sequence.
public protocol RandomSource: Sendable {
    /// A uniform value in [0, 1).
    func unit() -> Double
}

/// The system generator.
public struct SystemRandomSource: RandomSource {
    /// Creates the source.
    public init() {}
    public func unit() -> Double { Double.random(in: 0..<1) }
}

/// A deterministic generator (SplitMix64) for tests: the same seed gives the same rolls.
public final class SeededRandomSource: RandomSource {
    private let state: Mutex<UInt64>
    /// Creates a generator from `seed`.
    public init(seed: UInt64) { state = Mutex(seed) }
    public func unit() -> Double {
        let bits = state.withLock { s -> UInt64 in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}

extension RandomSource {
    /// `items` in random order (Fisher-Yates).
    public func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = min(i, Int(unit() * Double(i + 1)))
            items.swapAt(i, j)
        }
        return items
    }
}
