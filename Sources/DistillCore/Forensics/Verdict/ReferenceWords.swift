import Dispatch
import Foundation

/// A reference's documents as word ids, coded compactly: what a store of format 3 keeps instead of the
/// reference's n-gram key sets. The keys of every width are a function of the word sequences
/// (``Shingler``, ``NGramKeySet/key(_:)``), so scoring hashes the reference's windows again and looks
/// them up among the query's keys: the same membership, from about 1.6 bytes a token instead of 3.2
/// bytes a distinct key per width.
///
/// Encoding (little-endian): `"DSW1"`; the document and token counts (`UInt64` each); the vocabulary
/// size, the documents per block and the block count (`UInt32` each); the vocabulary (`UInt64` word
/// ids, most frequent first, ties by id); per block its size in bytes and its token count (`UInt32`
/// each); then the blocks, each the block's document lengths and then its tokens' vocabulary ranks,
/// as LEB128 varints (frequent words take one byte). Blocks decode independently, so readers decode
/// one block per thread and never hold the reference's word ids whole. (Not compressed further:
/// zlib saved 15% of the size and tripled the decoding time.)
public struct ReferenceWords: Sendable {
    /// Documents per block.
    public static let defaultBlockDocuments = 4_096
    static let magic: [UInt8] = Array("DSW1".utf8)
    static let headerBytes = 4 + 8 + 8 + 4 + 4 + 4

    public let documentCount: Int
    public let tokenCount: Int
    let vocabulary: [UInt64]
    let blockDocuments: Int
    /// Per block: the offset of its bytes in `data`, their count, its tokens.
    let blocks: [(offset: Int, bytes: Int, tokens: Int)]
    let data: Data
    /// What readers throw when a block does not decode (a source sets one that names the reference).
    public var damage: any Error & Sendable = DistillError.unreadable(
        path: "reference word streams", reason: "a block does not decode")

    /// The number of blocks.
    public var blockCount: Int { blocks.count }
    /// The encoded size in bytes.
    public var byteCount: Int { data.count }

    /// The encoding of `documents` (word ids), blocks written in parallel.
    /// - Complexity: O(tokens) to rank the vocabulary and write the varints.
    public static func encode(
        documents: [[UInt64]], blockDocuments: Int = defaultBlockDocuments, threads: Int = 1
    ) -> Data {
        precondition(blockDocuments >= 1)
        var frequency: [UInt64: Int] = [:]
        var tokens = 0
        for d in documents {
            tokens += d.count
            for w in d { frequency[w, default: 0] += 1 }
        }
        let vocabulary = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var rank: [UInt64: UInt32] = [:]
        rank.reserveCapacity(vocabulary.count)
        for (i, w) in vocabulary.enumerated() { rank[w] = UInt32(i) }
        let blockCount = (documents.count + blockDocuments - 1) / blockDocuments
        let encoded: [(bytes: [UInt8], tokens: Int)] = Parallel.map(
            count: blockCount, threads: threads
        ) { [rank] b in
            var raw: [UInt8] = []
            let range = (b * blockDocuments)..<min(documents.count, (b + 1) * blockDocuments)
            var count = 0
            for d in range {
                appendVarint(UInt64(documents[d].count), to: &raw)
                count += documents[d].count
            }
            for d in range { for w in documents[d] { appendVarint(UInt64(rank[w]!), to: &raw) } }
            return (raw, count)
        }
        var out = Data(magic)
        appendLE(UInt64(documents.count), to: &out)
        appendLE(UInt64(tokens), to: &out)
        appendLE(UInt32(vocabulary.count), to: &out)
        appendLE(UInt32(blockDocuments), to: &out)
        appendLE(UInt32(blockCount), to: &out)
        for w in vocabulary { appendLE(w, to: &out) }
        for e in encoded {
            appendLE(UInt32(e.bytes.count), to: &out)
            appendLE(UInt32(e.tokens), to: &out)
        }
        for e in encoded { out.append(contentsOf: e.bytes) }
        return out
    }

