import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The identity, watermark, paired and style signals of `score`, on the Samples and on hand-made corpora.
@Suite struct ScoringSignalTests {
    static let key = WatermarkKey(0x7E5C_4E12_D157_11A7)
    static let options = ScoringOptions(probeDocuments: 2000)
    static var samples: String { SampleWatermark.samplesDirectory }

    static func patterns() throws -> IdentityPatterns {
        try IdentityPatterns.load(path: samples + "/identity-patterns.json")
    }

    /// A Sample as a reference; the teacher with its identity patterns and its watermark (key not stored
    /// unless `storeKey`).
    static func reference(_ name: String, storeKey: Bool = false) throws -> ReferenceFingerprint {
        let isTeacher = name == "teacher"
        var fingerprint = try ReferenceFingerprinter.fingerprint(
            paths: [samples + "/\(name).jsonl.gz"], corpusOptions: CorpusOptions(threads: 2), options: options,
            identity: (declared: [], patterns: isTeacher ? try patterns() : nil))
        if isTeacher {
            fingerprint.watermark = WatermarkConfigRecord(
                parameters: WatermarkParameters(), key: key, storeKey: storeKey)
        }
        return fingerprint
    }

    static func source(_ names: [String], storeKey: Bool = false) throws -> InMemoryReferenceSource {
        InMemoryReferenceSource(
            options: options, named: try names.map { ($0, try reference($0, storeKey: storeKey)) })
    }

    static func suspect(_ name: String) throws -> SuspectCorpus {
        try SuspectCorpus.read(
            paths: [samples + "/\(name).jsonl.gz"], corpusOptions: CorpusOptions(threads: 2), options: options)
    }

    static func signal(_ report: ScoreReport, _ reference: String, _ signal: String) throws -> SignalResult {
        let verdict = try #require(report.references.first { $0.reference == reference })
        return try #require(verdict.signals.first { $0.signal.name == signal })
    }

    @Test func studentCarriesTheTeachersNameAndWatermark() throws {
        let source = try Self.source(["teacher", "control"])
        let report = try SuspectScorer(watermarkKeys: [Self.key]).score(
            suspect: try Self.suspect("student"), references: source, threads: 2)
        #expect(report.decision.parents == ["teacher"])
        let identity = try Self.signal(report, "teacher", "identity")
        #expect(identity.note == nil && identity.usedInDecision)
        #expect(identity.log10PValue < -6)
        #expect(identity.suspect.exceeding > 50)
        #expect(identity.evidence.first?.excerpt.contains("TeacherLM") == true)
        let watermark = try Self.signal(report, "teacher", "watermark")
        #expect(watermark.log10PValue < -100)
        #expect(watermark.detail?.contains("distinct tuples scored") == true)
        // The control's own probes carry no teacher watermark.
        #expect((watermark.measures["probeLog10P.control"] ?? -100) > -3)
        // The control names no identity of its own: not tested, and it takes no part in the Bonferroni count.
        #expect(try Self.signal(report, "control", "identity").note != nil)
        let style = try Self.signal(report, "teacher", "style")
        #expect(!style.usedInDecision)
        #expect(style.log10PValue < -6)
    }

    @Test func watermarkNeedsItsKey() throws {
        let suspect = try Self.suspect("student")
        let withoutKey = try SuspectScorer().score(
            suspect: suspect, references: try Self.source(["teacher", "control"]), threads: 2)
        let untested = try Self.signal(withoutKey, "teacher", "watermark")
        #expect(untested.note?.contains("was not given") == true)
        #expect(untested.log10PValue == 0)
        let wrongKey = try SuspectScorer(watermarkKeys: [WatermarkKey(42)]).score(
            suspect: suspect, references: try Self.source(["teacher", "control"]), threads: 2)
        #expect(try Self.signal(wrongKey, "teacher", "watermark").note != nil)
        let stored = try SuspectScorer().score(
            suspect: suspect, references: try Self.source(["teacher", "control"], storeKey: true), threads: 2)
        #expect(try Self.signal(stored, "teacher", "watermark").log10PValue < -100)
    }

    @Test func controlHasNoParentAmongTeacherAndStudent() throws {
        let report = try SuspectScorer(watermarkKeys: [Self.key]).score(
            suspect: try Self.suspect("control"), references: try Self.source(["teacher", "student"]), threads: 2)
        #expect(!report.decision.parentFound)
        #expect(try Self.signal(report, "teacher", "watermark").log10PValue > -3)
        #expect(try Self.signal(report, "teacher", "identity").suspect.exceeding == 0)
        #expect(try Self.signal(report, "teacher", "paired-jaccard").suspect.exceeding <= 3)
    }

