import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct PhraseLogOddsTests {
    static func counts(_ texts: [String], widths: ClosedRange<Int> = 1...3) -> PhraseCounts {
        var c = PhraseCounts(widths: widths)
        var scratch: [UInt8] = []
        let normalizer = TextNormalizer()
        for t in texts {
            var copy = t
            copy.withUTF8 { c.add(utf8: $0, normalizer: normalizer, scratch: &scratch) }
        }
        return c
    }

    @Test func plantedPhraseComesFirst() {
        var rng = RepeatableRandomNumberGenerator(seed: 9)
        var a: [String] = []
        var b: [String] = []
        for i in 0..<80 {
            let filler = CorpusBuilder.randomText(words: 60, using: &rng)
            a.append(i % 2 == 0 ? filler + " Let us delve into the tapestry." : filler)
            b.append(CorpusBuilder.randomText(words: 60, using: &rng))
        }
        let top = PhraseLogOdds.overRepresented(Self.counts(a), against: Self.counts(b), top: 10)
        let phrases = top.map(\.phrase)
        #expect(phrases.contains("delve into the") || phrases.contains("delve"))
        #expect(top.first.map { $0.z > 3 } ?? false)
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.z >= $1.z })
    }

    @Test func definitionOnAHandExample() {
        // One width, words only: A = "x x y", B = "y y x"; prior pooled (x: 3, y: 3 of 6), α₀ = 6 → α = 3.
        let a = Self.counts(["x x y"], widths: 1...1)
        let b = Self.counts(["y y x"], widths: 1...1)
        let top = PhraseLogOdds.overRepresented(a, against: b, priorStrength: 6, minCount: 1, top: 5)
        let x = top.first { $0.phrase == "x" }!
        let delta = log((2.0 + 3) / (3 + 6 - 2 - 3)) - log((1.0 + 3) / (3 + 6 - 1 - 3))
        #expect(abs(x.logOdds - delta) < 1e-12)
        #expect(abs(x.z - delta / (1 / 5.0 + 1 / 4.0).squareRoot()) < 1e-12)
    }

    @Test func nullCorporaGiveFewLargeZScores() {
        // Both corpora drawn from the same generator: |z| > 3.3 (two-sided p ≈ 0.001) should be rare.
        var rng = RepeatableRandomNumberGenerator(seed: 21)
        let a = (0..<60).map { _ in CorpusBuilder.randomText(words: 80, using: &rng) }
        let b = (0..<60).map { _ in CorpusBuilder.randomText(words: 80, using: &rng) }
        let all = PhraseLogOdds.overRepresented(Self.counts(a), against: Self.counts(b), top: 100_000)
        let large = all.filter { abs($0.z) > 3.3 }.count
        #expect(Double(large) <= max(3, 0.01 * Double(all.count)), "\(large) of \(all.count)")
    }

    /// ``PhraseLogOdds/run(a:b:background:widths:priorStrength:minCount:top:corpus:)`` on corpora on
    /// disk: the planted phrase comes first, and the result is the counts' own.
    @Test func runOnFilesFindsThePlantedPhrase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "distillscope-phrases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = RepeatableRandomNumberGenerator(seed: 21)
        func write(_ name: String, planted: Bool) throws -> String {
            let texts = (0..<60).map { i -> String in
                let filler = CorpusBuilder.randomText(words: 50, using: &rng)
                return planted && i % 2 == 0 ? filler + " Let us delve into the tapestry." : filler
            }
            let url = directory.appendingPathComponent(name + ".jsonl")
            try SyntheticTextModel.jsonl(texts).write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let a = try write("a", planted: true)
        let b = try write("b", planted: false)
        let background = try write("background", planted: false)
        let corpus = CorpusOptions(threads: 2)
        let comparison = try PhraseLogOdds.run(a: a, b: b, widths: 1...3, minCount: 3, top: 10, corpus: corpus)
        #expect(comparison.documentsA == 60 && comparison.documentsB == 60)
        #expect(comparison.documentsBackground == nil)
        #expect(
            ["delve into the", "delve", "tapestry", "delve into", "into the tapestry"].contains(
                comparison.phrases.first?.phrase ?? ""))
        let expected = PhraseLogOdds.overRepresented(
            try PhraseCounts.read(paths: [a], widths: 1...3, corpusOptions: corpus),
            against: try PhraseCounts.read(paths: [b], widths: 1...3, corpusOptions: corpus), minCount: 3, top: 10)
        #expect(comparison.phrases == expected)

        let withPrior = try PhraseLogOdds.run(a: a, b: b, background: background, top: 10, corpus: corpus)
        #expect(withPrior.documentsBackground == 60)
        let expectedWithPrior = PhraseLogOdds.overRepresented(
            try PhraseCounts.read(paths: [a], widths: 1...3, corpusOptions: corpus),
            against: try PhraseCounts.read(paths: [b], widths: 1...3, corpusOptions: corpus),
            prior: try PhraseCounts.read(paths: [background], widths: 1...3, corpusOptions: corpus), top: 10)
        #expect(withPrior.phrases == expectedWithPrior)
        #expect(withPrior.phrases != comparison.phrases)
    }
}
