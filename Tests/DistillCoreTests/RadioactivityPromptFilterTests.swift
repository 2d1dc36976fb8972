import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The radioactivity test's prompt filter (issue 15, item 4): skipping only the contexts of a
/// document's own prompt keeps the test's power, still defuses answers that copy a watermarked
/// prompt, and keeps the null calibrated.
///
/// The experiment: a bigram teacher watermarked with `ds-kgw` (δ = 2, γ = 0.25, h = 1); trigram
/// students (counts with back-off) trained on 1,500 documents of which 10% (or 0% for the control)
/// are the teacher's; each student answers 400 prompts of unwatermarked text by continuing them.
@Suite struct RadioactivityPromptFilterTests {
    static let key = WatermarkKey(0x7E5C_4E12_D157_11A7)
    static let parameters = WatermarkParameters()
    typealias Bigram = WatermarkEmbedderTests.BigramModel

    static let model = Bigram(seed: 11)

    /// `count` documents of `length` ids from the bigram model, watermarked when `marked`.
    static func bigramText(marked: Bool, count: Int, length: Int, seed: UInt64) -> [[UInt64]] {
        WatermarkEmbedderTests.generate(
            model: model, embedder: marked ? WatermarkEmbedder(key: key, parameters: parameters, delta: 2) : nil,
            documents: count, length: length, seed: seed)
    }

    /// A student trained on `markedFraction` teacher text, answering unwatermarked prompts.
    static func studentCorpus(markedFraction: Double, seed: UInt64) -> [WatermarkDocument] {
        let trainingCount = 1500
        let marked = Int(Double(trainingCount) * markedFraction)
        let training =
            bigramText(marked: true, count: marked, length: 100, seed: seed &+ 1)
            + bigramText(marked: false, count: trainingCount - marked, length: 100, seed: seed &+ 2)
        let student = TrigramStudent(training: training)
        let prompts = bigramText(marked: false, count: 400, length: 10, seed: seed &+ 3)
        var rng = RepeatableRandomNumberGenerator(seed: seed &+ 4)
        return prompts.enumerated().map { d, prompt in
            WatermarkDocument(
                id: "d\(d)", promptIDs: prompt, textIDs: student.continuation(of: prompt, length: 80, using: &rng))
        }
    }

    static func radioactivity(
        _ documents: [WatermarkDocument], filter: RadioactivityTest.PromptFilter, skip: Bool = true
    ) -> RadioactivityTest.Result {
        var test = RadioactivityTest(
            key: key, parameters: parameters, options: .init(skipPromptContexts: skip, promptFilter: filter))
        test.addAll(documents)
        return test.result()
    }

    @Test func perDocumentFilterKeepsPower() {
        let student = Self.studentCorpus(markedFraction: 0.1, seed: 100)
        let document = Self.radioactivity(student, filter: .document)
        let corpus = Self.radioactivity(student, filter: .corpus)
        let tuples = { (r: RadioactivityTest.Result) in
            Double(r.skippedPromptContext) / Double(r.skippedPromptContext + r.skippedDuplicate + r.score.scored)
        }
        print(
            "student 10%: document rule log10 p \(document.score.log10P) (N \(document.score.scored), skipped "
                + "\(tuples(document))), corpus rule \(corpus.score.log10P) (N \(corpus.score.scored), skipped "
                + "\(tuples(corpus)))")
        #expect(document.score.scored > corpus.score.scored)
        #expect(document.score.log10P < corpus.score.log10P - 1)
        #expect(document.score.log10P < -6)

        let control = Self.studentCorpus(markedFraction: 0, seed: 100)
        for filter in RadioactivityTest.PromptFilter.allCases {
            let r = Self.radioactivity(control, filter: filter)
            print("control: \(filter) rule log10 p \(r.score.log10P)")
            #expect(r.score.log10P > -2, "control, \(filter) rule")
        }
    }

    /// A suspect whose prompts are the teacher's watermarked text and whose answers copy them (then
    /// go on in unwatermarked text) looks radioactive without a prompt filter; the default
    /// per-document filter removes every copied tuple.
    @Test func copiedWatermarkedPromptsAreNotRadioactive() {
        let prompts = Self.bigramText(marked: true, count: 300, length: 60, seed: 200)
        let tails = Self.bigramText(marked: false, count: 300, length: 30, seed: 201)
        let documents = zip(prompts, tails).enumerated().map { d, pair in
            WatermarkDocument(id: "d\(d)", promptIDs: pair.0, textIDs: pair.0 + pair.1)
        }
        let unfiltered = Self.radioactivity(documents, filter: .document, skip: false)
        let filtered = Self.radioactivity(documents, filter: .document)
        print("copied prompts: unfiltered log10 p \(unfiltered.score.log10P), document rule \(filtered.score.log10P)")
        #expect(unfiltered.score.log10P < -10)
        #expect(filtered.score.log10P > -2)
        #expect(filtered.skippedPromptContext >= 300 * 59)
    }

    /// 200 unrelated corpora (random ids, random prompts sharing the vocabulary, a key each): the
    /// false-positive rate at α = 0.01 stays within the binomial 99% interval under both rules, and
    /// so does the uniformity of the randomised p-values.
    @Test(arguments: RadioactivityTest.PromptFilter.allCases)
    func nullStaysCalibrated(filter: RadioactivityTest.PromptFilter) {
        var rng = RepeatableRandomNumberGenerator(seed: 300)
        let vocabulary = (0..<2000).map { _ in rng.next() }
        let corpora = 200
        var exactHits = 0
        var randomizedHits = 0
        var randomized: [Double] = []
        for _ in 0..<corpora {
            let key = WatermarkKey(rng.next())
            var test = RadioactivityTest(key: key, parameters: Self.parameters, options: .init(promptFilter: filter))
            let documents = (0..<30).map { d in
                WatermarkDocument(
                    id: "d\(d)",
                    promptIDs: (0..<20).map { _ in vocabulary[Int.random(in: 0..<2000, using: &rng)] },
                    textIDs: (0..<60).map { _ in vocabulary[Int.random(in: 0..<2000, using: &rng)] })
            }
            test.addAll(documents)
            let s = test.result().score
            if s.log10P <= -2 { exactHits += 1 }
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            let p = exp(
                BinomialTail.logRandomizedUpperTail(
                    n: s.scored, successes: s.green, p: Self.parameters.nullGreenProbability, u: u))
            randomized.append(p)
            if p <= 0.01 { randomizedHits += 1 }
        }
        let interval = WatermarkCalibrationTests.binomialInterval(n: corpora, alpha: 0.01)
        let ks = KolmogorovSmirnov(uniformSample: randomized)
        print(
            "null, \(filter) rule: exact \(exactHits), randomised \(randomizedHits) of \(corpora) in \(interval); KS p \(ks.pValue)"
        )
        #expect(interval.contains(randomizedHits))
        #expect(exactHits <= interval.upperBound)
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic)")
    }
}
