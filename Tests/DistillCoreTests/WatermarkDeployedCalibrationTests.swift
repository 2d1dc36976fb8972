import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// Null calibration of the deployed KGW detector: on unwatermarked text (ids drawn uniformly, so each
/// scored token is green with probability exactly ⌊|V|γ⌋/|V|, independently of the past) the MarkLLM
/// z-score and the exact binomial p-value must give the nominal false-positive rate.
@Suite struct WatermarkDeployedCalibrationTests {
    static let documentCount = 10_000
    /// A small vocabulary keeps the green lists cheap to build in a debug test (2,000 lists of 2,000).
    static let vocabularySize = 2000

    static func nullDocuments(seed: UInt64) -> [[Int]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<documentCount).map { _ in
            (0..<Int.random(in: 50...300, using: &rng)).map { _ in Int.random(in: 0..<vocabularySize, using: &rng) }
        }
    }

    /// MarkLLM's default scheme (γ = 0.5, "time", h = 1). z ≥ 3.0902 (α = 1e-3 one-sided under the
    /// normal approximation MarkLLM uses) and the exact binomial p ≤ 1e-3 must both stay inside the
    /// binomial 99% interval of the false-positive count; the randomised exact p-values must pass KS.
    @Test func markLLMNullIsCalibrated() throws {
        let scheme = try KGWScheme(vocabularySize: Self.vocabularySize, hashKey: 0xC0FFEE)
        let detector = KGWDetector(scheme: scheme)
        var cache = KGWGreenListCache(scheme: scheme)
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        var zHits = 0
        var exactHits = 0
        var randomizedHits = 0
        var randomized: [Double] = []
        randomized.reserveCapacity(Self.documentCount)
        for ids in Self.nullDocuments(seed: 1) {
            let s = try detector.score(ids: ids, cache: &cache)
            if s.z >= 3.090_232_306_167_813 { zHits += 1 }
            if s.log10P <= -3 { exactHits += 1 }
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            let p = exp(BinomialTail.logRandomizedUpperTail(n: s.scored, successes: s.green, p: scheme.gamma, u: u))
            randomized.append(p)
            if p <= 1e-3 { randomizedHits += 1 }
        }
        let interval = WatermarkCalibrationTests.binomialInterval(n: Self.documentCount, alpha: 1e-3)
        let ks = KolmogorovSmirnov(uniformSample: randomized)
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic), p = \(ks.pValue)")
        #expect(interval.contains(randomizedHits), "randomised: \(randomizedHits) not in \(interval)")
        #expect(interval.contains(zHits), "z: \(zHits) not in \(interval)")
        #expect(exactHits <= interval.upperBound, "exact: \(exactHits)")
        #expect(cache.builds <= Self.vocabularySize)
    }

    /// SynthID-Text with the package's default table size (2^16) and context history (1,024), 12 keys,
    /// n = 4: on uniform ids every kept g-value is 1 with the table's share of ones, so the exact binomial p
    /// of the Mean score and its randomised version must give the nominal false-positive rate and pass KS. (Distinct
    /// n-grams can share a table entry, which repeats a bit within a document; at this size the
    /// dependence must stay inside the interval — this test is what checks it.)
    @Test func synthIDNullIsCalibrated() throws {
        var keyRNG = RepeatableRandomNumberGenerator(seed: 31)
        let scheme = try SynthIDScheme(
            keys: (0..<12).map { _ in Int64(bitPattern: keyRNG.next()) }, ngramLength: 4, samplingTableSize: 1 << 16,
            samplingTableSeed: 0, contextHistorySize: 1024)
        let watermark = DeployedWatermark.synthID(scheme, mask: .init())
        var scorer = DeployedWatermark.Scorer(watermark)
        // The null success rate is the table's share of ones (0.5 only on average over tables).
        let p0 = watermark.nullProbability
        var rng = RepeatableRandomNumberGenerator(seed: 8)
        var exactHits = 0
        var randomizedHits = 0
        var randomized: [Double] = []
        randomized.reserveCapacity(Self.documentCount)
        for ids in Self.nullDocuments(seed: 2) {
            let s = scorer.score(ids: ids.map { UInt64($0) })
            if s.log10P <= -3 { exactHits += 1 }
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            let p = exp(BinomialTail.logRandomizedUpperTail(n: s.scored, successes: s.green, p: p0, u: u))
            randomized.append(p)
            if p <= 1e-3 { randomizedHits += 1 }
        }
        let interval = WatermarkCalibrationTests.binomialInterval(n: Self.documentCount, alpha: 1e-3)
        let ks = KolmogorovSmirnov(uniformSample: randomized)
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic), p = \(ks.pValue)")
        #expect(interval.contains(randomizedHits), "randomised: \(randomizedHits) not in \(interval)")
        #expect(exactHits <= interval.upperBound, "exact: \(exactHits)")
    }
}
