import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// Families: two sibling references from one base generator, a student of one of them, unrelated
/// candidates and baselines. The student names its teacher (member), the sibling is not named, and
/// null suspects drawn like the independent models rarely name a parent.
@Suite struct FamilyVerdictTests {
    static let options = ScoringOptions(probeDocuments: 200)
    static let prompts = 60

    /// Writes the answers to `prompts` prompts as JSONL and fingerprints or reads them.
    static func path(_ answers: [String], _ name: String, in dir: URL) throws -> String {
        try SyntheticTextModel.writeJSONL(answers, name, in: dir)
    }

    static func answers(_ model: SyntheticTextModel) -> [String] { (0..<prompts).map(model.answer) }

    /// The family store: `sibA` and `sibB` (family "acme", one base), `other` (its own family), and
    /// the baselines `baseX` and `baseY`.
    static func store(in dir: URL) throws -> (InMemoryReferenceSource, [String: SyntheticTextModel]) {
        let models: [String: SyntheticTextModel] = [
            "sibA": SyntheticTextModel(base: 1, answers: 11, phraseRate: 0.3),
            "sibB": SyntheticTextModel(base: 1, answers: 12, phraseRate: 0.3),
            "other": SyntheticTextModel(base: 2, answers: 21, phraseRate: 0.1),
            "baseX": SyntheticTextModel(base: 3, answers: 31, phraseRate: 0.5),
            "baseY": SyntheticTextModel(base: 4, answers: 41, phraseRate: 0.2),
        ]
        var named: [(name: String, fingerprint: ReferenceFingerprint)] = []
        for (name, model) in models.sorted(by: { $0.key < $1.key }) {
            named.append(
                (
                    name,
                    try ReferenceFingerprinter.fingerprint(
                        paths: [try path(answers(model), name, in: dir)], corpusOptions: CorpusOptions(threads: 2),
                        options: options)
                ))
        }
        let metadata: [String: ReferenceMetadata] = [
            "sibA": .init(family: "acme"), "sibB": .init(family: "acme"),
            "baseX": .init(family: "x", role: .baseline), "baseY": .init(family: "y", role: .baseline),
        ]
        return (InMemoryReferenceSource(options: options, named: named, metadata: metadata), models)
    }

    static func score(_ answers: [String], _ source: InMemoryReferenceSource, in dir: URL) throws -> ScoreReport {
        let suspect = try SuspectCorpus.read(
            paths: [try path(answers, "suspect", in: dir)], corpusOptions: CorpusOptions(threads: 2),
            options: options)
        return try SuspectScorer().score(suspect: suspect, references: source, threads: 2)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("family-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func studentNamesItsTeacherNotTheSibling() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (source, models) = try Self.store(in: dir)
        let student = SyntheticTextModel(base: 9, answers: 91, phraseRate: 0.2)
        let answers = (0..<Self.prompts).map { student.answer($0, learntFrom: models["sibA"]!, ownRate: 0.6) }
        let report = try Self.score(answers, source, in: dir)
        #expect(report.decision.parents.contains("sibA"))
        #expect(report.decision.family == "acme")
        #expect(report.decision.member == "sibA")
        let teacher = try #require(report.references.first { $0.reference == "sibA" })
        #expect(teacher.memberDetermined == true)
        let lexical = try #require(teacher.signals.first { $0.signal == .pairedLexical })
        // Every figure traceable: the comparisons against each independent model and the sibling.
        #expect(lexical.paired?.map(\.against).sorted() == ["baseX", "baseY", "other"])
        #expect(lexical.siblings?.map(\.against) == ["sibB"])
        #expect(lexical.paired!.allSatisfy { $0.wins + $0.losses + $0.ties == Self.prompts })
        let sibling = try #require(report.references.first { $0.reference == "sibB" })
        #expect(sibling.memberDetermined != true)
        #expect(report.decision.summary.contains("sibA"))
        // Baselines are never named and never counted.
        for b in ["baseX", "baseY"] {
            let v = try #require(report.references.first { $0.reference == b })
            #expect(!v.parentFound && v.role == .baseline)
        }
    }

    @Test func aBaselineThatLearntFromTheTeacherIsFlaggedAsAWeakNull() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (clean, models) = try Self.store(in: dir)
        // baseX replaced by a student of sibA declared as a baseline: the null that decides sibA's
        // paired tests is then itself derived from sibA, and the report says so.
        let derived = SyntheticTextModel(base: 3, answers: 31, phraseRate: 0.5)
        let baseAnswers = (0..<Self.prompts).map { derived.answer($0, learntFrom: models["sibA"]!, ownRate: 0.5) }
        var named: [(name: String, fingerprint: ReferenceFingerprint)] = []
        for name in clean.references.map(\.name) {
            let answers = name == "baseX" ? baseAnswers : Self.answers(models[name]!)
            named.append(
                (
                    name,
                    try ReferenceFingerprinter.fingerprint(
                        paths: [try Self.path(answers, name, in: dir)], corpusOptions: CorpusOptions(threads: 2),
                        options: Self.options)
                ))
        }
        let metadata: [String: ReferenceMetadata] = [
            "sibA": .init(family: "acme"), "sibB": .init(family: "acme"),
            "baseX": .init(family: "x", role: .baseline), "baseY": .init(family: "y", role: .baseline),
        ]
        let source = InMemoryReferenceSource(options: Self.options, named: named, metadata: metadata)
        let report = try Self.score(Self.answers(models["other"]!), source, in: dir)
        let sibA = try #require(report.references.first { $0.reference == "sibA" })
        let lexical = try #require(sibA.signals.first { $0.signal == .pairedLexical })
        let audit = try #require(lexical.nullAudit)
        #expect(audit.model == "baseX")
        #expect(audit.comparison.log10PValue <= -3 && audit.comparison.wins > audit.comparison.losses)
        #expect(sibA.summary.contains("caution: the independent model that decided"))
        // With the clean store no null of sibA looks derived.
        let plain = try Self.score(Self.answers(models["other"]!), clean, in: dir)
        let plainA = try #require(plain.references.first { $0.reference == "sibA" })
        #expect(plainA.signals.allSatisfy { $0.nullAudit == nil })
    }

    @Test func siblingIsNeverTheNull() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (source, models) = try Self.store(in: dir)
        // Whatever the suspect, sibA is compared with the independent models only, never with sibB.
        let report = try Self.score(Self.answers(models["other"]!), source, in: dir)
        for v in report.references where v.reference == "sibA" {
            for s in v.signals { #expect(!(s.paired ?? []).contains { $0.against == "sibB" }) }
        }
    }

    @Test func nullSuspectsRarelyNameAParent() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (source, _) = try Self.store(in: dir)
        let suspects = 200
        var named = 0
        var smallest = 0.0
        for s in 0..<suspects {
            var rng = RepeatableRandomNumberGenerator(seed: 50_000 + UInt64(s))
            // Drawn like the independent models: their own base, a phrase rate in the store's range.
            let model = SyntheticTextModel(
                base: 1_000 + UInt64(s), answers: 2_000 + UInt64(s),
                phraseRate: Double.random(in: 0.1...0.5, using: &rng))
            let report = try Self.score(Self.answers(model), source, in: dir)
            if report.decision.parentFound { named += 1 }
            smallest = min(smallest, report.references.map(\.log10AdjustedPValue).min() ?? 0)
        }
        print(
            "family null calibration: \(named) of \(suspects) null suspects name a parent; smallest adjusted log10 p \(smallest)"
        )
        #expect(Double(named) / Double(suspects) <= 0.01)
    }
}
