import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The verdict's false-positive rate on null suspects (independent generators that never saw a
/// reference's outputs, sharing stock phrases with the references: the hard case), and its power on
/// distilled students.
@Suite struct VerdictCalibrationTests {
    static let options = ScoringOptions(probeDocuments: 80)
    static let pool = SyntheticModel.phrasePool(count: 60, seed: 7)

    /// A corpus whose documents answer the prompts "0", "1", … (paired by id across corpora), so the
    /// paired signal is tested too.
    static func corpus(_ documents: [[UInt64]]) throws -> FingerprintedCorpus {
        var corpus = try FingerprintedCorpus(wordIDs: documents, options: options.fingerprintOptions, threads: 2)
        corpus.pairing = PairingKeys(
            corpus.documents.map { (id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt) })
        return corpus
    }

    /// A store of four independent references with different phrase habits.
    static func store() throws -> (InMemoryReferenceSource, [[[UInt64]]]) {
        var named: [(name: String, fingerprint: ReferenceFingerprint)] = []
        var documents: [[[UInt64]]] = []
        for r in 0..<4 {
            let model = SyntheticModel(
                seed: 100 + UInt64(r), phrasePool: pool, phraseChoices: 15, phraseRate: [0.02, 0.1, 0.3, 0.6][r])
            let docs = model.documents(count: 120, words: 60, seed: 200 + UInt64(r))
            documents.append(docs)
            named.append(
                ("ref\(r)", ReferenceFingerprinter.fingerprint(try corpus(docs), options: options, threads: 2)))
        }
        return (InMemoryReferenceSource(options: options, named: named), documents)
    }

    static func suspect(_ documents: [[UInt64]]) throws -> SuspectCorpus {
        SuspectCorpus(corpus: try corpus(documents), path: "suspect")
    }

    @Test func nullSuspectsRarelyNameAParent() throws {
        let (source, _) = try Self.store()
        let scorer = SuspectScorer()
        var parentFound = 0
        var smallest = 0.0
        var styleBelowAlpha = 0
        var pairedTested = 0
        let suspects = 200
        for s in 0..<suspects {
            let seed = 10_000 + UInt64(s)
            var rng = RepeatableRandomNumberGenerator(seed: seed)
            let model = SyntheticModel(
                seed: seed, phrasePool: Self.pool, phraseChoices: Int.random(in: 5...30, using: &rng),
                phraseRate: Double.random(in: 0...0.8, using: &rng))
            let docs = model.documents(count: 40, words: 60, seed: seed &* 31)
            let report = try scorer.score(suspect: try Self.suspect(docs), references: source, threads: 2)
            if report.decision.parentFound { parentFound += 1 }
            smallest = min(smallest, report.references.map(\.log10AdjustedPValue).min() ?? 0)
            let signals = report.references.flatMap(\.signals)
            // What style would do if it decided: Bonferroni over the 4 references.
            if signals.contains(where: { $0.signal == .style && $0.log10PValue + log10(4) <= log10(1e-3) }) {
                styleBelowAlpha += 1
            }
            if signals.contains(where: { $0.signal == .pairedJaccard && $0.note == nil && $0.usedInDecision }) {
                pairedTested += 1
            }
        }
        let rate = Double(parentFound) / Double(suspects)
        print(
            "null calibration: parent found for \(parentFound) of \(suspects) null suspects (rate \(rate)); "
                + "smallest adjusted log10 p \(smallest); style alone below α for \(styleBelowAlpha); "
                + "paired signal deciding for \(pairedTested)")
        #expect(rate <= 0.01)
        #expect(pairedTested == suspects)
    }

    @Test func distilledStudentNamesItsTeacher() throws {
        let (source, documents) = try Self.store()
        let model = SyntheticModel(seed: 999, phrasePool: Self.pool, phraseChoices: 15, phraseRate: 0.3)
        let docs = model.student(of: documents[1], count: 40, words: 60, spanWords: 20, copyRate: 0.8, seed: 4)
        let report = try SuspectScorer().score(suspect: try Self.suspect(docs), references: source, threads: 2)
        #expect(report.decision.parents == ["ref1"])
        let teacher = try #require(report.references.first { $0.reference == "ref1" })
        #expect(teacher.log10AdjustedPValue < -6)
    }

    @Test func reorderingAndRenamingReferencesChangesOnlyNames() throws {
        let (source, documents) = try Self.store()
        let model = SyntheticModel(seed: 999, phrasePool: Self.pool, phraseChoices: 15, phraseRate: 0.3)
        let docs = model.student(of: documents[2], count: 40, words: 60, spanWords: 20, copyRate: 0.5, seed: 5)
        let suspect = try Self.suspect(docs)
        let first = try SuspectScorer().score(suspect: suspect, references: source, threads: 2)
        // Rename refN to zN-x in reverse order, so sorting reverses too.
        var renamed: [(name: String, fingerprint: ReferenceFingerprint)] = []
        for (r, docs) in documents.enumerated().reversed() {
            renamed.append(
                (
                    "z\(3 - r)-renamed",
                    ReferenceFingerprinter.fingerprint(try Self.corpus(docs), options: Self.options, threads: 1)
                ))
        }
        let second = try SuspectScorer().score(
            suspect: suspect, references: InMemoryReferenceSource(options: Self.options, named: renamed), threads: 1)
        for v in first.references {
            let r = Int(v.reference.dropFirst(3))!
            let w = try #require(second.references.first { $0.reference == "z\(3 - r)-renamed" })
            #expect(v.log10PValue == w.log10PValue)
            #expect(v.log10AdjustedPValue == w.log10AdjustedPValue)
            #expect(v.parentFound == w.parentFound)
            #expect(v.signals.map(\.suspect) == w.signals.map(\.suspect))
            #expect(v.signals.map(\.nullRate) == w.signals.map(\.nullRate))
        }
    }
}
