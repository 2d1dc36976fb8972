import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

@Suite struct NGramOverlapTests {
    static func randomDocuments(count: Int, vocabulary: UInt64, using rng: inout RepeatableRandomNumberGenerator)
        -> [[UInt64]]
    {
        (0..<count).map { _ in
            (0..<Int.random(in: 0...30, using: &rng)).map { _ in UInt64.random(in: 1...vocabulary, using: &rng) }
        }
    }

    /// Brute force from the definitions in `NGramOverlap`: windows compared token by token.
    static func bruteForce(
        suspect: [UInt64], reference: [[UInt64]], n: Int, minDocuments: Int
    ) -> (shared: Int, boilerplate: Int, spans: [(Int, Int, Int)]) {
        guard suspect.count >= n else { return (0, 0, []) }
        var shared = 0
        var boilerplate = 0
        var spans: [(Int, Int, Int)] = []
        var open: (Int, Int, Int)?
        for i in 0...(suspect.count - n) {
            let window = Array(suspect[i..<(i + n)])
            let frequency = reference.filter { doc in
                doc.count >= n && (0...(doc.count - n)).contains { Array(doc[$0..<($0 + n)]) == window }
            }.count
            if frequency == 0 {
                if let o = open { spans.append(o) }
                open = nil
                continue
            }
            shared += 1
            let common = minDocuments > 0 && frequency >= minDocuments
            if common { boilerplate += 1 }
            if open == nil { open = (i, i + n, 0) }
            open!.1 = i + n
            if !common { open!.2 += 1 }
        }
        if let o = open { spans.append(o) }
        return (shared, boilerplate, spans)
    }

    /// Property: spans, shared and boilerplate counts equal the brute force on random small corpora.
    @Test(arguments: [(2, 0), (3, 2), (4, 3), (1, 5)])
    func spansEqualBruteForce(n: Int, minDocuments: Int) {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(n * 31 + minDocuments))
        for round in 0..<40 {
            let reference = Self.randomDocuments(count: 12, vocabulary: 5, using: &rng)
            let suspect = Self.randomDocuments(count: 6, vocabulary: 5, using: &rng)
            let index = NGramIndex(documents: reference, n: n, threads: round % 3 + 1)
            let results = NGramOverlap.analyze(
                suspect: suspect, reference: index, boilerplate: .init(minDocuments: minDocuments),
                threads: round % 2 + 1)
            for (d, doc) in suspect.enumerated() {
                let expected = Self.bruteForce(suspect: doc, reference: reference, n: n, minDocuments: minDocuments)
                let got = results[d]
                #expect(got.windows == max(0, doc.count - n + 1))
                #expect(got.shared == expected.shared)
                #expect(got.boilerplate == expected.boilerplate)
                #expect(
                    got.spans.map { [$0.start, $0.end, $0.evidenceWindows] }
                        == expected.spans.map { [$0.0, $0.1, $0.2] })
                let located = NGramOverlap.locate(
                    got.spans.map { (document: d, span: $0) }, suspect: suspect, reference: index, corpus: reference,
                    threads: 2)
                for span in located where !span.isBoilerplate {
                    // The reference location is the first occurrence of the span's first evidence window.
                    let w = span.start + span.anchorOffset
                    let window = Array(doc[w..<(w + n)])
                    let first = reference.indices.lazy.compactMap { r -> (Int, Int)? in
                        let ref = reference[r]
                        guard ref.count >= n else { return nil }
                        return (0...(ref.count - n)).first { Array(ref[$0..<($0 + n)]) == window }.map { (r, $0) }
                    }.first
                    #expect(first != nil)
                    #expect(span.referenceDocument == first?.0)
                    // The shown passage is exactly shared, holds the anchor, and is maximal within the span.
                    guard let (r, _) = first, span.matchLength > 0 else {
                        Issue.record("unlocated span")
                        continue
                    }
                    let (m, p, length) = (span.matchStart, span.referenceStart, span.matchLength)
                    let ref = reference[r]
                    #expect(Array(doc[m..<(m + length)]) == Array(ref[p..<(p + length)]))
                    #expect(m <= w && m + length >= w + n && m >= span.start && m + length <= span.end)
                    #expect(m == span.start || p == 0 || doc[m - 1] != ref[p - 1])
                    #expect(m + length == span.end || p + length == ref.count || doc[m + length] != ref[p + length])
                }
            }
        }
    }

    @Test func documentFrequencyAndFirstOccurrence() {
        let reference: [[UInt64]] = [[1, 2, 3, 9], [7, 1, 2, 3], [1, 2, 3]]
        let index = NGramIndex(documents: reference, n: 3, threads: 2)
        #expect(index.lookup(StableHash.shingle([1, 2, 3])) == NGramIndex.Entry(documentFrequency: 3))
        #expect(index.lookup(StableHash.shingle([2, 3, 9])) == NGramIndex.Entry(documentFrequency: 1))
        #expect(index.lookup(StableHash.shingle([3, 2, 1])) == nil)
        #expect(index.distinctCount == 3)
        let places = index.firstOccurrences(of: [[1, 2, 3], [7, 1, 2], [4, 4, 4]], in: reference, threads: 2)
        #expect(places.count == 2)
        #expect(places[StableHash.shingle([1, 2, 3])] == NGramIndex.Occurrence(document: 0, position: 0))
        #expect(places[StableHash.shingle([7, 1, 2])] == NGramIndex.Occurrence(document: 1, position: 0))
    }

    /// Many partitions (a big corpus) give the same frequencies as a brute-force count.
    @Test func largeIndexMatchesCounts() {
        var rng = RepeatableRandomNumberGenerator(seed: 77)
        let docs = Self.randomDocuments(count: 100_000, vocabulary: 5000, using: &rng)
        let index = NGramIndex(documents: docs, n: 2, threads: 2)
        #expect(NGramIndex.partitionBits(windows: docs.reduce(0) { $0 + max(0, $1.count - 1) }) > 6)
        var frequency: [UInt64: Int] = [:]
        for d in docs {
            var seen = Set<UInt64>()
            for h in Shingler.hashes(of: d, n: 2) where seen.insert(h).inserted { frequency[h, default: 0] += 1 }
        }
        #expect(index.distinctCount == frequency.count)
        for (h, f) in frequency.sorted(by: { $0.key < $1.key }).prefix(500) {
            #expect(index.documentFrequency(h) == f)
        }
    }

    @Test func backgroundMakesBoilerplate() {
        let reference: [[UInt64]] = [[1, 2, 3, 4, 5, 6]]
        let background = NGramIndex(documents: [[1, 2, 3]], n: 3, threads: 1)
        let index = NGramIndex(documents: reference, n: 3, threads: 1)
        let rule = NGramOverlap.BoilerplateRule(minDocuments: 0, background: background)
        let r = NGramOverlap.analyze(suspect: [[1, 2, 3, 4, 9]], reference: index, boilerplate: rule, threads: 1)[0]
        #expect(r.windows == 3 && r.shared == 2 && r.boilerplate == 1)
        #expect(r.containment == 0.5)
        #expect(r.spans.map(\.evidenceWindows) == [1])
    }

    @Test func distributionUsesNearestRank() {
        let d = Distribution([5, 1, 4, 2, 3, 10, 9, 8, 7, 6])
        #expect(d.count == 10 && d.mean == 5.5 && d.median == 5 && d.p90 == 9 && d.max == 10)
        #expect(Distribution([]).count == 0)
    }
}

