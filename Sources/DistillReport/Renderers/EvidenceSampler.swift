import DistillCore

/// Picks what a rendering shows of a long ranked list: the first `top` items (the list is ranked
/// strongest first), then a seeded, deterministic sample of `sample` of the rest, so a reader sees
/// both the strongest evidence and what typical evidence looks like. The rest is counted.
public struct EvidenceSampler: Sendable {
    public var top: Int
    public var sample: Int
    public var seed: UInt64

    public init(top: Int, sample: Int, seed: UInt64 = 0x5EED_D157_111E) {
        self.top = top
        self.sample = sample
        self.seed = seed
    }

    /// The indices to show, in list order: `0..<top`, then the `sample` remaining indices with the
    /// smallest `splitmix64(seed ^ index)` (a fixed pseudo-random choice, the same on every run).
    /// - Complexity: O(*n* log *n*) in the list length.
    public func indices(count: Int) -> [Int] {
        let head = Array(0..<min(top, count))
        guard count > top, sample > 0 else { return head }
        let rest = (top..<count).map { (key: StableHash.splitmix64(seed ^ UInt64($0)), index: $0) }
        let chosen = rest.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }.prefix(sample)
        return head + chosen.map(\.index).sorted()
    }
}
