/// PyTorch's CPU sampling routines that deployed watermarks build on, reproduced bit for bit from an
/// ``MT19937`` seeded like `torch.Generator().manual_seed(seed)`.
///
/// Algorithms (PyTorch `aten/src/ATen/native/TensorFactories.cpp`, `randperm_cpu`, and
/// `ATen/core/DistributionsHelper.h`, `uniform_int_from_to_distribution`; checked against torch 2.15.0
/// by `scripts/watermark_vectors.py`):
/// - `torch.randperm(n, generator=g)` for `n < 2^32 / 20`: `r = [0, 1, …, n−1]`; for `i` in `0 ..< n−1`,
///   `z = g.random() % (n − i)`, swap `r[i]` and `r[i + z]` (a forward Fisher–Yates shuffle whose
///   modulo bias PyTorch accepts). Larger `n` switch to 64-bit draws and are refused here.
/// - `torch.randint(low, high, (count,), generator=g)` with `high − low < 2^32`:
///   `low + g.random() % (high − low)`, one draw per element, in order.
public enum TorchCPURandom {
    /// The largest `n` for which `randperm` uses 32-bit draws (PyTorch's `n < UINT32_MAX / 20`).
    public static let maximumPermutationSize = Int(UInt32.max / 20) - 1

    /// `torch.randperm(n, generator=torch.Generator().manual_seed(seed))` on the CPU.
    /// - Parameters:
    ///   - n: The permutation size, `1 ... maximumPermutationSize`.
    ///   - seed: The `manual_seed` argument (low 32 bits used).
    /// - Returns: The permutation of `0 ..< n`.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` when `n` is out of range.
    /// - Complexity: O(*n*).
    public static func randperm(_ n: Int, seed: UInt64) throws(DistillError) -> [Int32] {
        try randpermPrefix(n, count: n, seed: seed)
    }

    /// The first `count` elements of `torch.randperm(n, …)` (the same values as the full permutation's
    /// prefix): the forward shuffle fixes position `i` at step `i`, so it stops after `count` steps.
    /// - Parameters:
    ///   - n: The permutation size, `1 ... maximumPermutationSize`.
    ///   - count: How many leading elements to return, `0 ... n`.
    ///   - seed: The `manual_seed` argument (low 32 bits used).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` when `n` or `count` is out of range.
    /// - Complexity: O(*n*) time and memory (the index array), O(`count`) generator draws.
    public static func randpermPrefix(_ n: Int, count: Int, seed: UInt64) throws(DistillError) -> [Int32] {
        guard n >= 1, n <= maximumPermutationSize else {
            throw DistillError.invalidOption(
                name: "vocabulary size", reason: "must be between 1 and \(maximumPermutationSize), got \(n)")
        }
        guard count >= 0, count <= n else {
            throw DistillError.invalidOption(name: "count", reason: "must be between 0 and \(n), got \(count)")
        }
        var generator = MT19937(seed: seed)
        var r = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            let p = buffer.baseAddress!
            for i in 0..<n { p[i] = Int32(truncatingIfNeeded: i) }
            initialized = n
        }
        let steps = Swift.min(count, n - 1)
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: MT19937.stateCount)
        defer { block.deallocate() }
        r.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            var i = 0
            while i < steps {
                generator.nextBlock(into: block)
                let end = Swift.min(steps, i + MT19937.stateCount)
                var k = 0
                while i < end {
                    let z = Int(block[k] % UInt32(truncatingIfNeeded: n - i))
                    let t = p[i]
                    p[i] = p[i + z]
                    p[i + z] = t
                    i += 1
                    k += 1
                }
            }
        }
        if count < n { r.removeSubrange(count...) }
        return r
    }

    /// `torch.randint(low, high, (count,), generator=torch.Generator().manual_seed(seed))` on the CPU.
    /// - Parameters:
    ///   - low: Inclusive lower bound.
    ///   - high: Exclusive upper bound, `low < high`, `high − low < 2^32`.
    ///   - count: Number of values.
    ///   - seed: The `manual_seed` argument (low 32 bits used).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` for an empty or too wide range.
    /// - Complexity: O(`count`).
    public static func randint(low: Int64, high: Int64, count: Int, seed: UInt64) throws(DistillError) -> [Int64] {
        let range = high.subtractingReportingOverflow(low)
        guard high > low, !range.overflow, range.partialValue < (1 << 32), count >= 0 else {
            throw DistillError.invalidOption(
                name: "randint range", reason: "needs low < high, high - low < 2^32 and count >= 0")
        }
        let width = UInt32(truncatingIfNeeded: range.partialValue)
        var generator = MT19937(seed: seed)
        return (0..<count).map { _ in low + Int64(generator.next() % width) }
    }
}