    /// Parses an encoding's header and block table (the blocks are decoded when read); nil when they
    /// are inconsistent (damage).
    /// - Complexity: O(vocabulary + blocks).
    public init?(decoding data: Data) {
        let bytes = [UInt8](data.prefix(Self.headerBytes))
        guard bytes.count == Self.headerBytes, Array(bytes[0..<4]) == Self.magic else { return nil }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        let (documents, tokens) = (u64(4), u64(12))
        let (vocabularySize, perBlock, blockCount) = (u32(20), u32(24), u32(28))
        guard documents < 1 << 40, tokens < 1 << 48, perBlock >= 1,
            blockCount == (Int(documents) + perBlock - 1) / perBlock
        else { return nil }
        let tableStart = Self.headerBytes + vocabularySize * 8
        let blobStart = tableStart + blockCount * 8
        guard blobStart <= data.count else { return nil }
        var vocabulary = [UInt64](repeating: 0, count: vocabularySize)
        var table = [UInt32](repeating: 0, count: blockCount * 2)
        data.withUnsafeBytes { raw in
            for i in 0..<vocabularySize {
                vocabulary[i] = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: Self.headerBytes + i * 8, as: UInt64.self))
            }
            for i in 0..<(blockCount * 2) {
                table[i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: tableStart + i * 4, as: UInt32.self))
            }
        }
        var blocks: [(offset: Int, bytes: Int, tokens: Int)] = []
        blocks.reserveCapacity(blockCount)
        var offset = blobStart
        var tokenSum = 0
        for b in 0..<blockCount {
            let (size, count) = (Int(table[2 * b]), Int(table[2 * b + 1]))
            let docs = min(perBlock, Int(documents) - b * perBlock)
            // Every value takes at least one byte: a damaged count cannot ask for more memory than
            // the blob justifies.
            guard size >= docs + count, offset + size <= data.count else { return nil }
            blocks.append((offset, size, count))
            offset += size
            tokenSum += count
        }
        guard offset == data.count, tokenSum == Int(tokens), vocabularySize > 0 || tokens == 0 else { return nil }
        self.documentCount = Int(documents)
        self.tokenCount = Int(tokens)
        self.vocabulary = vocabulary
        self.blockDocuments = perBlock
        self.blocks = blocks
        self.data = data
    }

    /// The documents of block `b`: `firstDocument` and, flat, their word ids with each document's
    /// start (`starts.count` = documents + 1), replacing `words` and `starts` (buffers reused).
    /// - Returns: false when the block does not decode (damage).
    /// - Complexity: O(tokens of the block).
    public func decode(block b: Int, words: inout [UInt64], starts: inout [Int]) -> Bool {
        decode(
            block: b, only: Array(0..<min(blockDocuments, documentCount - b * blockDocuments)), words: &words,
            starts: &starts)
    }

    /// A block being decoded a stretch of documents at a time (``read(_:tokens:words:)``).
    public struct BlockReader: Sendable {
        public let block: Int
        /// The block's document starts (its documents' first tokens, then its token count).
        public private(set) var starts: [Int]
        /// The next document, and where its ranks start in the block's bytes.
        var document = 0
        var byte: Int
    }

    /// A reader of block `b` (its document lengths decoded), or nil when they do not decode.
    /// - Complexity: O(documents of the block).
    public func reader(block b: Int) -> BlockReader? {
        let block = blocks[b]
        let docs = min(blockDocuments, documentCount - b * blockDocuments)
        var starts: [Int] = []
        starts.reserveCapacity(docs + 1)
        var i = 0
        let ok = data.withUnsafeBytes { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + block.offset
            return Self.lengths(p, block.bytes, documents: docs, tokens: block.tokens, starts: &starts, at: &i)
        }
        return ok ? BlockReader(block: b, starts: starts, byte: i) : nil
    }

    /// The next documents of `reader`'s block, as many as fit in `tokens` (at least one), their word
    /// ids from `words[0]` on (`words` is replaced; its buffer reused).
    /// - Returns: the documents' indexes in the block (empty when none are left), or nil when they do
    ///   not decode (damage); the last stretch also checks that the block has no bytes left over.
    /// - Complexity: O(tokens decoded).
    public func read(_ reader: inout BlockReader, tokens budget: Int, words: inout [UInt64]) -> Range<Int>? {
        let starts = reader.starts
        let docs = starts.count - 1
        let first = reader.document
        guard first < docs else { return first..<first }
        var last = first + 1
        while last < docs && starts[last + 1] - starts[first] <= budget { last += 1 }
        let count = starts[last] - starts[first]
        words.removeAll(keepingCapacity: true)
        words.append(contentsOf: repeatElement(0, count: count))
        let block = blocks[reader.block]
        var i = reader.byte
        let ok = data.withUnsafeBytes { raw -> Bool in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + block.offset
            let end = block.bytes
            return vocabulary.withUnsafeBufferPointer { v -> Bool in
                words.withUnsafeMutableBufferPointer { out -> Bool in
                    for t in 0..<count {
                        guard let word = Self.word(p, end, &i, v) else { return false }
                        out[t] = word
                    }
                    return last < docs || i == end
                }
            }
        }
        guard ok else { return nil }
        reader.byte = i
        reader.document = last
        return first..<last
    }

    /// Block `b`'s document starts (as ``decode(block:words:starts:)`` gives them), and the word ids
    /// of only the documents `wanted` (ascending indexes within the block) at their places in `words`;
    /// `words` holds the block's token count afterwards, and its other places are left as they were.
    /// The other documents' bytes are skipped, not decoded (a scan for the bytes that end a varint),
    /// so this checks only what it decodes (and, when the last document is wanted, that no byte is
    /// left over): a block that ``decode(block:words:starts:)`` accepted decodes here the same.
    /// - Returns: false when what it reads does not decode (damage).
    /// - Complexity: O(documents of the block + bytes up to the last wanted document's end).
    public func decode(block b: Int, only wanted: [Int], words: inout [UInt64], starts: inout [Int]) -> Bool {
        let block = blocks[b]
        let docs = min(blockDocuments, documentCount - b * blockDocuments)
        starts.removeAll(keepingCapacity: true)
        starts.reserveCapacity(docs + 1)
        if words.count < block.tokens { words.append(contentsOf: repeatElement(0, count: block.tokens - words.count)) }
        if words.count > block.tokens { words.removeLast(words.count - block.tokens) }
        return data.withUnsafeBytes { raw -> Bool in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + block.offset
            let end = block.bytes
            var i = 0
            guard Self.lengths(p, end, documents: docs, tokens: block.tokens, starts: &starts, at: &i) else {
                return false
            }
            return vocabulary.withUnsafeBufferPointer { v -> Bool in
                words.withUnsafeMutableBufferPointer { out -> Bool in
                    var at = 0  // the document whose ranks start at byte `i`
                    for d in wanted {
                        guard d >= at, d < docs else { return false }
                        // Skip documents at..<d: their tokens each end with a byte below 0x80. Eight
                        // bytes at a time while they end fewer tokens than are left to skip (so that
                        // bytes after their last end still belong to a skipped token).
                        var skip = starts[d] - starts[at]
                        while skip > 8 && i + 8 <= end {
                            let chunk = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                            let ends = (~chunk & 0x8080_8080_8080_8080).nonzeroBitCount
                            guard ends < skip else { break }
                            skip -= ends
                            i += 8
                        }
                        while skip > 0 {
                            guard i < end else { return false }
                            if p[i] < 0x80 { skip -= 1 }
                            i += 1
                        }
                        for t in starts[d]..<starts[d + 1] {
                            guard let word = Self.word(p, end, &i, v) else { return false }
                            out[t] = word
                        }
                        at = d + 1
                    }
                    // After the last document, nothing may be left over.
                    return at < docs || i == end
                }
            }
        }
    }

    /// Every document's word ids.
    /// - Returns: nil when a block does not decode.
    /// - Complexity: O(tokens).
    public func documents() -> [[UInt64]]? {
        var out: [[UInt64]] = []
        out.reserveCapacity(documentCount)
        var (words, starts) = ([UInt64](), [Int]())
        for b in 0..<blocks.count {
            guard decode(block: b, words: &words, starts: &starts) else { return nil }
            for d in 0..<(starts.count - 1) { out.append(Array(words[starts[d]..<starts[d + 1]])) }
        }
        return out
    }

    /// Reads a block's `documents` lengths from byte `i` on into `starts` (from 0, cumulative); false
    /// when they do not decode or do not add up to `tokens`.
    static func lengths(
        _ p: UnsafePointer<UInt8>, _ end: Int, documents: Int, tokens: Int, starts: inout [Int], at i: inout Int
    ) -> Bool {
        var total = 0
        starts.append(0)
        for _ in 0..<documents {
            guard let length = readVarint(p, end, &i), length <= UInt64(tokens - total) else { return false }
            total += Int(length)
            starts.append(total)
        }
        return total == tokens
    }

    /// The word id of the rank at byte `i` (advanced past it), or nil when it does not decode or is
    /// outside the vocabulary `v`. One byte for the 128 most frequent words: no call, no loop.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ end: Int, _ i: inout Int, _ v: UnsafeBufferPointer<UInt64>)
        -> UInt64?
    {
        guard i < end else { return nil }
        let first = p[i]
        var r: UInt64
        if first < 0x80 {
            r = UInt64(first)
            i += 1
        } else {
            guard let long = readVarint(p, end, &i) else { return nil }
            r = long
        }
        return r < UInt64(v.count) ? v[Int(r)] : nil
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func readVarint(_ p: UnsafePointer<UInt8>, _ count: Int, _ i: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while i < count && shift < 64 {
            let b = p[i]
            i += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    static func appendLE<T: FixedWidthInteger>(_ value: T, to out: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }
}
