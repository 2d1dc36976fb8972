import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct NearDuplicateTests {
    /// A corpus of random documents with planted near-duplicates (a fraction of word positions
    /// substituted), like ../shared/bench/gen_corpus.py at small scale.
    static func corpus(
        documents: Int, duplicates: Int, editFraction: Double, seed: UInt64
    ) -> (ids: [[UInt64]], planted: [(Int, Int)]) {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        func word() -> UInt64 {
            // Zipf-like: small ids are frequent.
            let u = Double.random(in: 0..<1, using: &rng)
            return UInt64(pow(3000.0, u))
        }
        var docs: [[UInt64]] = (0..<documents).map { _ in
            (0..<Int.random(in: 60...240, using: &rng)).map { _ in word() }
        }
        var planted: [(Int, Int)] = []
        for _ in 0..<duplicates {
            let source = Int.random(in: 0..<documents, using: &rng)
            var copy = docs[source]
            let edits = max(1, Int((editFraction * Double(copy.count)).rounded()))
            for position in (0..<copy.count).shuffled(using: &rng).prefix(edits) {
                var w = word()
                while w == copy[position] { w = word() }
                copy[position] = w
            }
            docs.append(copy)
            planted.append((source, docs.count - 1))
        }
        return (docs, planted)
    }

    @Test(arguments: [(0.02, 0.8), (0.10, 0.3)])
    func recallAndPrecisionAgainstBruteForce(editFraction: Double, threshold: Double) throws {
        let (ids, _) = Self.corpus(documents: 700, duplicates: 120, editFraction: editFraction, seed: 99)
        let fingerprints = try FingerprintedCorpus(wordIDs: ids, options: FingerprintOptions(), threads: 2)
        let (pairs, stats) = try NearDuplicateSearch.withinCorpus(fingerprints, threshold: threshold, threads: 2)
        // Brute force: every pair's exact Jaccard.
        var truth: Set<[Int]> = []
        for i in 0..<ids.count {
            for j in (i + 1)..<ids.count
            where fingerprints.shingleSets[i].jaccard(fingerprints.shingleSets[j]) >= threshold {
                truth.insert([i, j])
            }
        }
        let found = Set(pairs.map { [$0.first, $0.second] })
        #expect(found.isSubset(of: truth), "precision must be 1")
        #expect(truth.count >= 80)
        let recall = Double(found.count) / Double(truth.count)
        #expect(recall >= 0.95, "recall \(recall) with LSH \(stats.parameters)")
        for p in pairs {
            #expect(p.jaccard >= threshold)
            #expect(
                abs(p.jaccard - fingerprints.shingleSets[p.first].jaccard(fingerprints.shingleSets[p.second])) < 1e-12)
        }
    }

    @Test func resultsAreIdenticalForAnyThreadCount() throws {
        let (ids, _) = Self.corpus(documents: 600, duplicates: 80, editFraction: 0.1, seed: 5)
        var reference: [NearDuplicatePair]?
        for threads in [1, 2, 3, 8] {
            let fp = try FingerprintedCorpus(wordIDs: ids, options: FingerprintOptions(), threads: threads)
            let (pairs, _) = try NearDuplicateSearch.withinCorpus(fp, threshold: 0.3, threads: threads)
            if let reference { #expect(pairs == reference) } else { reference = pairs }
        }
    }

    @Test func acrossCorporaFindsTheCopies() throws {
        let (ids, planted) = Self.corpus(documents: 400, duplicates: 40, editFraction: 0.02, seed: 8)
        let reference = try FingerprintedCorpus(wordIDs: Array(ids[0..<400]), options: FingerprintOptions(), threads: 2)
        let suspect = try FingerprintedCorpus(wordIDs: Array(ids[400...]), options: FingerprintOptions(), threads: 2)
        let (pairs, _) = NearDuplicateSearch.acrossCorpora(
            suspect: suspect, reference: reference, threshold: 0.8, threads: 2)
        let found = Set(pairs.map { [$0.first, $0.second] })
        let expected = Set(
            planted.map { [$0.1 - 400, $0.0] }.filter {
                suspect.shingleSets[$0[0]].jaccard(reference.shingleSets[$0[1]]) >= 0.8
            })
        #expect(expected.count >= 30)
        #expect(found.isSubset(of: expected))
        #expect(Double(found.intersection(expected).count) >= 0.95 * Double(expected.count))
    }

    @Test func clustersAreConnectedComponents() {
        let pairs = [(0, 3), (3, 7), (5, 6)].map {
            NearDuplicatePair(first: $0.0, second: $0.1, jaccard: 0.9, estimate: 0.9)
        }
        #expect(NearDuplicateSearch.clusters(pairs: pairs, count: 9) == [[0, 3, 7], [5, 6]])
    }
}
