/// A split-block Bloom filter: each key sets one bit in each of the eight 32-bit words of one
/// 256-bit block, so a probe reads one block (half a cache line) and tests it with one vector compare.
///
/// The layout and the eight odd multipliers that pick the bits are those of the Apache Parquet
/// "split block Bloom filter" specification (parquet-format, BloomFilter.md), after Putze, Sanders &
/// Singler, "Cache-, Hash- and Space-Efficient Bloom Filters" (2007). Blocks are chosen here by the
/// hash's top bits (so a caller that partitions keys by their top bits owns whole blocks), and the
/// bits by its low 32 bits.
///
/// False-positive rate: about 0.4% at 16 bits per key and 1% at 12 (the specification's table); a
/// filter only ever answers "maybe" or "certainly not", so results never depend on it.
public enum BloomKernels {
    @usableFromInline static let salts = SIMD8<UInt32>(
        0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d, 0x7054_95c7, 0x2df1_424b, 0x9efc_4947, 0x5c6b_fb31)

    @inline(__always)
    static func bits(_ hash: UInt64) -> SIMD8<UInt32> {
        let x = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: hash)) &* salts
        return SIMD8<UInt32>(repeating: 1) &<< (x &>> 27)
    }

    /// Sets `hash`'s bits in block `hash >> shift` of `blocks` (eight words per block).
    /// - Complexity: O(1).
    public static func insert(_ hash: UInt64, into blocks: UnsafeMutablePointer<UInt32>, shift: UInt64) {
        let block = UnsafeMutableRawPointer(blocks + Int(truncatingIfNeeded: hash >> shift) &* 8)
        let old = block.loadUnaligned(as: SIMD8<UInt32>.self)
        block.storeBytes(of: old | bits(hash), as: SIMD8<UInt32>.self)
    }

    /// For each hash, 1 when the filter may hold it and 0 when it certainly does not.
    /// - Parameters:
    ///   - blocks: the filter; `hash >> shift` must be a valid block for every hash.
    ///   - maybe: receives one flag per hash; must hold `hashes.count`.
    /// - Complexity: O(*n*), one block read per hash.
    public static func filter(
        _ hashes: UnsafeBufferPointer<UInt64>, blocks: UnsafePointer<UInt32>, shift: UInt64,
        into maybe: UnsafeMutablePointer<UInt8>
    ) {
        let raw = UnsafeRawPointer(blocks)
        for i in 0..<hashes.count {
            let h = hashes[i]
            let block = raw.loadUnaligned(
                fromByteOffset: Int(truncatingIfNeeded: h >> shift) &* 32, as: SIMD8<UInt32>.self)
            let want = bits(h)
            maybe[i] = (block & want) == want ? 1 : 0
        }
    }
}
