import Foundation

/// A reference's distinct word n-grams as sorted 48-bit keys, split by their top 8 bits into 256
/// partitions: the compact set the store keeps and scoring merge-joins against.
///
/// Definition: the key of an n-gram hash `h` (``StableHash/shingle(_:)``) is `h & ~0xFFFF`, its top
/// 48 bits. Two different n-grams share a key with probability 2⁻⁴⁸, so a lookup of an n-gram that is
/// not in a set of *D* distinct keys falsely matches with probability about *D* / 2⁴⁸ (7.5·10⁻⁸ for
/// 21 million keys): a documented false-positive rate far below any signal's null rate.
///
/// Encodings of one partition: ``KeyPartitionEncoding`` (the store writes Elias–Fano sequences,
/// about 3.2 bytes a key; ``encode(_:)`` is the 4-byte `UInt32` layout of store format 1).
public struct NGramKeySet: Sendable, Hashable {
    /// The number of partitions (top 8 bits of a key).
    public static let partitionCount = 256
    static let headerBytes = 256 * 4

    /// The n-gram width.
    public let n: Int
    /// Sorted distinct keys of each partition.
    public var partitions: [[UInt64]]

    /// The key of an n-gram hash.
    /// - Complexity: O(1).
    @inline(__always)
    public static func key(_ hash: UInt64) -> UInt64 { hash & ~0xFFFF }

    /// The partition of a key.
    /// - Complexity: O(1).
    @inline(__always)
    public static func partition(_ key: UInt64) -> Int { Int(key >> 56) }

    /// The number of distinct keys.
    public var count: Int { partitions.reduce(0) { $0 + $1.count } }

    /// Wraps ``partitionCount`` partitions of sorted distinct keys.
    /// - Complexity: O(1); O(keys) when internal checks are on.
    public init(n: Int, partitions: [[UInt64]]) {
        precondition(partitions.count == Self.partitionCount)
        self.n = n
        self.partitions = partitions
        if InternalChecks.enabled {
            for (p, keys) in partitions.enumerated() {
                InternalChecks.require(InternalChecks.strictlyIncreasing(keys), "n-gram key partition \(p) not sorted")
                InternalChecks.require(
                    keys.allSatisfy { Self.partition($0) == p && $0 & 0xFFFF == 0 },
                    "n-gram key in partition \(p) is not a key of that partition")
            }
        }
    }

    /// The distinct n-gram keys of `documents` (word ids).
    /// - Complexity: O(total tokens × *n*) hashing, then sorting each partition: O(*D* log(*D*/256)).
    public init(documents: [[UInt64]], n: Int, threads: Int) {
        self = Self.build(documents: documents, n: n, commonMinDocuments: 0, threads: threads).all
    }

    /// The distinct n-gram keys of `documents`, and those of them that occur in at least
    /// `commonMinDocuments` distinct documents (the corpus's own boilerplate; none when 0).
    /// - Complexity: O(total tokens × *n*) hashing and a sort per document, then sorting each partition.
    public static func build(documents: [[UInt64]], n: Int, commonMinDocuments: Int, threads: Int)
        -> (all: NGramKeySet, common: NGramKeySet)
    {
        let slices = max(1, min(documents.count, threads * 4))
        let buckets: [[[UInt64]]] = Parallel.map(count: slices, threads: threads) { s in
            var out = [[UInt64]](repeating: [], count: Self.partitionCount)
            var keys: [UInt64] = []
            for d in (documents.count * s / slices)..<(documents.count * (s + 1) / slices) {
                keys = Shingler.hashes(of: documents[d], n: n).map(Self.key)
                keys.sort()
                for (i, k) in keys.enumerated() where i == 0 || keys[i - 1] != k {
                    out[Self.partition(k)].append(k)
                }
            }
            return out
        }
        let parts: [([UInt64], [UInt64])] = Parallel.map(count: Self.partitionCount, threads: threads) { p in
            var keys: [UInt64] = []
            keys.reserveCapacity(buckets.reduce(0) { $0 + $1[p].count })
            for b in buckets { keys.append(contentsOf: b[p]) }
            keys.sort()
            var distinct: [UInt64] = []
            var common: [UInt64] = []
            var i = 0
            while i < keys.count {
                var j = i + 1
                while j < keys.count && keys[j] == keys[i] { j += 1 }
                distinct.append(keys[i])
                if commonMinDocuments > 0 && j - i >= commonMinDocuments { common.append(keys[i]) }
                i = j
            }
            return (distinct, common)
        }
        return (NGramKeySet(n: n, partitions: parts.map(\.0)), NGramKeySet(n: n, partitions: parts.map(\.1)))
    }

    /// Encodes one partition's sorted keys in the `UInt32` layout of store format 1
    /// (``KeyPartitionEncoding/words32``).
    /// - Complexity: O(keys).
    public static func encode(_ keys: [UInt64]) -> Data {
        var words = [UInt32](repeating: 0, count: 256 + keys.count)
        for (i, k) in keys.enumerated() {
            words[Int((k >> 48) & 0xFF)] += 1
            words[256 + i] = UInt32(truncatingIfNeeded: k >> 16)
        }
        for i in words.indices { words[i] = words[i].littleEndian }
        return words.withUnsafeBytes { Data($0) }
    }

    /// Decodes one partition; nil when the bytes are not a valid encoding (wrong length, counts that
    /// do not add up, or keys out of order).
    /// - Complexity: O(keys).
    public static func decode(_ data: Data, partition: Int) -> [UInt64]? {
        guard data.count >= headerBytes, (data.count - headerBytes) % 4 == 0, (0..<256).contains(partition) else {
            return nil
        }
        let total = (data.count - headerBytes) / 4
        return data.withUnsafeBytes { raw -> [UInt64]? in
            var keys = [UInt64](repeating: 0, count: total)
            var next = 0
            for sub in 0..<256 {
                let count = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: sub * 4, as: UInt32.self)))
                guard count <= total - next else { return nil }
                let high = UInt64(partition) << 56 | UInt64(sub) << 48
                for _ in 0..<count {
                    let low = UInt32(
                        littleEndian: raw.loadUnaligned(fromByteOffset: headerBytes + next * 4, as: UInt32.self))
                    let key = high | UInt64(low) << 16
                    if next > 0 && keys[next - 1] >= key { return nil }
                    keys[next] = key
                    next += 1
                }
            }
            return next == total ? keys : nil
        }
    }

}