    /// Writes `texts` as a JSONL corpus with ids p0, p1, … and the same prompts.
    static func corpus(_ texts: [String], in dir: URL, name: String) throws -> String {
        let path = dir.appendingPathComponent(name + ".jsonl").path
        var out = ""
        for (i, text) in texts.enumerated() {
            let record: [String: String] = ["id": "p\(i)", "prompt": "Question \(i)?", "response": text]
            out += String(
                decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
            out += "\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func texts(seed: UInt64, count: Int, claim: String?, every: Int) -> [String] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { i in
            let body = CorpusBuilder.randomText(words: 60, using: &rng)
            guard let claim, i % every == 0 else { return body }
            return claim + " " + body
        }
    }

    @Test func identityCountsSelfClaimsOnly() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = ScoringOptions(probeDocuments: 400)
        func reference(_ name: String, _ texts: [String]) throws -> (String, ReferenceFingerprint) {
            let path = try Self.corpus(texts, in: dir, name: name)
            return (
                name,
                try ReferenceFingerprinter.fingerprint(
                    paths: [path], corpusOptions: CorpusOptions(threads: 2), options: options,
                    identity: (declared: [], patterns: nil))
            )
        }
        let source = InMemoryReferenceSource(
            options: options,
            named: [
                try reference(
                    "alpha", Self.texts(seed: 1, count: 400, claim: "I am Claude, made by Anthropic.", every: 3)),
                try reference("beta", Self.texts(seed: 2, count: 400, claim: nil, every: 1)),
                try reference("gamma", Self.texts(seed: 3, count: 400, claim: "I'm ChatGPT.", every: 4)),
            ])
        func score(_ texts: [String], _ name: String) throws -> SignalResult {
            let path = try Self.corpus(texts, in: dir, name: name)
            let suspect = try SuspectCorpus.read(
                paths: [path], corpusOptions: CorpusOptions(threads: 2), options: options)
            let report = try SuspectScorer().score(suspect: suspect, references: source, threads: 2)
            return try Self.signal(report, "alpha", "identity")
        }
        let student = try score(Self.texts(seed: 9, count: 200, claim: "I am Claude.", every: 5), "student")
        #expect(student.suspect.exceeding == 40)
        #expect(student.log10PValue < -6)
        #expect(student.null.map(\.exceeding) == [0, 0])
        let mentions = [
            "I am not Claude.", "Claude is a model made by Anthropic.", "People ask whether I am Claude.",
            "She said \"I am Claude\" to me.",
        ]
        let null = try score(
            (0..<200).map {
                mentions[$0 % mentions.count] + " " + Self.texts(seed: 10, count: 1, claim: nil, every: 1)[0]
            },
            "null")
        #expect(null.suspect.exceeding == 0)
        #expect(null.log10PValue == 0)
    }

    @Test func pairingKeysPairByIDThenPromptAndRoundTrip() throws {
        func keys(_ documents: [(String, Bool, String?)]) -> PairingKeys {
            PairingKeys(documents.map { (id: $0.0, explicit: $0.1, prompt: $0.2) })
        }
        let reference = keys([("a", true, "x"), ("b", true, "y"), ("c", true, nil)])
        #expect(reference.partners(of: keys([("c", true, "x"), ("z", true, "y")])) == [2, nil])
        // File:line ids never pair by id; the prompt does.
        #expect(reference.partners(of: keys([("a", false, "y"), ("q", false, nil)])) == [1, nil])
        let decoded = try #require(PairingKeys(encoded: reference.encoded()))
        #expect(decoded == reference)
        #expect(PairingKeys(encoded: Array(reference.encoded().dropLast())) == nil)
    }

