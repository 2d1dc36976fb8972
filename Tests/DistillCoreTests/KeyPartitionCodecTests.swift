import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The store's n-gram key partition encodings (``KeyPartitionEncoding``): every sorted distinct set of
/// keys of a partition round-trips, the Elias–Fano form has the size its layout says, and damage is
/// rejected rather than decoded into keys.
@Suite struct KeyPartitionCodecTests {
    static let suffixMask: UInt64 = (1 << 40) - 1

    /// The key of partition `p` with 40-bit suffix `v`.
    static func key(_ p: Int, _ v: UInt64) -> UInt64 { UInt64(p) << 56 | (v & suffixMask) << 16 }

    static func sortedDistinct(_ keys: [UInt64]) -> [UInt64] {
        var out: [UInt64] = []
        for k in keys.sorted() where out.last != k { out.append(k) }
        return out
    }

    /// Sets of a partition: empty, one key (smallest, largest), the extremes together, dense runs,
    /// runs at the top of the range, uniform sets of many sizes, and clustered sets.
    static func cases(partition p: Int, seed: UInt64) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        var sets: [[UInt64]] = [
            [], [key(p, 0)], [key(p, suffixMask)], [key(p, 0), key(p, suffixMask)],
            (0..<1000).map { key(p, UInt64($0)) },
            (0..<777).map { key(p, suffixMask - UInt64($0)) }.reversed(),
            (0..<4096).map { key(p, 1 << 20 + UInt64($0) * 3) },
        ]
        for n in [2, 3, 63, 64, 65, 1000, 78_000, 200_000] {
            sets.append(sortedDistinct((0..<n).map { _ in key(p, UInt64.random(in: 0...suffixMask, using: &rng)) }))
        }
        // Clusters: dense bursts far apart (gaps of both extremes in one sequence).
        var clustered: [UInt64] = []
        for _ in 0..<20 {
            let start = UInt64.random(in: 0...(suffixMask - 500), using: &rng)
            clustered += (0..<UInt64.random(in: 1...400, using: &rng)).map { key(p, start + $0) }
        }
        sets.append(sortedDistinct(clustered))
        return sets
    }

    @Test(arguments: [0, 1, 127, 255])
    func everySetRoundTripsInBothEncodings(partition p: Int) throws {
        for (i, keys) in Self.cases(partition: p, seed: 17 + UInt64(p)).enumerated() {
            for encoding in [KeyPartitionEncoding.words32, .eliasFano] {
                let data = NGramKeySet.encode(keys, as: encoding)
                #expect(NGramKeySet.decode(data, partition: p, encoding: encoding) == keys, "case \(i) \(encoding)")
            }
            let data = NGramKeySet.encode(keys, as: .eliasFano)
            // The layout's size: header, n·l low bits, n + 2^(40−l) high bits, in 64-bit words.
            let n = keys.count
            var l = 0
            while n > 0 && l < 40 && UInt64(n) << UInt64(l + 1) <= 1 << 40 { l += 1 }
            let high = n == 0 ? 0 : n + (1 << (40 - l))
            #expect(data.count == 8 + 8 * ((n * l + 63) / 64) + 8 * ((high + 63) / 64), "case \(i)")
            // Decoding into a reused buffer gives the same keys.
            var scratch: [UInt64] = [1, 2, 3]
            #expect(NGramKeySet.decodeEliasFano(data, partition: p, into: &scratch) && scratch == keys)
            #expect(NGramKeySet.decode(data, partition: (p + 1) % 256, encoding: .eliasFano) != keys || keys.isEmpty)
        }
    }

    /// A partition of 78,000 uniform keys (a 20-million-key set's share) costs under 3.25 bytes a key.
    @Test func uniformKeysCostAboutTwentySixBits() {
        var rng = RepeatableRandomNumberGenerator(seed: 5)
        let keys = Self.sortedDistinct(
            (0..<78_000).map { _ in Self.key(9, UInt64.random(in: 0...Self.suffixMask, using: &rng)) })
        let data = NGramKeySet.encode(keys, as: .eliasFano)
        #expect(Double(data.count * 8) / Double(keys.count) < 26.0)
        #expect(NGramKeySet.encode(keys, as: .words32).count == 1024 + 4 * keys.count)
    }

    @Test func damageIsRejected() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 23)
        let keys = Self.sortedDistinct(
            (0..<5000).map { _ in Self.key(3, UInt64.random(in: 0...Self.suffixMask, using: &rng)) })
        let data = NGramKeySet.encode(keys, as: .eliasFano)
        func decodes(_ d: Data) -> [UInt64]? { NGramKeySet.decode(d, partition: 3, encoding: .eliasFano) }
        #expect(decodes(data) == keys)
        #expect(decodes(data.dropLast(8)) == nil)
        #expect(decodes(data + Data(count: 8)) == nil)
        #expect(decodes(Data()) == nil)
        #expect(decodes(Data(count: 7)) == nil)
        // The empty set is its header alone; anything after it, or a bit in the padding bytes, is not.
        #expect(decodes(Data(count: 8)) == [])
        #expect(decodes(Data(count: 16)) == nil)
        var padded = data
        padded[6] = 1
        #expect(decodes(padded) == nil)
        // A different key count or low-bit width in the header.
        var count = data
        count[0] ^= 1
        #expect(decodes(count) == nil)
        var width = data
        width[4] += 1
        #expect(decodes(width) == nil)
        // Any single flipped bit decodes to nil or to another valid sorted distinct set, never a trap.
        for _ in 0..<2000 {
            var flipped = data
            let bit = Int.random(in: 0..<(data.count * 8), using: &rng)
            flipped[bit / 8] ^= UInt8(1 << (bit % 8))
            if let other = decodes(flipped) {
                #expect(other != keys)
                #expect(other == Self.sortedDistinct(other) && other.allSatisfy { $0 >> 56 == 3 && $0 & 0xFFFF == 0 })
            }
        }
        // Two equal keys: the layout can hold them (same high and low part), the decoder refuses them.
        let twice = [keys[0], keys[0]]
        #expect(decodes(NGramKeySet.encode(twice, as: .eliasFano)) == nil)
        // Garbage with a plausible header.
        for seed in 0..<50 {
            var g = RepeatableRandomNumberGenerator(seed: UInt64(seed))
            var bytes = Data((0..<data.count).map { _ in UInt8.random(in: 0...255, using: &g) })
            bytes.replaceSubrange(0..<8, with: data[0..<8])
            if let other = decodes(bytes) { #expect(other == Self.sortedDistinct(other)) }
        }
    }

    /// Encoded partitions read one at a time give the decoded set; a damaged one throws the source's error.
    @Test func keyPartitionsDecodeLazily() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 31)
        let parts: [[UInt64]] = (0..<256).map { p in
            Self.sortedDistinct(
                (0..<Int.random(in: 0...300, using: &rng)).map { _ in
                    Self.key(p, UInt64.random(in: 0...Self.suffixMask, using: &rng))
                })
        }
        struct Damaged: Error, Equatable {}
        for encoding in [KeyPartitionEncoding.words32, .eliasFano] {
            var blobs = parts.map { NGramKeySet.encode($0, as: encoding) }
            let source = KeyPartitions(encoded: blobs, encoding: encoding, damage: Damaged())
            #expect(try source.all() == parts)
            blobs[200] = Data([1, 2, 3])
            #expect(throws: Damaged()) {
                try KeyPartitions(encoded: blobs, encoding: encoding, damage: Damaged()).all()
            }
        }
        #expect(try KeyPartitions(decoded: parts).all() == parts)
    }
}
