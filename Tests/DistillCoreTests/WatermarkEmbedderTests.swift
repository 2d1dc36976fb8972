import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The embedder and the detector round-trip: text sampled with the watermark from a toy bigram
/// model is detected; the same model without the watermark is not.
@Suite struct WatermarkEmbedderTests {
    /// A toy next-token model: after each token, 40 candidates from a 3,000-word vocabulary with
    /// Zipf-like weights, both fixed by the previous token (like the Samples' n-gram models).
    struct BigramModel {
        let vocabulary: [UInt64]

        init(seed: UInt64) {
            var rng = RepeatableRandomNumberGenerator(seed: seed)
            vocabulary = (0..<3000).map { _ in rng.next() }
        }

        func candidates(after previous: UInt64) -> [WatermarkEmbedder.Candidate] {
            var rng = RepeatableRandomNumberGenerator(seed: previous)
            return (1...40).map { rank in
                WatermarkEmbedder.Candidate(
                    token: vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)], probability: 1 / Double(rank))
            }
        }
    }

    static func generate(
        model: BigramModel, embedder: WatermarkEmbedder?, documents: Int, length: Int, seed: UInt64
    ) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        let h = embedder?.prf.parameters.contextWidth ?? 1
        return (0..<documents).map { _ in
            var ids = (0..<h).map { _ in model.vocabulary[Int.random(in: 0..<model.vocabulary.count, using: &rng)] }
            while ids.count < length {
                let candidates = model.candidates(after: ids[ids.count - 1])
                if let embedder {
                    ids.append(embedder.sample(from: candidates, context: Array(ids.suffix(h)), using: &rng))
                } else {
                    let total = candidates.reduce(0) { $0 + $1.probability }
                    var u = Double.random(in: 0..<total, using: &rng)
                    ids.append(
                        candidates.first {
                            u -= $0.probability
                            return u < 0
                        }?.token ?? candidates[0].token)
                }
            }
            return ids
        }
    }

    @Test(arguments: [
        WatermarkParameters(scheme: .kgw, gamma: 0.25, contextWidth: 1, seeding: .chain),
        WatermarkParameters(scheme: .kgw, gamma: 0.5, contextWidth: 3, seeding: .min),
        WatermarkParameters(scheme: .gumbel, contextWidth: 1, seeding: .chain),
        WatermarkParameters(scheme: .gumbel, contextWidth: 2, seeding: .min),
    ])
    func roundTrip(parameters: WatermarkParameters) {
        let key = WatermarkKey(0x5EED_0F_7E57)
        let model = BigramModel(seed: 1)
        let embedder = WatermarkEmbedder(key: key, parameters: parameters, delta: 2)
        let detector = WatermarkDetector(key: key, parameters: parameters)
        let marked = Self.generate(model: model, embedder: embedder, documents: 40, length: 200, seed: 2)
        let plain = Self.generate(model: model, embedder: nil, documents: 40, length: 200, seed: 3)
        let markedMedian = Distribution(marked.map { detector.score(ids: $0).log10P }).median
        let plainMedian = Distribution(plain.map { detector.score(ids: $0).log10P }).median
        #expect(markedMedian < -6, "\(parameters): marked median log10 p \(markedMedian)")
        #expect(plainMedian > -2, "\(parameters): plain median log10 p \(plainMedian)")
        // A wrong key sees nothing.
        let other = WatermarkDetector(key: WatermarkKey(1), parameters: parameters)
        #expect(Distribution(marked.map { other.score(ids: $0).log10P }).median > -2)
    }

    @Test func biasMultipliesGreenWeightsByExpDelta() {
        let key = WatermarkKey(77)
        let embedder = WatermarkEmbedder(key: key, parameters: WatermarkParameters(), delta: 2)
        let candidates = (0..<50).map { WatermarkEmbedder.Candidate(token: UInt64($0) &* 0x9E37_79B9, probability: 1) }
        let biased = embedder.biased(candidates, context: [9])
        let seed = embedder.prf.seed(context: [9])
        let greens = candidates.filter { embedder.prf.isGreen(seed: seed, token: $0.token) }.count
        let total = Double(greens) * exp(2) + Double(50 - greens)
        for (c, b) in zip(candidates, biased) {
            let want = embedder.prf.isGreen(seed: seed, token: c.token) ? exp(2) / total : 1 / total
            #expect(abs(b.probability - want) < 1e-12)
        }
    }
}
