import DistillKernels

/// MinHash signatures of shingle sets (Broder 1997, "On the resemblance and containment of
/// documents"): the fraction of equal positions in two signatures estimates the Jaccard similarity
/// of the sets, with standard error √(J(1−J)/k).
///
/// Exact definition, so outside tools can reproduce signatures:
/// - a shingle hash `x` (UInt64) is folded to `v = UInt32(truncating: x ^ (x >> 32))`;
/// - the constants of permutation `i` come from a splitmix64 stream seeded with `seed`:
///   `s = seed; for i in 0..<k { s = splitmix64(s); multiplier[i] = UInt32(s >> 32) | 1;
///   xor[i] = UInt32(truncating: s) }`;
/// - `h_i(v) = (v ^ xor[i]) &* multiplier[i]` (mod 2^32), and `signature[i] = min over the set of h_i`;
///   the empty set's signature is all `UInt32.max`.
public struct MinHasher: Sendable, Hashable {
    /// Number of permutations `k` (64...256, a multiple of 16).
    public let permutations: Int
    public let seed: UInt64
    let xors: [UInt32]
    let multipliers: [UInt32]

    public static let defaultPermutations = 128
    public static let defaultSeed: UInt64 = 1

    /// A hasher with `permutations` permutations drawn from a splitmix64 stream seeded with `seed`.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` when `permutations` is out of range.
    /// - Complexity: O(*k*) for *k* `permutations`.
    public init(permutations: Int = defaultPermutations, seed: UInt64 = defaultSeed) throws(DistillError) {
        guard (64...256).contains(permutations), permutations % MinHashKernel.blockWidth == 0 else {
            throw DistillError.invalidOption(
                name: "permutations", reason: "\(permutations) is not a multiple of 16 between 64 and 256")
        }
        self.permutations = permutations
        self.seed = seed
        var s = seed
        var xors: [UInt32] = []
        var multipliers: [UInt32] = []
        for _ in 0..<permutations {
            s = StableHash.splitmix64(s)
            multipliers.append(UInt32(truncatingIfNeeded: s >> 32) | 1)
            xors.append(UInt32(truncatingIfNeeded: s))
        }
        self.xors = xors
        self.multipliers = multipliers
    }

    /// Folds a 64-bit shingle hash to the 32-bit value the permutations act on.
    /// - Complexity: O(1).
    @inlinable
    public static func fold(_ x: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: x ^ (x >> 32))
    }

    /// The signature of a set of shingle hashes (duplicates do not matter).
    /// - Complexity: O(*s* × *k*) for *s* shingles, with 16 permutations per SIMD operation.
    public func signature(of shingles: [UInt64]) -> [UInt32] {
        var values = shingles.map(Self.fold)
        var out = [UInt32](repeating: .max, count: permutations)
        sign(values: &values, into: &out)
        return out
    }

    /// Writes the signature of folded `values` into `out` (`permutations` slots).
    /// - Complexity: O(*values* × *k*) with 16 permutations per SIMD operation.
    public func sign(values: inout [UInt32], into out: inout [UInt32]) {
        precondition(out.count == permutations)
        for i in 0..<out.count { out[i] = .max }
        values.withUnsafeBufferPointer { v in
            xors.withUnsafeBufferPointer { x in
                multipliers.withUnsafeBufferPointer { m in
                    out.withUnsafeMutableBufferPointer { s in
                        MinHashKernel.update(values: v, xors: x, multipliers: m, signature: s)
                    }
                }
            }
        }
    }

    /// Writes the signature of folded `values` into `out`, which must hold `permutations` slots.
    /// - Complexity: O(*values* × *k*) with 16 permutations per SIMD operation.
    public func sign(values: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableBufferPointer<UInt32>) {
        precondition(out.count == permutations)
        out.update(repeating: .max)
        xors.withUnsafeBufferPointer { x in
            multipliers.withUnsafeBufferPointer { m in
                MinHashKernel.update(values: values, xors: x, multipliers: m, signature: out)
            }
        }
    }

    /// The Jaccard estimate of two signatures: equal positions / k.
    /// - Complexity: O(*k*).
    public static func estimate(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        Double(MinHashKernel.equalCount(a, b)) / Double(a.count)
    }

    /// The Jaccard estimate of two signatures: equal positions / k.
    /// - Complexity: O(*k*).
    public static func estimate(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in estimate(pa, pb) } }
    }

    /// Standard error of a MinHash estimate of Jaccard `j` with `k` permutations.
    /// - Complexity: O(1).
    public static func standardError(jaccard j: Double, permutations k: Int) -> Double {
        (j * (1 - j) / Double(k)).squareRoot()
    }
}
