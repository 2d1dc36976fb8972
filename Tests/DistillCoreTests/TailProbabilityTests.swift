import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct TailProbabilityTests {
    struct Vectors: Decodable {
        struct Binomial: Decodable {
            var n: Int
            var s: Int
            var p: Double
            var lnTail: String
        }
        struct Gamma: Decodable {
            var a: Double
            var x: Double
            var lnTail: String
        }
        var binomial: [Binomial]
        var gamma: [Gamma]
    }

    static let vectors: Vectors = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("tail-vectors.json")))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try! decoder.decode(Vectors.self, from: data)
    }()

    /// Relative agreement in log space, 1e-9 (the bar), with an absolute floor for ln p ≈ 0.
    func expectClose(_ got: Double, _ want: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let tolerance = max(abs(want) * 1e-9, 1e-300)
        #expect(abs(got - want) <= tolerance, "\(what): got \(got), want \(want)", sourceLocation: sourceLocation)
    }

    @Test func binomialTailMatchesMpmath() {
        #expect(Self.vectors.binomial.count >= 100)
        for v in Self.vectors.binomial {
            let want = Double(v.lnTail)!
            let got = BinomialTail.logUpperTail(n: v.n, successes: v.s, p: v.p)
            expectClose(got, want, "ln P[Bin(\(v.n), \(v.p)) ≥ \(v.s)]")
        }
    }

    @Test func gammaTailMatchesMpmath() {
        #expect(Self.vectors.gamma.count >= 50)
        for v in Self.vectors.gamma {
            let want = Double(v.lnTail)!
            let got = GammaTail.logUpperTail(shape: v.a, x: v.x)
            expectClose(got, want, "ln Q(\(v.a), \(v.x))")
        }
    }

    @Test func extremeValuesDoNotUnderflow() {
        // P[Bin(4000, 1/4) ≥ 4000] = 4^−4000 ≈ 10^−2408.24.
        let log10P = BinomialTail.log10UpperTail(n: 4000, successes: 4000, p: 0.25)
        #expect(abs(log10P - 4000 * log10(0.25)) < 1e-9 * 2408)
        // The vectors reach below 1e-1000.
        #expect(Self.vectors.binomial.contains { Double($0.lnTail)! < -1000 * M_LN10 })
        #expect(Self.vectors.gamma.contains { Double($0.lnTail)! < -1000 * M_LN10 })
        let gammaLog10 = GammaTail.logUpperTail(shape: 1000, x: 5000) / M_LN10
        #expect(gammaLog10 < -1000 && gammaLog10.isFinite)
    }

    @Test func edgeCases() {
        #expect(BinomialTail.logUpperTail(n: 10, successes: 0, p: 0.25) == 0)
        #expect(BinomialTail.logUpperTail(n: 10, successes: 11, p: 0.25) == -.infinity)
        #expect(BinomialTail.logUpperTail(n: 0, successes: 0, p: 0.25) == 0)
        #expect(GammaTail.logUpperTail(shape: 3, x: 0) == 0)
        // Q(1, x) = e^−x exactly.
        #expect(abs(GammaTail.logUpperTail(shape: 1, x: 7.5) + 7.5) < 1e-12)
    }

    @Test func randomizedPValueBracketsTheExactOne() {
        let exact = BinomialTail.logUpperTail(n: 200, successes: 60, p: 0.25)
        let above = BinomialTail.logUpperTail(n: 200, successes: 61, p: 0.25)
        let mid = BinomialTail.logRandomizedUpperTail(n: 200, successes: 60, p: 0.25, u: 0.5)
        #expect(above < mid && mid < exact)
        #expect(abs(BinomialTail.logRandomizedUpperTail(n: 200, successes: 60, p: 0.25, u: 1) - exact) < 1e-12)
    }

    @Test func wilsonInterval() {
        // Wilson 95% for 92/230: computed by hand from the closed form.
        let w = WilsonInterval(successes: 92, trials: 230)
        let z = 1.959963984540054
        let n = 230.0
        let ph = 92.0 / 230
        let centre = (ph + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (ph * (1 - ph) / n + z * z / (4 * n * n)).squareRoot()
        #expect(abs(w.lower - (centre - half)) < 1e-12 && abs(w.upper - (centre + half)) < 1e-12)
        #expect(WilsonInterval(successes: 0, trials: 0).lower == 0)
        #expect(WilsonInterval(successes: 0, trials: 10).lower == 0)
    }

    @Test func kolmogorovSmirnov() {
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        let uniform = (0..<5000).map { _ in Double.random(in: 0..<1, using: &rng) }
        #expect(KolmogorovSmirnov(uniformSample: uniform).pValue > 0.01)
        let skewed = uniform.map { $0 * $0 }
        #expect(KolmogorovSmirnov(uniformSample: skewed).pValue < 1e-6)
        // Known value: Q(1.36) ≈ 0.0494 (the 5% critical value of Kolmogorov's distribution).
        let ks = KolmogorovSmirnov(uniformSample: [0.5])
        #expect(ks.statistic == 0.5)
    }
}
