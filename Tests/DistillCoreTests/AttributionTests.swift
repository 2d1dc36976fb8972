import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// Attribution on synthetic "models": each source draws words from a shared Zipf vocabulary whose
/// weights it perturbs by its own log-normal noise, so sources differ in style as real models do.
@Suite struct AttributionTests {
    /// Words of letters only (attribution's most-frequent-word features are alphabetic): "qa", "qb", ….
    static let vocabulary = (0..<300).map { i -> String in
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return "q" + String(letters[i / 26 % 26]) + String(letters[i % 26])
    }

    static func source(seed: UInt64, spread: Double = 0.35) -> [Double] {
        var rng = SplitMixRandom(seed: seed)
        return vocabulary.indices.map { r in
            // Box–Muller normal from two uniforms.
            let u1 = max(1e-12, Double(rng.next() >> 11) / 9_007_199_254_740_992)
            let u2 = Double(rng.next() >> 11) / 9_007_199_254_740_992
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return exp(spread * z) / Double(r + 1)
        }
    }

    static func corpus(_ weights: [Double], documents: Int, words: Int, seed: UInt64) throws -> StyleCorpus {
        var cumulative: [Double] = []
        var sum = 0.0
        for w in weights {
            sum += w
            cumulative.append(sum)
        }
        var rng = SplitMixRandom(seed: seed)
        let texts = (0..<documents).map { _ -> String in
            (0..<words).map { _ -> String in
                let u = Double(rng.next() >> 11) / 9_007_199_254_740_992 * sum
                var lo = 0
                var hi = cumulative.count - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
                }
                return vocabulary[lo]
            }.joined(separator: " ")
        }
        return try StyleCorpus(texts: texts, options: .init(segmentWords: 0))
    }

    static let options = AttributionOptions(mostFrequentWords: 100, bootstrap: 100, seed: 3)

    @Test func suspectFromAReferenceSourceIsAttributedToIt() throws {
        var hits = 0
        for trial in 0..<6 {
            // Sources that differ clearly (log-normal spread 0.8) against the sampling noise.
            let a = Self.source(seed: 100 + UInt64(trial), spread: 0.8)
            let b = Self.source(seed: 200 + UInt64(trial), spread: 0.8)
            let refs = [
                ("A", try Self.corpus(a, documents: 40, words: 150, seed: 1)),
                ("B", try Self.corpus(b, documents: 40, words: 150, seed: 2)),
            ]
            let suspect = try Self.corpus(a, documents: 30, words: 150, seed: 3)
            let result = try Attribution.attribute(suspect: suspect, references: refs, options: Self.options)
            if result.attributedTo == "A" { hits += 1 }
            #expect(result.references.first?.name == "A")
        }
        #expect(hits >= 5)
    }

    /// The false-positive rate of the p-value on null data: the suspect comes from a source exactly as
    /// far from reference A as reference B is (B's own source, fresh documents), so "closer to A than
    /// the references are to each other" is false and A's p-value must fall below α at about rate α.
    @Test func pValueIsCalibratedOnNullData() throws {
        var falsePositives = 0
        let trials = 30
        for trial in 0..<trials {
            let a = Self.source(seed: 1000 + UInt64(trial))
            let b = Self.source(seed: 2000 + UInt64(trial))
            let refs = [
                ("A", try Self.corpus(a, documents: 30, words: 120, seed: 11 + UInt64(trial))),
                ("B", try Self.corpus(b, documents: 30, words: 120, seed: 12 + UInt64(trial))),
            ]
            let suspect = try Self.corpus(b, documents: 20, words: 120, seed: 13 + UInt64(trial))
            let result = try Attribution.attribute(suspect: suspect, references: refs, options: Self.options)
            let pA = try #require(result.references.first { $0.name == "A" }?.pValue)
            if pA <= Self.options.alpha { falsePositives += 1 }
            #expect(result.attributedTo != "A")
        }
        // Nominal level 0.05: about 1.5 of 30; allow sampling noise.
        #expect(falsePositives <= 5, "p ≤ α in \(falsePositives) of \(trials) null trials")
    }

    @Test func resultIsTheSameForAnyThreadCountAndSeeded() throws {
        let refs = [
            ("A", try Self.corpus(Self.source(seed: 5), documents: 20, words: 100, seed: 1)),
            ("B", try Self.corpus(Self.source(seed: 6), documents: 20, words: 100, seed: 2)),
        ]
        let suspect = try Self.corpus(Self.source(seed: 5), documents: 10, words: 100, seed: 3)
        let one = try Attribution.attribute(suspect: suspect, references: refs, options: Self.options, threads: 1)
        let three = try Attribution.attribute(suspect: suspect, references: refs, options: Self.options, threads: 3)
        #expect(one == three)
    }

    @Test func needsTwoReferences() throws {
        let a = try Self.corpus(Self.source(seed: 5), documents: 5, words: 50, seed: 1)
        #expect(throws: DistillError.self) {
            try Attribution.attribute(suspect: a, references: [("A", a)], options: Self.options)
        }
    }

    @Test func burrowsDeltaWithCorporaBasisFollowsTheDefinition() throws {
        // Three references and a suspect with hand-checkable frequencies of two words.
        let texts: [(String, [String])] = [
            ("A", ["the the the of"]), ("B", ["the of of of"]), ("C", ["the the of of"]),
        ]
        let refs = try texts.map { ($0.0, try StyleCorpus(texts: $0.1, options: .init(segmentWords: 0))) }
        let suspect = try StyleCorpus(texts: ["the the the the"], options: .init(segmentWords: 0))
        var o = AttributionOptions(
            mostFrequentWords: 0, functionWords: true, basis: .corpora, distance: .burrows, bootstrap: 10)
        o.alpha = 0.5
        let r = try Attribution.attribute(suspect: suspect, references: refs, options: o)
        // "the": A .75, B .25, C .5 → mean .5, sd .25; suspect 1 → z 2. z(A)=1, z(B)=-1, z(C)=0.
        // "of" mirrors it: suspect z −2, z(A) −1, z(B) 1, z(C) 0. Delta(A) = 1, Delta(B) = 3, Delta(C) = 2.
        let d = Dictionary(uniqueKeysWithValues: r.references.map { ($0.name, $0.burrowsDelta) })
        #expect(abs(d["A"]! - 1) < 1e-12 && abs(d["B"]! - 3) < 1e-12 && abs(d["C"]! - 2) < 1e-12)
        #expect(r.vocabulary == ["the", "of"])
    }
}
