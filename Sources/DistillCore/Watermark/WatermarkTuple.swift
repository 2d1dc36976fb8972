/// A scored (seed, token) pair: the unit of deduplication.
///
/// The PRF value of a token depends only on its seed and the token, so two tuples with the same
/// seed and token always score the same: counting both would add no evidence but would be treated
/// as independent by the test. For `chain` seeding the seed is a hash of the context (a bijection
/// for h = 1, collisions ~2⁻⁶⁴ otherwise), so this is the (context, token) rule of DESIGN.md and
/// Sander et al. 2024; for `min` seeding many contexts share a seed (any context holding the token
/// whose keyed hash is smallest), and deduplicating on (context, token) alone leaves those repeats
/// in and makes natural text look watermarked.
struct WatermarkTuple: Hashable, Sendable {
    var seed: UInt64
    var token: UInt64

    /// The shingle hash of `ids[index−h ..< index]`: how a context is identified for the prompt and
    /// teacher filters.
    @inline(__always)
    static func contextHash(_ ids: UnsafeBufferPointer<UInt64>, before index: Int, contextWidth h: Int) -> UInt64 {
        var c: UInt64 = 0
        for j in (index - h)..<index { c = StableHash.splitmix64(c ^ ids[j]) }
        return c
    }
}
