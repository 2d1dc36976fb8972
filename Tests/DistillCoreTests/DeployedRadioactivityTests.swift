import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// Radioactivity and detection for the deployed schemes (issue 15, items 3 and 6): null calibration
/// over 200 unrelated corpora per scheme, power on a teacher → student experiment (a student trained
/// on 10% watermarked text is radioactive, its control is not), and the prompt-copy trap.
@Suite struct DeployedRadioactivityTests {
    typealias Reweighting = DeployedWatermarkText.Reweighting

    static func radioactivity(
        _ watermark: DeployedWatermark, _ documents: [WatermarkDocument], skipPrompts: Bool = true
    ) -> RadioactivityTest.Result {
        var test = DeployedRadioactivityTest(watermark: watermark, options: .init(skipPromptContexts: skipPrompts))
        test.addAll(documents)
        return test.result()
    }

    static let model = DeployedWatermarkText(vocabularySize: 2000)

    static func kgw() throws -> KGWScheme { try KGWScheme(vocabularySize: 2000, gamma: 0.5, hashKey: 0xC0FFEE) }

    static func synthID() throws -> SynthIDScheme {
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        return try SynthIDScheme(
            keys: (0..<8).map { _ in Int64(bitPattern: rng.next()) }, ngramLength: 3, samplingTableSize: 1024,
            samplingTableSeed: 5, contextHistorySize: 1024)
    }

    static func watermarks() throws -> [(DeployedWatermark, Reweighting)] {
        let kgw = try kgw()
        let synthID = try synthID()
        return [
            (.kgw(kgw, ignoreRepeatedNgrams: false), DeployedWatermarkText.kgw(kgw, delta: 2)),
            (.synthID(synthID, mask: .init()), DeployedWatermarkText.synthID(synthID)),
        ]
    }

    @Test func studentOfAWatermarkedTeacherIsRadioactive() throws {
        for (watermark, teacher) in try Self.watermarks() {
            let name = watermark.scheme.rawValue
            let student = Self.radioactivity(
                watermark, Self.model.student(teacher: teacher, markedFraction: 0.1, seed: 40))
            let control = Self.radioactivity(
                watermark, Self.model.student(teacher: teacher, markedFraction: 0, seed: 40))
            print(
                "\(name): student 10% log10 p \(student.score.log10P) (N \(student.score.scored), S "
                    + "\(student.score.green)), control \(control.score.log10P) (N \(control.score.scored))")
            #expect(student.score.log10P <= -6, "\(name) student")
            #expect(control.score.log10P > -2, "\(name) control")
        }
    }

    /// Answers that copy watermarked prompts are radioactive without the prompt filter and not with
    /// the default per-document one.
    @Test func copiedWatermarkedPromptsAreNotRadioactive() throws {
        for (watermark, teacher) in try Self.watermarks() {
            let name = watermark.scheme.rawValue
            let prompts = Self.model.generate(watermark: teacher, count: 200, length: 60, seed: 50)
            let tails = Self.model.generate(watermark: nil, count: 200, length: 30, seed: 51)
            let documents = zip(prompts, tails).enumerated().map { d, pair in
                WatermarkDocument(id: "d\(d)", promptIDs: pair.0, textIDs: pair.0 + pair.1)
            }
            let unfiltered = Self.radioactivity(watermark, documents, skipPrompts: false)
            let filtered = Self.radioactivity(watermark, documents)
            print(
                "\(name) copied prompts: unfiltered \(unfiltered.score.log10P), per-document \(filtered.score.log10P)")
            #expect(unfiltered.score.log10P < -10, "\(name)")
            #expect(filtered.score.log10P > -2, "\(name)")
        }
    }

