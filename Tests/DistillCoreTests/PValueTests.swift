import DistillCore
import Foundation
import Testing

/// The p-value helpers the report and scan layers decide with.
@Suite struct PValueTests {
    @Test(arguments: [
        (log10P: -3.0, alpha: 1e-3, rejects: true),
        (log10P: -2.999, alpha: 1e-3, rejects: false),
        (log10P: -900.0, alpha: 1e-3, rejects: true),
        (log10P: -1.31, alpha: 0.05, rejects: true),
        (log10P: -1.3, alpha: 0.05, rejects: false),
        (log10P: 0.0, alpha: 0.05, rejects: false),
    ])
    func rejectsAtAlpha(log10P: Double, alpha: Double, rejects: Bool) {
        #expect(PValue.rejects(log10P: log10P, alpha: alpha) == rejects)
    }

    @Test func log10FromLinearKeepsZeroFinite() {
        #expect(abs(PValue.log10(fromLinear: 0.01) - -2) < 1e-12)
        #expect(PValue.log10(fromLinear: 0) == -Double.greatestFiniteMagnitude)
        #expect(PValue.log10(fromLinear: 1) == 0)
    }

    @Test func rankFirstIntervalIsWilsonOfTheCount() throws {
        let json = """
            {"name": "a", "segments": 10, "words": 100, "burrowsDelta": 1, "cosineDelta": 0.5, "distance": 0.5,
             "rankFirstFraction": 0.9, "pValue": 0.01, "noneThreshold": 0.7}
            """
        let reference = try JSONDecoder().decode(AttributionResult.Reference.self, from: Data(json.utf8))
        let interval = reference.rankFirstInterval(replicates: 200)
        #expect(interval == WilsonInterval(successes: 180, trials: 200))
        #expect(interval.lower < 0.9 && interval.upper > 0.9)
    }
}
