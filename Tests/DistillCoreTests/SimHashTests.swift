import DistillCore
import DistillTestSupport
import Testing

/// SimHash against its exact definition (SimHash.swift) and its near-duplicate behaviour.
@Suite struct SimHashTests {
    /// The definition, written out with no vector code: per-bit counters in feature order.
    static func reference(_ features: [UInt64], weights: [Float]? = nil) -> UInt64 {
        var code: UInt64 = 0
        if let weights {
            var counters = [Float](repeating: 0, count: 64)
            for (h, w) in zip(features, weights) {
                for b in 0..<64 { counters[b] += (h >> UInt64(b)) & 1 == 1 ? w : -w }
            }
            for b in 0..<64 where counters[b] > 0 { code |= 1 << UInt64(b) }
        } else {
            var counters = [Int](repeating: 0, count: 64)
            for h in features {
                for b in 0..<64 { counters[b] += (h >> UInt64(b)) & 1 == 1 ? 1 : -1 }
            }
            for b in 0..<64 where counters[b] > 0 { code |= 1 << UInt64(b) }
        }
        return code
    }

    @Test func knownAnswers() {
        // Bit 0: +1 -1 -1 < 0; bits 1, 2, 3: two of three set; bits 4...63: never set.
        #expect(SimHash.fingerprint(features: [0b1011, 0b0110, 0b1100]) == 0b1110)
        // A tie (counter 0) gives a clear bit.
        #expect(SimHash.fingerprint(features: [1, 0]) == 0)
        #expect(SimHash.fingerprint(features: []) == 0)
        #expect(SimHash.fingerprint(features: [.max]) == .max)
        #expect(SimHash.fingerprint(features: [1 << 63, 1 << 63, 1]) == 1 << 63)
        // Weighted: bit 0 gets +2 -1, bit 1 gets -2 +1.
        #expect(SimHash.fingerprint(features: [0b01, 0b10], weights: [2, 1]) == 0b01)
        #expect(SimHash.fingerprint(features: [0b01, 0b10], weights: [1, 1]) == 0)
        #expect(SimHash.fingerprint(features: [0xF0, 0x0F], weights: [0.5, 0.25]) == 0xF0)
    }

    /// Sizes around the kernel's 255-word flush and its 8-bit lanes.
    @Test(arguments: [1, 2, 7, 254, 255, 256, 511, 1000])
    func matchesDefinition(count: Int) {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(count))
        let features = (0..<count).map { _ in rng.next() & rng.next() }  // biased bits: fewer ties
        let weights = (0..<count).map { _ in Float.random(in: -1...3, using: &rng) }
        #expect(SimHash.fingerprint(features: features) == Self.reference(features))
        #expect(SimHash.fingerprint(features: features, weights: weights) == Self.reference(features, weights: weights))
        let ones = [Float](repeating: 1, count: count)
        #expect(SimHash.fingerprint(features: features, weights: ones) == SimHash.fingerprint(features: features))
    }

    /// A text of `words` words drawn from a vocabulary of 5,000.
    static func randomWords(_ words: Int, using rng: inout RepeatableRandomNumberGenerator) -> [String] {
        (0..<words).map { _ in "w\(rng.next() % 5000)" }
    }

    @Test func textUsesWordShingles() {
        let text = "The quick brown fox jumps over the lazy dog"
        var pipeline = TextPipeline()
        let shingles = Shingler.hashes(of: pipeline.wordIDs(of: text), n: 3)
        #expect(SimHash.fingerprint(of: text) == SimHash.fingerprint(features: shingles))
        #expect(
            SimHash.fingerprint(of: "THE  quick\nbrown fox jumps over the lazy DOG") == SimHash.fingerprint(of: text))
        let bigrams = Shingler.hashes(of: pipeline.wordIDs(of: text), n: 2)
        #expect(SimHash.fingerprint(of: text, shingleWidth: 2) == SimHash.fingerprint(features: bigrams))
        // Shorter than a shingle: one shingle of the whole text; empty: 0.
        #expect(SimHash.fingerprint(of: "two words") == StableHash.shingle(pipeline.wordIDs(of: "two words")))
        #expect(SimHash.fingerprint(of: "") == 0)
    }

    @Test func nearDuplicatesAreClose() {
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        var nearTotal = 0
        var farTotal = 0
        let trials = 20
        for _ in 0..<trials {
            let words = Self.randomWords(400, using: &rng)
            var edited = words
            for _ in 0..<4 { edited[Int(rng.next() % 400)] = "edit\(rng.next() % 100)" }
            let original = SimHash.fingerprint(of: words.joined(separator: " "))
            #expect(SimHash.fingerprint(of: words.joined(separator: "  ")) == original)
            let near = HammingIndex.distance(original, SimHash.fingerprint(of: edited.joined(separator: " ")))
            let far = HammingIndex.distance(
                original, SimHash.fingerprint(of: Self.randomWords(400, using: &rng).joined(separator: " ")))
            #expect(near <= 14)
            #expect(far >= 16)
            nearTotal += near
            farTotal += far
        }
        // Unrelated texts differ in about half the bits. Four edits change at most 12 of 398
        // shingles, a cosine of about 0.97 between the shingle vectors, so about 64 · acos(0.97) / π
        // ≈ 5 bits (Charikar 2002).
        #expect(nearTotal <= 8 * trials)
        #expect((28 * trials)...(36 * trials) ~= farTotal)
    }

    @Test(arguments: [1, 2, 4])
    func batchIsIndependentOfThreads(threads: Int) {
        var rng = RepeatableRandomNumberGenerator(seed: 11)
        let texts = (0..<37).map { i in CorpusBuilder.randomText(words: i * 3, unicode: i % 3 == 0, using: &rng) }
        let expected = texts.map { SimHash.fingerprint(of: $0) }
        #expect(SimHash.fingerprints(of: texts, threads: threads) == expected)
        #expect(SimHash.fingerprints(of: [], threads: threads).isEmpty)
    }
}
