import DistillCore
import DistillStore
import DistillTestSupport
import Foundation
import Testing

/// ``FingerprintStore/addReference(name:paths:description:metadata:identity:watermark:probeDocuments:corpus:toolVersion:progress:stage:inTransaction:)``
/// on seeded corpora written as JSONL, against an on-disk store.
@Suite struct AddReferenceTests {
    /// A temporary directory with two corpora of 80 answers each, from two unrelated synthetic models.
    static func corpora() throws -> (directory: URL, first: String, second: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ds-add-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (i, base) in [UInt64(31), 32].enumerated() {
            let model = SyntheticTextModel(base: base, answers: base + 100, phraseRate: 0.3)
            let url = directory.appendingPathComponent("model\(i).jsonl")
            try SyntheticTextModel.jsonl((0..<80).map { model.answer($0) }).write(
                to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        return (directory, paths[0], paths[1])
    }

    final class Stages: @unchecked Sendable {
        // Appended to on the calling thread only.
        var seen: [FingerprintStore.AddStage] = []
    }

    @Test func storesWhatTheFingerprinterMakes() throws {
        let c = try Self.corpora()
        defer { try? FileManager.default.removeItem(at: c.directory) }
        let store = try FingerprintStore(path: c.directory.appendingPathComponent("refs.db").path)
        let corpus = CorpusOptions(threads: 2)
        let stages = Stages()
        let added = try store.addReference(
            name: "first", paths: [c.first], description: "one", probeDocuments: 25, corpus: corpus,
            stage: { stages.seen.append($0) })
        #expect(stages.seen.last == .storing)
        #expect(stages.seen.dropLast().allSatisfy { if case .pass = $0 { true } else { false } })
        #expect(stages.seen.count >= 2)

        // A new store takes the probe count; the fingerprint is the fingerprinter's own.
        let options = try #require(try store.scoringOptions())
        #expect(options.probeDocuments == 25)
        let direct = try ReferenceFingerprinter.fingerprint(paths: [c.first], corpusOptions: corpus, options: options)
        #expect(added.documentIDs == direct.documentIDs)
        #expect(added.tokenCount == direct.tokenCount)
        #expect(added.ngramSets == direct.ngramSets)
        #expect(added.signatures == direct.signatures)
        #expect(added.probes == direct.probes)

        // A store with options keeps them: the second reference's probe count is ignored.
        try store.addReference(
            name: "second", paths: [c.second], metadata: ReferenceMetadata(family: "lab", role: .baseline),
            probeDocuments: 99, corpus: corpus)
        #expect(try store.scoringOptions()?.probeDocuments == 25)

        let listing = try store.listing()
        #expect(listing.schemaVersion == ReportSchemaVersion.current)
        #expect(listing.references.map(\.name) == ["first", "second"])
        #expect(listing.references.map(\.family) == ["first", "lab"])
        #expect(listing.references.map(\.role) == [.candidate, .baseline])
        #expect(listing.references.map(\.source) == [c.first, c.second])
        #expect(listing.references[0].documentCount == 80 && listing.references[0].description == "one")
        let verification = try store.verification()
        #expect(verification.ok && verification.references == 2 && verification.problems.isEmpty)
    }

    @Test func badOrTakenNamesFailBeforeTheWork() throws {
        let c = try Self.corpora()
        defer { try? FileManager.default.removeItem(at: c.directory) }
        let store = try FingerprintStore.inMemory()
        try store.addReference(name: "first", paths: [c.first], probeDocuments: 10, corpus: CorpusOptions(threads: 2))
        let stages = Stages()
        #expect(throws: StoreError.self) {
            try store.addReference(name: "first", paths: [c.second], stage: { stages.seen.append($0) })
        }
        #expect(throws: StoreError.self) {
            try store.addReference(name: "", paths: [c.second], stage: { stages.seen.append($0) })
        }
        #expect(stages.seen.isEmpty)
        #expect(try store.referenceNames() == ["first"])
    }
}
