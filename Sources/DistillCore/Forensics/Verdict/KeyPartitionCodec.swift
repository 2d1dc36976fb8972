import Foundation

/// The byte layouts of one partition of an ``NGramKeySet`` in the store.
///
/// - ``words32`` (store format 1): 256 little-endian `UInt32` counts, one per value of bits 55…48,
///   then one little-endian `UInt32` per key holding bits 47…16, sorted: 4 bytes a key.
/// - ``eliasFano`` (store format 2): the 40-bit suffixes *v* (bits 55…16) of the *n* sorted keys as an
///   Elias–Fano sequence (Elias 1974, Fano 1971; the layout of Vigna 2013, "Quasi-succinct indices"):
///   an 8-byte header (`UInt32` *n*, `UInt8` *l*, three zero bytes), then the low *l* bits of every
///   *v* packed into little-endian `UInt64` words (key *i* at bit *i*·*l*), then the high parts in
///   unary: bit (*v* >> *l*) + *i* set in a bit vector of *n* + 2^(40 − *l*) bits, also `UInt64`
///   words. *l* = ⌊log₂(2⁴⁰ / *n*)⌋, so a key costs *l* + 1 + 2^(40−*l*)/*n* ≤ *l* + 3 bits: 25.7
///   bits for the 78,000 keys of a partition of a 20-million-key set, against 32 for `words32`.
///   Every unused bit is zero, so a set has exactly one encoding.
public enum KeyPartitionEncoding: Sendable, Hashable {
    case words32
    case eliasFano
}

extension NGramKeySet {
    /// Bits of a key below its partition byte that the store keeps (bits 55…16).
    static let suffixBits = 40

    /// Encodes one partition's sorted distinct keys (all of partition `partition(k)`, low 16 bits zero).
    /// - Complexity: O(keys).
    public static func encode(_ keys: [UInt64], as encoding: KeyPartitionEncoding) -> Data {
        switch encoding {
        case .words32: return encode(keys)
        case .eliasFano: return encodeEliasFano(keys)
        }
    }

    /// Decodes one partition; nil when the bytes are not a valid encoding of sorted distinct keys of
    /// `partition`.
    /// - Complexity: O(keys).
    public static func decode(_ data: Data, partition: Int, encoding: KeyPartitionEncoding) -> [UInt64]? {
        switch encoding {
        case .words32: return decode(data, partition: partition)
        case .eliasFano:
            var keys: [UInt64] = []
            return decodeEliasFano(data, partition: partition, into: &keys) ? keys : nil
        }
    }

    /// The number of low bits per key for `n` keys: ⌊log₂(2⁴⁰ / n)⌋ (0 for none: an empty partition is its header alone).
    static func eliasFanoLowBits(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        var l = 0
        while l < suffixBits && UInt64(n) << UInt64(l + 1) <= 1 << UInt64(suffixBits) { l += 1 }
        return l
    }

    /// The length of the high bit vector: none for an empty partition.
    static func eliasFanoHighBits(count n: Int, lowBits l: Int) -> Int {
        n == 0 ? 0 : n + (1 << (suffixBits - l))
    }

    static func eliasFanoEncodedSize(count n: Int, lowBits l: Int) -> Int {
        8 + 8 * ((n * l + 63) / 64) + 8 * ((eliasFanoHighBits(count: n, lowBits: l) + 63) / 64)
    }

    static func encodeEliasFano(_ keys: [UInt64]) -> Data {
        let n = keys.count
        let l = eliasFanoLowBits(n)
        let lowWords = (n * l + 63) / 64
        let highWords = (eliasFanoHighBits(count: n, lowBits: l) + 63) / 64
        var words = [UInt64](repeating: 0, count: 1 + lowWords + highWords)
        words[0] = UInt64(UInt32(truncatingIfNeeded: n)) | UInt64(l) << 32
        let suffixMask: UInt64 = (1 << UInt64(suffixBits)) - 1
        let lowMask: UInt64 = l == 0 ? 0 : (1 << UInt64(l)) - 1
        for (i, k) in keys.enumerated() {
            let v = (k >> 16) & suffixMask
            if l > 0 {
                let low = v & lowMask
                let bit = i * l
                words[1 + bit >> 6] |= low << UInt64(bit & 63)
                if bit & 63 + l > 64 { words[1 + bit >> 6 + 1] |= low >> UInt64(64 - bit & 63) }
            }
            let position = Int(v >> UInt64(l)) + i
            words[1 + lowWords + position >> 6] |= 1 << UInt64(position & 63)
        }
        for i in words.indices { words[i] = words[i].littleEndian }
        return words.withUnsafeBytes { Data($0) }
    }

