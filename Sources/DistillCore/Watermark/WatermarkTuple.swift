/// A (context, token) tuple, with the context folded into its shingle hash
/// (`StableHash.shingle`; a bijection for h = 1, collision probability ~2⁻⁶⁴ otherwise).
struct WatermarkTuple: Hashable, Sendable {
    var context: UInt64
    var token: UInt64

    @inline(__always)
    init(_ ids: UnsafeBufferPointer<UInt64>, at index: Int, contextWidth h: Int) {
        context = WatermarkTuple.contextHash(ids, before: index, contextWidth: h)
        token = ids[index]
    }

    /// The shingle hash of `ids[index−h ..< index]`.
    @inline(__always)
    static func contextHash(_ ids: UnsafeBufferPointer<UInt64>, before index: Int, contextWidth h: Int) -> UInt64 {
        var c: UInt64 = 0
        for j in (index - h)..<index { c = StableHash.splitmix64(c ^ ids[j]) }
        return c
    }
}
