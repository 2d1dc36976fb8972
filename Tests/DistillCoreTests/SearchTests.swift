import DistillTestSupport
import Testing

@testable import DistillCore

/// Top-k selection and the flat Hamming and cosine indexes against brute force.
@Suite struct SearchTests {
    // MARK: TopKSelector

    @Test(arguments: [0, 1, 3, 50, 100])
    func selectorKeepsBestByScoreThenIndex(k: Int) {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(k))
        let scores = (0..<60).map { _ in Int(rng.next() % 8) }  // many ties
        let order = Array((0..<60).shuffled(using: &rng))
        for rank in [RankOrder.ascending, .descending] {
            var selector = TopKSelector<Int>(k: k, order: rank)
            for i in order { selector.insert(score: scores[i], index: i) }
            let expected = (0..<60).sorted {
                scores[$0] != scores[$1] ? (rank == .ascending) == (scores[$0] < scores[$1]) : $0 < $1
            }.prefix(k)
            #expect(selector.sorted().map(\.index) == Array(expected))
            // Split the stream in two and merge: the same answer.
            var left = TopKSelector<Int>(k: k, order: rank)
            var right = TopKSelector<Int>(k: k, order: rank)
            for (n, i) in order.enumerated() {
                if n % 3 == 0 {
                    left.insert(score: scores[i], index: i)
                } else {
                    right.insert(score: scores[i], index: i)
                }
            }
            right.merge(left)
            #expect(right.sorted().map(\.index) == Array(expected))
        }
    }

    // MARK: HammingIndex

    static func bruteForce(_ codes: [UInt64], _ query: UInt64) -> [HammingIndex.Match] {
        codes.enumerated().map { HammingIndex.Match(index: $0.offset, distance: ($0.element ^ query).nonzeroBitCount) }
            .sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
    }

    /// Random codes; with `fewBits` they differ only in their low 6 bits, so distances tie a lot
    /// and codes repeat.
    static func codes(_ count: Int, fewBits: Bool, seed: UInt64) -> [UInt64] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        let fixed = rng.next()
        return (0..<count).map { _ in fewBits ? (fixed & ~0x3F) | (rng.next() & 0x3F) : rng.next() }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 2048, 2100], [false, true])
    func hammingTopKMatchesBruteForce(count: Int, fewBits: Bool) {
        let codes = Self.codes(count, fewBits: fewBits, seed: UInt64(count))
        let index = HammingIndex(codes: codes)
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        let queries = [rng.next(), codes.last ?? 1, .max]
        for query in queries {
            let all = Self.bruteForce(codes, query)
            for k in [0, 1, 5, 64, count, count + 3] {
                #expect(index.topK(query: query, k: k) == Array(all.prefix(k)), "k = \(k)")
            }
            for maxDistance in [-1, 0, 3, 20, 64, 100] {
                #expect(
                    index.withinDistance(query: query, maxDistance: maxDistance)
                        == all.filter { $0.distance <= maxDistance })
            }
        }
        #expect(index.distances(from: queries[0]).map(Int.init) == codes.map { ($0 ^ queries[0]).nonzeroBitCount })
    }

    @Test func hammingTiesGoToLowerIndex() {
        let index = HammingIndex(codes: [0b11, 0b01, 0b10, 0b01, 0b00, 0b10])
        #expect(
            index.topK(query: 0b01, k: 4) == [
                .init(index: 1, distance: 0), .init(index: 3, distance: 0),
                .init(index: 0, distance: 1), .init(index: 4, distance: 1),
            ])
    }

    @Test(arguments: [1, 2, 4], [false, true])
    func hammingIsIndependentOfThreads(threads: Int, fewBits: Bool) {
        // Small chunks, so that a single query is split between threads here (and ties straddle
        // the chunks) as it is on a large index.
        let codes = Self.codes(3000, fewBits: fewBits, seed: 5)
        let index = HammingIndex(codes: codes)
        let queries = Self.codes(4, fewBits: false, seed: 6) + [codes[1500], codes[2999]]
        for query in queries.prefix(3) {
            let reference = Self.bruteForce(codes, query)
            #expect(index.topK(query: query, k: 10, threads: threads, minimumChunk: 400) == Array(reference.prefix(10)))
            #expect(
                index.withinDistance(query: query, maxDistance: 20, threads: threads, minimumChunk: 400)
                    == reference.filter { $0.distance <= 20 })
        }
        let serial = queries.map { index.topK(query: $0, k: 7) }
        #expect(index.topK(queries: queries, k: 7, threads: threads) == serial)
        #expect(queries.map { index.topK(query: $0, k: 7, threads: threads) } == serial)
    }

    @Test(arguments: [1, 2, 3], [false, true])
    func hammingQueryTilesMatchSingleQueries(threads: Int, fewBits: Bool) {
        // More queries than one tile holds, a code count that is not a multiple of the block, and
        // (with fewBits) ties everywhere: every tile must give each query its own answer.
        let codes = Self.codes(5000, fewBits: fewBits, seed: 11)
        let index = HammingIndex(codes: codes)
        let queries = Self.codes(37, fewBits: fewBits, seed: 12) + [codes[0], codes[4999], codes[2048]]
        for k in [0, 1, 10, 5001] {
            let expected = queries.map { Array(Self.bruteForce(codes, $0).prefix(k)) }
            #expect(index.topK(queries: queries, k: k, threads: threads) == expected, "k = \(k)")
        }
        #expect(HammingIndex().topK(queries: queries, k: 3, threads: threads) == queries.map { _ in [] })
    }

    // MARK: CosineIndex

    static func vectors(_ count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Float.random(in: -1...1, using: &rng) } }
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0
        var na = 0.0
        var nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * Double(y)
            na += Double(x) * Double(x)
            nb += Double(y) * Double(y)
        }
        return na == 0 || nb == 0 ? 0 : dot / (na.squareRoot() * nb.squareRoot())
    }

    @Test(arguments: [1, 7, 32, 41, 100])
    func cosineTopKMatchesReference(dimension: Int) {
        var vectors = Self.vectors(200, dimension: dimension, seed: UInt64(dimension))
        vectors[10] = [Float](repeating: 0, count: dimension)  // a zero row scores 0
        vectors[20] = vectors[5]  // exact ties, broken by index
        vectors[30] = vectors[5].map { $0 * 4 }  // same direction, another length
        let index = CosineIndex(dimension: dimension, vectors: vectors)
        #expect(index.count == 200)
        let queries = Self.vectors(3, dimension: dimension, seed: 1000) + [vectors[5], vectors[10]]
        for query in queries {
            let reference = vectors.map { Self.cosine(query, $0) }
            let scores = index.similarities(to: query)
            let descending = reference.sorted(by: >)
            for (s, r) in zip(scores, reference) { #expect(abs(Double(s) - r) <= 1e-5) }
            // The kernel's own scores, sorted with the index tie-break, give the exact answer.
            let exact = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            for k in [0, 1, 10, 199, 200, 201] {
                let top = index.topK(query: query, k: k)
                #expect(top.map(\.index) == Array(exact.prefix(k)), "k = \(k)")
                #expect(top.map(\.similarity) == exact.prefix(k).map { scores[$0] })
                // Against the double-precision reference: the k-th best agrees within tolerance.
                if let last = top.last {
                    let kth = descending[top.count - 1]
                    #expect(abs(Double(last.similarity) - kth) <= 1e-5)
                }
            }
        }
        let zero = index.topK(query: vectors[10], k: 3)
        #expect(zero.map(\.index) == [0, 1, 2] && zero.allSatisfy { $0.similarity == 0 })
        if dimension >= 3 {
            let twins = index.topK(query: vectors[5], k: 3)
            #expect(twins.map(\.index) == [5, 20, 30])
            #expect(twins.allSatisfy { abs($0.similarity - 1) <= 1e-6 })
        }
    }

    @Test func cosineEmptyIndex() {
        let index = CosineIndex(dimension: 4)
        #expect(index.topK(query: [1, 2, 3, 4], k: 5).isEmpty)
        #expect(index.topK(queries: [[1, 0, 0, 0]], k: 5, threads: 2) == [[]])
        #expect(index.similarities(to: [1, 0, 0, 0]).isEmpty)
    }

    @Test(arguments: [1, 2, 4])
    func cosineIsIndependentOfThreads(threads: Int) {
        // Small chunks, so that a single query is split between threads here as on a large index.
        let dimension = 16
        var vectors = Self.vectors(700, dimension: dimension, seed: 3)
        for i in stride(from: 0, to: 700, by: 50) { vectors[i] = vectors[7] }  // ties across chunks
        let index = CosineIndex(dimension: dimension, vectors: vectors)
        let queries = Self.vectors(5, dimension: dimension, seed: 4) + [vectors[7]]
        let serial = queries.map { index.topK(query: $0, k: 12) }
        #expect(index.topK(queries: queries, k: 12, threads: threads) == serial)
        #expect(queries.map { index.topK(query: $0, k: 12, threads: threads, minimumWork: 1000) } == serial)
        for (query, top) in zip(queries, serial) {
            let scores = index.similarities(to: query)
            let exact = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            #expect(top.map(\.index) == Array(exact.prefix(12)))
        }
    }
}
