@_spi(Worlds) import Comity
/// A small deterministic random number generator (SplitMix64) for synthetic worlds.
///
/// The standard library's `random(in:using:)` may change its algorithm between Swift
/// releases; the helpers here are defined in terms of `next()` alone, so the same seed
/// gives the same world on every platform and toolchain.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`, uniformly (rejection sampling, no modulo bias).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let limit = UInt64.max - UInt64.max % span
        var x = next()
        while x >= limit { x = next() }
        return range.lowerBound + Int(x % span)
    }

    /// A number in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An index chosen in proportion to `weights`.
    public mutating func index(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }

    /// An element chosen in proportion to its weight.
    public mutating func pick<T>(_ choices: [(T, Double)]) -> T { choices[index(weights: choices.map(\.1))].0 }

    /// An element chosen uniformly.
    public mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// A gap in days drawn from an exponential distribution with the given mean, at least `minimum`.
    public mutating func gap(mean: Double, minimum: Int = 1) -> Int {
        let u = max(unit(), 1e-12)
        return max(minimum, Int((-mean * log(u)).rounded()))
    }

    private func log(_ x: Double) -> Double {
        // ln by range reduction and a series; Foundation-free and identical everywhere.
        var m = x
        var e = 0.0
        while m > 2 { m /= 2; e += 1 }
        while m < 1 { m *= 2; e -= 1 }
        let y = (m - 1) / (m + 1)
        let y2 = y * y
        var term = y
        var sum = 0.0
        var k = 1.0
        while k < 60 {
            sum += term / k
            term *= y2
            k += 2
        }
        return 2 * sum + e * 0.693_147_180_559_945_3
    }
}
