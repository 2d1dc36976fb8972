import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// Null calibration: unwatermarked documents (random word ids from a seeded generator) must give
/// uniform p-values and the nominal false-positive rate.
@Suite struct WatermarkCalibrationTests {
    static let documentCount = 10_000

    /// `count` random documents of 50–300 ids over a 20,000-word vocabulary.
    static func nullDocuments(seed: UInt64, count: Int = documentCount) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        let vocabulary = (0..<20_000).map { _ in rng.next() }
        return (0..<count).map { _ in
            (0..<Int.random(in: 50...300, using: &rng)).map { _ in vocabulary[Int.random(in: 0..<20_000, using: &rng)] }
        }
    }

    /// The two-sided 99% interval of Bin(n, α): counts outside it have probability ≤ 1%.
    static func binomialInterval(n: Int, alpha: Double) -> ClosedRange<Int> {
        var lo = 0
        while BinomialTail.logUpperTail(n: n, successes: lo + 1, p: alpha) > log(0.995) { lo += 1 }
        var hi = lo
        while BinomialTail.logUpperTail(n: n, successes: hi + 1, p: alpha) > log(0.005) { hi += 1 }
        return lo...hi
    }

    @Test(arguments: [WatermarkSeeding.chain, .min])
    func kgwPValuesAreCalibrated(seeding: WatermarkSeeding) {
        let docs = Self.nullDocuments(seed: 2024)
        let parameters = WatermarkParameters(scheme: .kgw, gamma: 0.25, contextWidth: 2, seeding: seeding)
        let detector = WatermarkDetector(key: WatermarkKey(0xC0FFEE), parameters: parameters)
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        var randomized: [Double] = []
        var exactHits = 0
        var randomizedHits = 0
        for ids in docs {
            let score = detector.score(ids: ids)
            if score.log10P <= -3 { exactHits += 1 }
            // The binomial p-value is discrete; its randomised version is exactly uniform under the null.
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            let p = exp(
                BinomialTail.logRandomizedUpperTail(n: score.scored, successes: score.green, p: 0.25, u: u))
            randomized.append(p)
            if p <= 1e-3 { randomizedHits += 1 }
        }
        let ks = KolmogorovSmirnov(uniformSample: randomized)
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic), p = \(ks.pValue)")
        let interval = Self.binomialInterval(n: docs.count, alpha: 1e-3)
        #expect(interval.contains(randomizedHits), "randomised FPR \(randomizedHits) not in \(interval)")
        // The reported exact p-value is conservative: never more false positives than α allows.
        #expect(exactHits <= interval.upperBound, "exact FPR \(exactHits) above \(interval)")
    }

    @Test func gumbelPValuesAreUniform() {
        let docs = Self.nullDocuments(seed: 77)
        let parameters = WatermarkParameters(scheme: .gumbel, contextWidth: 1)
        let detector = WatermarkDetector(key: WatermarkKey(0xBEEF), parameters: parameters)
        let scores = docs.map { detector.score(ids: $0) }
        let ks = KolmogorovSmirnov(uniformSample: scores.map { $0.pValue })
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic), p = \(ks.pValue)")
        let hits = scores.filter { $0.log10P <= -3 }.count
        #expect(Self.binomialInterval(n: docs.count, alpha: 1e-3).contains(hits), "FPR \(hits)")
    }

    @Test func radioactivityOnAnUnrelatedCorpusIsNull() {
        for seed: UInt64 in [1, 2, 3] {
            let docs = Self.nullDocuments(seed: 500 + seed, count: 300)
            var test = RadioactivityTest(key: WatermarkKey(0x7E5C_4E12_D157_11A7), parameters: WatermarkParameters())
            for ids in docs { test.add(ids: ids) }
            #expect(test.result().score.log10P > -2, "seed \(seed)")
        }
    }

    /// Sander et al. 2024 warn that repeated text makes the test meaningless without dedup: one
    /// unwatermarked boilerplate sentence whose tuples happen to be green-heavy, repeated, looks
    /// radioactive; scoring each tuple once fixes it.
    @Test func dedupPreventsFalseRadioactivity() {
        let key = WatermarkKey(0x7E5C_4E12_D157_11A7)
        let parameters = WatermarkParameters()
        let prf = WatermarkPRF(key: key, parameters: parameters)
        var rng = RepeatableRandomNumberGenerator(seed: 3)
        // A 12-word "boilerplate" sentence: the first random one with ≥ 5 green tuples (no watermark involved,
        // just the luck of one fixed phrase, as with any template).
        var boilerplate: [UInt64] = []
        repeat {
            boilerplate = (0..<12).map { _ in rng.next() }
        } while (1..<12).filter({ prf.isGreen(seed: prf.seed(context: [boilerplate[$0 - 1]]), token: boilerplate[$0]) })
            .count < 5
        let docs = Self.nullDocuments(seed: 808, count: 300).map { boilerplate + $0 }
        for deduplicate in [false, true] {
            var test = RadioactivityTest(key: key, parameters: parameters, options: .init(deduplicate: deduplicate))
            for ids in docs { test.add(ids: ids) }
            let log10P = test.result().score.log10P
            if deduplicate {
                #expect(log10P > -2, "with dedup: log10 p \(log10P)")
            } else {
                #expect(log10P < -10, "without dedup: log10 p \(log10P)")
            }
        }
    }
}

/// Natural text repeats words, and `min` seeding gives every context that holds a given word the
/// same seed: deduplicating on (seed, token) keeps the corpus test calibrated (scoring those repeats
/// as independent gave |z| up to 8.8 on the unwatermarked control corpus).
@Suite struct WatermarkNaturalTextCalibrationTests {
    @Test func minSeedingOnUnwatermarkedProseIsNull() throws {
        let docs = try SampleWatermark.read("control.jsonl.gz")
        var zs: [Double] = []
        for scheme in WatermarkScheme.allCases {
            for h in [2, 3] {
                for key: UInt64 in 1...10 {
                    let parameters = WatermarkParameters(scheme: scheme, contextWidth: h, seeding: .min)
                    var test = RadioactivityTest(key: WatermarkKey(key), parameters: parameters)
                    for doc in docs { test.excludeContexts(ofPrompt: doc.promptIDs) }
                    for doc in docs { test.add(ids: doc.textIDs) }
                    zs.append(test.result().score.z)
                }
            }
        }
        // 40 tests of a null: |z| beyond 4.5 has probability ~3e-4 in all of them together.
        #expect(zs.allSatisfy { abs($0) < 4.5 }, "z = \(zs.map { ($0 * 100).rounded() / 100 })")
        let mean = zs.reduce(0, +) / Double(zs.count)
        #expect(abs(mean) < 4.5 / Double(zs.count).squareRoot() * 1.5)
    }
}
