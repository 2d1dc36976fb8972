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
}