    /// 200 unrelated corpora per scheme (30 texts of 80 uniform ids with 20-id prompts; a key per
    /// corpus): false positives at α = 0.01 within the binomial 99% interval (randomised p-values;
    /// the reported exact ones, being conservative, at most its upper end), and the randomised
    /// p-values uniform (KS).
    @Test(arguments: ["kgw-time-h1", "kgw-additive-h2", "kgw-simple_1", "synthid"])
    func nullIsCalibrated(variant: String) throws {
        var rng = RepeatableRandomNumberGenerator(seed: 700)
        let corpora = 200
        let vocabularySize = 500
        var exactHits = 0
        var randomizedHits = 0
        var randomized: [Double] = []
        for _ in 0..<corpora {
            let key = rng.next()
            let watermark: DeployedWatermark
            switch variant {
            case "kgw-time-h1":
                watermark = .kgw(
                    try KGWScheme(vocabularySize: vocabularySize, gamma: 0.25, hashKey: key),
                    ignoreRepeatedNgrams: false)
            case "kgw-additive-h2":
                watermark = .kgw(
                    try KGWScheme(
                        vocabularySize: vocabularySize, gamma: 0.5, hashKey: key, prefixLength: 2,
                        seeding: .markLLM(.additive)), ignoreRepeatedNgrams: false)
            case "kgw-simple_1":
                watermark = .kgw(
                    try KGWScheme(
                        vocabularySize: vocabularySize, gamma: 0.5, hashKey: key, seeding: .lmWatermarkingAdditive),
                    ignoreRepeatedNgrams: false)
            default:
                var keyRNG = RepeatableRandomNumberGenerator(seed: key)
                watermark = .synthID(
                    try SynthIDScheme(
                        keys: (0..<6).map { _ in Int64(bitPattern: keyRNG.next()) }, ngramLength: 3,
                        samplingTableSize: 1024, samplingTableSeed: 5), mask: .init())
            }
            let documents = (0..<30).map { d in
                WatermarkDocument(
                    id: "d\(d)",
                    promptIDs: (0..<20).map { _ in UInt64.random(in: 0..<UInt64(vocabularySize), using: &rng) },
                    textIDs: (0..<80).map { _ in UInt64.random(in: 0..<UInt64(vocabularySize), using: &rng) })
            }
            let s = Self.radioactivity(watermark, documents).score
            if s.log10P <= -2 { exactHits += 1 }
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            let p = exp(
                BinomialTail.logRandomizedUpperTail(
                    n: s.scored, successes: s.green, p: watermark.nullProbability, u: u))
            randomized.append(p)
            if p <= 0.01 { randomizedHits += 1 }
        }
        let interval = WatermarkCalibrationTests.binomialInterval(n: corpora, alpha: 0.01)
        let ks = KolmogorovSmirnov(uniformSample: randomized)
        print(
            "\(variant) null: exact \(exactHits), randomised \(randomizedHits) of \(corpora), interval \(interval), KS D \(ks.statistic) p \(ks.pValue)"
        )
        #expect(interval.contains(randomizedHits))
        #expect(exactHits <= interval.upperBound)
        #expect(ks.pValue > 0.01, "KS D = \(ks.statistic)")
    }

    /// Per-document scores: KGW's z and counts are the detector's (MarkLLM); SynthID's mean and
    /// weighted mean are the package's scores; marked texts are detected and plain ones are not.
    @Test func perDocumentScoresFollowTheReferences() throws {
        for (watermark, teacher) in try Self.watermarks() {
            let marked = Self.model.generate(watermark: teacher, count: 20, length: 200, seed: 60)
            let plain = Self.model.generate(watermark: nil, count: 20, length: 200, seed: 61)
            var scorer = DeployedWatermark.Scorer(watermark)
            let markedScores = marked.map { scorer.score(ids: $0) }
            let plainScores = plain.map { scorer.score(ids: $0) }
            #expect(markedScores.filter { $0.log10P <= -3 }.count >= 18, "\(watermark.scheme)")
            #expect(plainScores.filter { $0.log10P <= -3 }.count <= 1, "\(watermark.scheme)")
            #expect(watermark.scoreAll(marked, threads: 2) == markedScores)
            let ints = marked[0].map { Int($0) }
            switch watermark {
            case .kgw(let scheme, _):
                let reference = try KGWDetector(scheme: scheme).score(ids: ints)
                #expect(markedScores[0].z == reference.z && markedScores[0].green == reference.green)
                #expect(markedScores[0].scored == reference.scored)
            case .synthID(let scheme, let mask):
                #expect(abs(markedScores[0].greenFraction! - scheme.meanScore(ids: ints, mask: mask)) < 1e-12)
                #expect(markedScores[0].weightedMean == scheme.weightedMeanScore(ids: ints, mask: mask))
            }
        }
    }

    /// `--token-ids` input: ids separated by white space, commas or brackets; anything else is an
    /// error naming the document, never its text. SynthID keys parse the same way, signed.
    @Test func tokenIDsAndKeysParse() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-ids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.jsonl")
        try """
        {"id": "a", "prompt": "7 8", "response": "[1, 2,3]\\n 40\\t5"}
        {"id": "b", "response": ""}

        """.write(to: good, atomically: true, encoding: .utf8)
        let documents = try WatermarkCorpus.read(
            paths: [good.path], options: CorpusOptions(threads: 1), tokenization: .tokenIDs, prompts: true
        ).documents
        #expect(documents.map(\.textIDs) == [[1, 2, 3, 40, 5], []])
        #expect(documents[0].promptIDs == [7, 8])
        for (text, name) in [("1 -2", "minus"), ("99999999999999999999", "overflow"), ("1 secret 2", "word")] {
            let bad = dir.appendingPathComponent("\(name).jsonl")
            try "{\"id\": \"x\", \"response\": \"\(text)\"}\n".write(to: bad, atomically: true, encoding: .utf8)
            #expect(throws: DistillError.self, "\(name)") {
                try WatermarkCorpus.read(
                    paths: [bad.path], options: CorpusOptions(threads: 1), tokenization: .tokenIDs, prompts: false)
            }
            do {
                _ = try WatermarkCorpus.read(
                    paths: [bad.path], options: CorpusOptions(threads: 1), tokenization: .tokenIDs, prompts: false)
            } catch {
                #expect(!"\(error)".contains("secret"))
            }
        }
        #expect(try SynthIDScheme.parseKeys("[-1, 2]\n3", source: "keys") == [-1, 2, 3])
        #expect(throws: DistillError.self) { try SynthIDScheme.parseKeys("1 0x10", source: "keys") }
        #expect(throws: DistillError.self) { try SynthIDScheme.parseKeys(" \n", source: "keys") }
    }
}