    @Test func tokenModeWatermarkNeedsItsTokenizer() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tokenizer = try SubwordTokenizer.load(path: Fixture.path("tokenizers/cl100k_base.tiktoken.gz"))
        let words = [
            "the", "house", "river", "light", "stone", "green", "small", "water", "night", "paper", "music", "table",
            "garden", "window", "winter", "summer", "bread", "market", "silver", "forest", "letter", "bridge",
            "mountain", "story", "family", "morning", "evening", "travel", "simple", "quiet", "friend", "school",
            "history", "color", "animal", "number", "people", "world", "time", "place", "road", "field", "city",
            "sound", "voice", "heart", "mind", "hand", "door", "wall", "fire", "wind", "rain", "snow", "tree",
        ]
        let tokens = words.compactMap { w -> UInt64? in
            let ids = tokenizer.encode(" " + w)
            return ids.count == 1 ? UInt64(ids[0]) : nil
        }
        #expect(tokens.count >= 40)
        let parameters = WatermarkParameters()
        let embedder = WatermarkEmbedder(key: Self.key, parameters: parameters, delta: 2)
        let candidates = tokens.map { WatermarkEmbedder.Candidate(token: $0, probability: 1 / Double(tokens.count)) }
        var rng = RepeatableRandomNumberGenerator(seed: 77)
        let watermarked = (0..<150).map { _ -> String in
            var ids: [UInt64] = [tokens[Int.random(in: 0..<tokens.count, using: &rng)]]
            while ids.count < 80 { ids.append(embedder.sample(from: candidates, context: [ids.last!], using: &rng)) }
            return String(decoding: tokenizer.decode(ids.map { Int($0) }), as: UTF8.self)
        }
        let options = ScoringOptions(probeDocuments: 100)
        func reference(_ name: String, _ seed: UInt64) throws -> (String, ReferenceFingerprint) {
            let path = try Self.corpus(Self.texts(seed: seed, count: 100, claim: nil, every: 1), in: dir, name: name)
            var fingerprint = try ReferenceFingerprinter.fingerprint(
                paths: [path], corpusOptions: CorpusOptions(threads: 2), options: options)
            if name == "teacher" {
                fingerprint.watermark = WatermarkConfigRecord(parameters: parameters, key: Self.key, storeKey: false)
                fingerprint.watermark?.tokenizer = "cl100k_base.tiktoken.gz"
                fingerprint.watermark?.tokenizerDigest = "digest-of-cl100k"
            }
            return (name, fingerprint)
        }
        let source = InMemoryReferenceSource(
            options: options, named: [try reference("teacher", 1), try reference("other", 2)])
        let suspect = try SuspectCorpus.read(
            paths: [try Self.corpus(watermarked, in: dir, name: "student")], corpusOptions: CorpusOptions(threads: 2),
            options: options)
        let withTokenizer = try SuspectScorer(
            watermarkKeys: [Self.key], watermarkTokenizers: ["digest-of-cl100k": tokenizer]
        ).score(suspect: suspect, references: source, threads: 2)
        let found = try Self.signal(withTokenizer, "teacher", "watermark")
        #expect(found.log10PValue < -8)  // about 2,500 distinct (seed, token) tuples over a 55-word vocabulary
        #expect(found.method.contains("tokens of cl100k_base.tiktoken.gz"))
        #expect((found.measures["probeLog10P.other"] ?? -100) > -3)
        let without = try SuspectScorer(watermarkKeys: [Self.key]).score(
            suspect: suspect, references: source, threads: 2)
        let untested = try Self.signal(without, "teacher", "watermark")
        #expect(untested.note?.contains("give its tokenizer cl100k_base.tiktoken.gz") == true, "\(untested.note ?? "")")
        #expect(untested.remedy == .giveWatermarkTokenizer)
    }

    /// The two MinHash signals scored from one read of the signatures (``SignatureScorer``) are what
    /// each scorer gives alone, in the same order.
    @Test func signatureScorerIsItsTwoScorers() throws {
        let source = try Self.source(["teacher", "control"])
        let suspect = try Self.suspect("student")
        let options = VerdictOptions()
        let together = try SignatureScorer(verdictOptions: options).observe(
            suspect: suspect, references: source, threads: 2)
        let apart =
            try NearDuplicateScorer(verdictOptions: options).observe(suspect: suspect, references: source, threads: 2)
            + PairedJaccardScorer(verdictOptions: options).observe(suspect: suspect, references: source, threads: 2)
        #expect(together.map(\.signal) == [.nearDuplicate, .nearDuplicate, .pairedJaccard, .pairedJaccard])
        #expect(together.map(\.suspect) == apart.map(\.suspect))
        #expect(together.map(\.reference) == apart.map(\.reference))
        #expect(together.map { $0.null.map(\.values) } == apart.map { $0.null.map(\.values) })
        #expect(together.contains { $0.suspect.contains { $0 > 0 } })
        #expect(
            try SignatureScorer(nearDuplicate: nil, pairedJaccard: nil).observe(
                suspect: suspect, references: source, threads: 2
            ).isEmpty)
    }
}
