import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

/// A format-3 reference keeps its documents' word ids instead of its key sets: the encoding must give
/// the documents back exactly, refuse damage without crashing, and the membership found by hashing
/// the reference's windows again must be the merge join's with the key set, bit for bit.
@Suite struct ReferenceWordsTests {
    /// Documents over a vocabulary of `vocabulary` word ids, some empty or shorter than a window.
    static func documents(count: Int, vocabulary: UInt64, seed: UInt64) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...80, using: &rng)).map { _ in
                StableHash.splitmix64(UInt64.random(in: 1...vocabulary, using: &rng))
            }
        }
    }

    /// `data` with one random byte changed.
    static func flipped(_ data: Data, using rng: inout RepeatableRandomNumberGenerator) -> Data {
        var bad = data
        let i = Int.random(in: 0..<bad.count, using: &rng)
        bad[i] ^= UInt8.random(in: 1...255, using: &rng)
        return bad
    }

    @Test(arguments: [(0, 5, 1), (1, 3, 2), (700, 40, 3), (2_500, 100_000, 4)] as [(Int, UInt64, UInt64)])
    func encodingGivesTheDocumentsBack(count: Int, vocabulary: UInt64, seed: UInt64) throws {
        let docs = Self.documents(count: count, vocabulary: vocabulary, seed: seed)
        for (perBlock, threads) in [(1, 1), (64, 3), (4_096, 2)] {
            let data = ReferenceWords.encode(documents: docs, blockDocuments: perBlock, threads: threads)
            #expect(data == ReferenceWords.encode(documents: docs, blockDocuments: perBlock, threads: 1))
            let words = try #require(ReferenceWords(decoding: data))
            #expect(words.documentCount == docs.count)
            #expect(words.tokenCount == docs.reduce(0) { $0 + $1.count })
            #expect(words.blockCount == (docs.count + perBlock - 1) / perBlock)
            #expect(words.documents() == docs)
        }
    }

    /// Decoding only some documents of a block gives exactly those documents' words (the others'
    /// bytes skipped, eight at a time where they can be), with a vocabulary large enough for ranks of
    /// two and three bytes; a damaged block is refused or decodes to something, never crashes.
    @Test func partialDecodeGivesTheWantedDocuments() throws {
        let docs = Self.documents(count: 500, vocabulary: 30_000, seed: 31)
        let data = ReferenceWords.encode(documents: docs, blockDocuments: 100)
        let words = try #require(ReferenceWords(decoding: data))
        var rng = RepeatableRandomNumberGenerator(seed: 32)
        var (buffer, starts) = ([UInt64](), [Int]())
        for b in 0..<words.blockCount {
            for _ in 0..<6 {
                let wanted = (0..<100).filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }
                #expect(words.decode(block: b, only: wanted, words: &buffer, starts: &starts))
                for d in wanted {
                    #expect(Array(buffer[starts[d]..<starts[d + 1]]) == docs[b * 100 + d])
                }
            }
            // Out of order or out of range: refused.
            #expect(!words.decode(block: b, only: [5, 3], words: &buffer, starts: &starts))
            #expect(!words.decode(block: b, only: [100], words: &buffer, starts: &starts))
        }
        for _ in 0..<300 {
            let bad = Self.flipped(data, using: &rng)
            guard let damaged = ReferenceWords(decoding: bad) else { continue }
            for b in 0..<damaged.blockCount {
                _ = damaged.decode(block: b, only: [0, 7, 50, 99], words: &buffer, starts: &starts)
            }
        }
    }

    /// Reading a block a stretch of documents at a time gives the block's documents in order, for
    /// budgets from one token up; a damaged block is refused or decodes, never crashes.
    @Test func stretchesGiveTheBlock() throws {
        let docs = Self.documents(count: 300, vocabulary: 5_000, seed: 41)
        let data = ReferenceWords.encode(documents: docs, blockDocuments: 64)
        let words = try #require(ReferenceWords(decoding: data))
        var buffer: [UInt64] = []
        for budget in [1, 50, 700, 1 << 20] {
            var back: [[UInt64]] = []
            for b in 0..<words.blockCount {
                var reader = try #require(words.reader(block: b))
                while let range = words.read(&reader, tokens: budget, words: &buffer), !range.isEmpty {
                    let origin = reader.starts[range.lowerBound]
                    for d in range {
                        back.append(Array(buffer[(reader.starts[d] - origin)..<(reader.starts[d + 1] - origin)]))
                    }
                }
            }
            #expect(back == docs)
        }
        var rng = RepeatableRandomNumberGenerator(seed: 42)
        var refused = 0
        for _ in 0..<300 {
            let bad = Self.flipped(data, using: &rng)
            guard let damaged = ReferenceWords(decoding: bad) else { continue }
            for b in 0..<damaged.blockCount {
                guard var reader = damaged.reader(block: b) else {
                    refused += 1
                    continue
                }
                while true {
                    guard let range = damaged.read(&reader, tokens: 100, words: &buffer) else {
                        refused += 1
                        break
                    }
                    if range.isEmpty { break }
                }
            }
        }
        #expect(refused > 0)
    }

    /// A reference whose last windows are found, with its tokens ending at and around a whole word
    /// of hit bits: a larger width (shifts up to 92) never reads past the hits, and finds the join's ids.
    @Test(arguments: [1, 2] as [Int])
    func lastWindowsOfTheLastBlock(threads: Int) throws {
        for length in [60, 63, 64, 65, 127, 128, 200] {
            let doc = (0..<length).map { StableHash.splitmix64(UInt64($0) + 1) }
            let reference = [Self.documents(count: 1, vocabulary: 9, seed: 5)[0], doc]
            let words = try #require(ReferenceWords(decoding: ReferenceWords.encode(documents: reference)))
            for (m, n) in [(3, 8), (3, 40), (8, 100)] {
                let small = QueryWindowTable(documentCount: 1, threads: threads) {
                    _ in Shingler.hashes(of: doc, n: m).map(NGramKeySet.key)
                }
                let full = try small.membership(
                    in: words, n: m, filter: QueryWindowTable.KeyFilter(table: small), threads: threads)
                let large = QueryWindowTable(documentCount: 1, threads: threads) {
                    _ in Shingler.hashes(of: doc, n: n).map(NGramKeySet.key)
                }
                let expected = large.membership(
                    in: NGramKeySet(documents: reference, n: n, threads: 1).partitions, threads: threads)
                let within = try large.membership(in: words, n: n, filter: nil, within: full.hits, threads: threads)
                #expect(within.member == expected)
            }
        }
    }

    /// A sparse or dense id set gives back its bit set and visits exactly its ids in order.
    @Test(arguments: [3, 500, 20_000] as [Int])
    func idSetKeepsItsIDs(count: Int) {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(count))
        var bits = [UInt64](repeating: 0, count: 1_000)
        for _ in 0..<count {
            let id = Int.random(in: 0..<64_000, using: &rng)
            bits[id >> 6] |= 1 << UInt64(id & 63)
        }
        let set = IDSet(bits: bits)
        #expect(set.bits == bits)
        var visited: [Int] = []
        set.visit { visited.append($0) }
        let expected = (0..<64_000).filter { (id: Int) -> Bool in QueryWindowTable.isSet(bits, id) }
        #expect(visited == expected)
        var other = [UInt64](repeating: 1, count: 1_000)
        set.add(to: &other)
        let unioned = bits.map { (word: UInt64) -> UInt64 in word | 1 }
        #expect(other == unioned)
    }

    /// Every truncation, and bytes flipped across the whole encoding, either decode to some documents
    /// or are refused; none crashes or asks for unbounded memory.
    @Test func damageIsRefused() {
        let docs = Self.documents(count: 300, vocabulary: 50, seed: 9)
        let data = ReferenceWords.encode(documents: docs, blockDocuments: 64)
        for cut in stride(from: 0, to: data.count, by: 7) {
            let words = ReferenceWords(decoding: data.prefix(cut))
            #expect(words == nil || words?.documents() != docs)
        }
        var rng = RepeatableRandomNumberGenerator(seed: 10)
        var refused = 0
        for _ in 0..<400 {
            let bad = Self.flipped(data, using: &rng)
            guard let words = ReferenceWords(decoding: bad), let back = words.documents() else {
                refused += 1
                continue
            }
            #expect(back.count == docs.count)
        }
        #expect(refused > 0)
    }

    /// Hashing the reference's windows again finds exactly the ids the merge join with its key set
    /// finds, for a full pass and for a larger width restricted to the smaller width's hits.
    @Test(arguments: [1, 2, 3] as [Int])
    func membershipFromWordsIsTheKeySetJoin(threads: Int) throws {
        // The query shares documents and spans with the reference (small vocabulary: many matches).
        let reference = Self.documents(count: 900, vocabulary: 30, seed: 21)
        var query = Self.documents(count: 400, vocabulary: 30, seed: 22)
        query.append(contentsOf: reference.prefix(50))
        let queryDocuments = query
        let words = try #require(
            ReferenceWords(decoding: ReferenceWords.encode(documents: reference, blockDocuments: 100)))
        var previous: QueryWindowTable.WindowHits? = nil
        for n in [3, 5, 8] {
            let table = QueryWindowTable(documentCount: queryDocuments.count, threads: threads) {
                Shingler.hashes(of: queryDocuments[$0], n: n).map(NGramKeySet.key)
            }
            let expected = table.membership(
                in: NGramKeySet(documents: reference, n: n, threads: 1).partitions, threads: threads)
            let filter = QueryWindowTable.KeyFilter(table: table)
            let full = try table.membership(in: words, n: n, filter: filter, threads: threads)
            #expect(full.member == expected)
            #expect(full.member.contains { $0 != 0 })
            // Groups that fill after a few windows, and positions that reach a few tokens: every
            // flush path, the same bits.
            for limits in [(1, 1), (2, 37), (5, 1 << 20)] {
                let small = try table.membership(
                    in: words, n: n, filter: filter,
                    groups: .init(capacity: limits.0, positions: limits.1), threads: threads)
                #expect(small.member == expected)
                #expect(small.hits.bits == full.hits.bits)
            }
            if let previous {
                let within = try table.membership(in: words, n: n, filter: nil, within: previous, threads: threads)
                #expect(within.member == expected)
            }
            previous = full.hits
        }
    }
}

/// ``SparseWords``: the words of the dense set it was made from, at every index, and its nonzero
/// words in any range.
@Suite struct SparseWordsTests {
    @Test func keepsTheDenseWords() {
        var state: UInt64 = 11
        for (count, density) in [(0, 0.0), (1, 1.0), (63, 0.1), (64, 0.5), (65, 0.02), (1_000, 0.01), (4_097, 0.3)] {
            let dense: [UInt64] = (0..<count).map { _ in
                state = StableHash.splitmix64(state)
                return Double(state >> 11) / Double(1 << 53) < density ? state | 1 : 0
            }
            let sparse = SparseWords(dense)
            #expect((-1...(count + 64)).map { sparse[$0] } == [0] + dense + Array(repeating: 0, count: 65))
            #expect(sparse.values.count == dense.filter { $0 != 0 }.count)
            for range in [0..<count, (count / 3)..<(count / 2), 5..<(count + 9), 0..<0] {
                var seen: [Int] = []
                sparse.nonzero(in: range) { i, word in
                    #expect(word == dense[i])
                    seen.append(i)
                }
                #expect(seen == range.clamped(to: 0..<count).filter { dense[$0] != 0 })
            }
        }
    }
}