@Suite struct ExcerptTests {
    @Test func evidenceQuotesTheOriginalText() {
        let maker = ExcerptMaker(normalization: .standard, maxBytes: 600)
        let text = "Hello,  WORLD!\nThe ﬁnal  end."
        // Normalised tokens: hello , world ! the final end .
        #expect(maker.excerpt(text, tokens: 2..<4) == "WORLD!")
        // Exactly the tokens, never the rest of their white-space run.
        #expect(maker.excerpt(text, tokens: 1..<5) == ",  WORLD!\nThe")
        #expect(maker.excerpt(text, tokens: 0..<1) == "Hello")
        // A whole non-ASCII run maps back exactly; part of one is quoted in its normalised form.
        #expect(maker.excerpt(text, tokens: 5..<6) == "ﬁnal")
        #expect(maker.excerpt("naïve-ﬁnal", tokens: 2..<3) == "final")
        #expect(maker.excerpt(text, tokens: 9..<12) == "")
        // Cut to whole tokens.
        let short = ExcerptMaker(normalization: .standard, maxBytes: 8)
        #expect(short.excerpt(text, tokens: 0..<8) == "Hello,…")
        #expect(ExcerptMaker(normalization: .standard, maxBytes: 2).excerpt(text, tokens: 0..<8) == "Hello…")
    }

    @Test func runMapCoversEveryRun() {
        let (normalized, runs) = TextNormalizer().normalizeWithRunMap("  A  bé\tC ")
        #expect(String(decoding: normalized, as: UTF8.self) == "a bé c")
        #expect(runs.map(\.originalStart) == [2, 5, 9])
        #expect(runs.map(\.normalizedStart) == [0, 1, 5])
    }
}