    /// Decodes an Elias–Fano partition into `keys` (replacing its contents, reusing its capacity).
    /// - Returns: false (contents unspecified) when the bytes are not the one encoding of sorted
    ///   distinct keys: wrong length, a header or padding bit set, too many or too few keys, a key
    ///   past 2⁴⁰ or equal to the one before.
    /// - Complexity: O(keys + 2^(40−l)/64) word reads.
    public static func decodeEliasFano(_ data: Data, partition: Int, into keys: inout [UInt64]) -> Bool {
        keys.removeAll(keepingCapacity: true)
        guard data.count >= 8, (0..<partitionCount).contains(partition) else { return false }
        return data.withUnsafeBytes { raw -> Bool in
            func word(_ i: Int) -> UInt64 {
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            }
            let header = word(0)
            let n = Int(header & 0xFFFF_FFFF)
            let l = Int(header >> 32)
            guard l <= suffixBits, l == eliasFanoLowBits(n), data.count == eliasFanoEncodedSize(count: n, lowBits: l)
            else { return false }
            let lowWords = (n * l + 63) / 64
            let highBits = eliasFanoHighBits(count: n, lowBits: l)
            let highWords = (highBits + 63) / 64
            // Padding after the last low value and after the high bit vector must be zero.
            if n * l % 64 != 0 && word(lowWords) >> UInt64(n * l % 64) != 0 { return false }
            if highBits % 64 != 0 && word(lowWords + highWords) >> UInt64(highBits % 64) != 0 { return false }
            keys.reserveCapacity(n)
            let top = UInt64(partition) << 56
            let lowMask: UInt64 = l == 0 ? 0 : (1 << UInt64(l)) - 1
            let highLimit = UInt64(1) << UInt64(suffixBits - l)
            // The low parts are read in order through a 64-bit buffer refilled one word at a time.
            var lowWord = 1
            var buffer: UInt64 = 0
            var buffered = 0
            var i = 0
            var previous: UInt64 = 0
            for w in 0..<highWords {
                var bits = word(1 + lowWords + w)
                while bits != 0 {
                    guard i < n else { return false }
                    let high = UInt64(w * 64 + bits.trailingZeroBitCount - i)
                    bits &= bits - 1
                    guard high < highLimit else { return false }
                    var low: UInt64 = 0
                    if l > 0 {
                        if buffered >= l {
                            low = buffer & lowMask
                            buffer >>= UInt64(l)
                            buffered -= l
                        } else {
                            let next = word(lowWord)
                            lowWord += 1
                            low = (buffer | next << UInt64(buffered)) & lowMask
                            let used = l - buffered
                            buffer = next >> UInt64(used)
                            buffered = 64 - used
                        }
                    }
                    let v = high << UInt64(l) | low
                    if i > 0 && v <= previous { return false }
                    previous = v
                    keys.append(top | v << 16)
                    i += 1
                }
            }
            return i == n
        }
    }
}

/// A reference's n-gram keys of one width as the store holds them: 256 partitions, each decoded only
/// when a reader asks for it, so a scorer holds the encoded set and one decoded partition per thread
/// rather than the whole decoded set.
public struct KeyPartitions: Sendable {
    let decoded: [[UInt64]]?
    let blobs: [Data]
    /// Reads partition `p`'s blob when a reader asks for it (checksum checked), instead of `blobs`.
    let loader: (@Sendable (Int) throws -> Data)?
    let encoding: KeyPartitionEncoding
    /// What a reader throws when a partition does not decode.
    let damage: any Error & Sendable

    /// Partitions already decoded (memory sources, tests).
    /// - Complexity: O(1).
    public init(decoded partitions: [[UInt64]]) {
        precondition(partitions.count == NGramKeySet.partitionCount)
        self.decoded = partitions
        self.blobs = []
        self.loader = nil
        self.encoding = .eliasFano
        self.damage = CancellationError()
    }

    /// Encoded partitions; `damage` is thrown by readers when one does not decode.
    /// - Complexity: O(1).
    public init(encoded blobs: [Data], encoding: KeyPartitionEncoding, damage: any Error & Sendable) {
        precondition(blobs.count == NGramKeySet.partitionCount)
        self.decoded = nil
        self.blobs = blobs
        self.loader = nil
        self.encoding = encoding
        self.damage = damage
    }

    /// Encoded partitions read one at a time by `loader` (partition number → blob) when a reader asks
    /// for them, so a scorer holds one encoded and one decoded partition per thread, not the set.
    /// `damage` is thrown when a partition does not decode; `loader`'s own errors (missing row, checksum
    /// mismatch) are thrown as they are.
    /// - Complexity: O(1).
    public init(
        loader: @escaping @Sendable (Int) throws -> Data, encoding: KeyPartitionEncoding,
        damage: any Error & Sendable
    ) {
        self.decoded = nil
        self.blobs = []
        self.loader = loader
        self.encoding = encoding
        self.damage = damage
    }

    /// Calls `body` with the sorted keys of partition `p`, decoding into `scratch` when they are
    /// encoded; nil when the partition cannot be read or does not decode (``partition(_:scratch:_:)``
    /// says which).
    /// - Complexity: O(keys of the partition).
    public func withPartition<R>(
        _ p: Int, scratch: inout [UInt64], _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) -> R? {
        try? partition(p, scratch: &scratch, body)
    }

    /// Calls `body` with the sorted keys of partition `p`, decoding into `scratch` when they are
    /// encoded.
    /// - Throws: `damage` when the partition does not decode; the loader's error when it cannot be read.
    /// - Complexity: O(keys of the partition).
    public func partition<R>(
        _ p: Int, scratch: inout [UInt64], _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) throws -> R {
        if let decoded { return decoded[p].withUnsafeBufferPointer(body) }
        let blob = try loader.map { try $0(p) } ?? blobs[p]
        switch encoding {
        case .eliasFano:
            guard NGramKeySet.decodeEliasFano(blob, partition: p, into: &scratch) else { throw damage }
        case .words32:
            guard let keys = NGramKeySet.decode(blob, partition: p) else { throw damage }
            scratch = keys
        }
        return scratch.withUnsafeBufferPointer(body)
    }

    /// Every partition decoded.
    /// - Throws: the source's damage error when one does not decode, its loader's when one cannot be read.
    /// - Complexity: O(keys).
    public func all() throws -> [[UInt64]] {
        if let decoded { return decoded }
        var out: [[UInt64]] = []
        var scratch: [UInt64] = []
        for p in 0..<NGramKeySet.partitionCount {
            out.append(try partition(p, scratch: &scratch) { Array($0) })
        }
        return out
    }
}
