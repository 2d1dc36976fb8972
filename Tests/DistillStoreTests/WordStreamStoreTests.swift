import DistillCore
import DistillStore
import DistillTestSupport
import Foundation
import GRDB
import Testing

/// References kept as word streams (format 3) instead of key partitions: the store is smaller, and
/// scoring against it gives the same report, byte for byte, as against the key partitions; damage
/// fails closed; `index verify` checks the streams against the probes; the format changes only
/// when such a reference is added.
@Suite struct WordStreamStoreTests {
    static let options = ScoringOptions(probeDocuments: 40)
    static let prompts = 80

    static func write(_ answers: [String], _ name: String, in dir: URL) throws -> String {
        try SyntheticTextModel.writeJSONL(answers, name, in: dir)
    }

    /// Two siblings, an unrelated candidate and a baseline, in a store of each kind; a suspect that
    /// learnt from `sibA`.
    static func stores(in dir: URL) throws -> (keys: FingerprintStore, words: FingerprintStore, suspect: String) {
        let models: [(String, SyntheticTextModel, ReferenceMetadata)] = [
            ("sibA", SyntheticTextModel(base: 1, answers: 11, phraseRate: 0.3), .init(family: "acme")),
            ("sibB", SyntheticTextModel(base: 1, answers: 12, phraseRate: 0.3), .init(family: "acme")),
            ("other", SyntheticTextModel(base: 2, answers: 21, phraseRate: 0.1), .init(family: "other")),
            ("baseX", SyntheticTextModel(base: 3, answers: 31, phraseRate: 0.5), .init(family: "x", role: .baseline)),
        ]
        let keys = try FingerprintStore(path: dir.appendingPathComponent("keys.db").path)
        let words = try FingerprintStore(path: dir.appendingPathComponent("words.db").path)
        for (name, model, metadata) in models {
            let path = try write((0..<prompts).map(model.answer), name, in: dir)
            for (store, storage) in [(keys, NGramStorage.keyPartitions), (words, .wordStreams)] {
                try store.addReference(
                    name: name, paths: [path], metadata: metadata, probeDocuments: options.probeDocuments,
                    corpus: CorpusOptions(threads: 2), ngramStorage: storage)
            }
        }
        let student = SyntheticTextModel(base: 9, answers: 91, phraseRate: 0.2)
        let suspect = try write(
            (0..<prompts).map { student.answer($0, learntFrom: models[0].1, ownRate: 0.6) }, "suspect", in: dir)
        return (keys, words, suspect)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func version(_ store: FingerprintStore) throws -> String? {
        try store.writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'formatVersion'")
        }
    }

    @Test func scoresAsTheKeyPartitionsDo() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (keys, words, suspectPath) = try Self.stores(in: dir)
        #expect(try Self.version(keys) == "2")
        #expect(try Self.version(words) == "3")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var reports: [Data] = []
        for store in [keys, words] {
            let source = try StoreReferenceSource(store: store)
            #expect(try (0..<4).allSatisfy { try source.ngramWords(reference: $0) != nil } == (store === words))
            for threads in [1, 3] {
                let suspect = try SuspectCorpus.read(
                    paths: [suspectPath], corpusOptions: CorpusOptions(threads: threads), options: source.options)
                let report = try SuspectScorer().score(suspect: suspect, references: source, threads: threads)
                #expect(report.decision.parents.contains("sibA"))
                reports.append(try encoder.encode(report))
            }
            // The key sets a format-3 reference gives (made from its streams) are the stored ones.
            for wi in source.options.widths.indices {
                #expect(
                    try source.ngramPartitions(reference: 3, widthIndex: wi)
                        == StoreReferenceSource(store: keys).ngramPartitions(reference: 3, widthIndex: wi))
            }
            #expect(try store.verify().isEmpty)
        }
        #expect(reports.allSatisfy { $0 == reports[0] })
        // A suspect that copies long runs: the larger width has evidence, so its table's narrowing (a
        // words store's: only the suspect windows whose smaller windows were found) is compared with
        // the full table a key store needs.
        let student = SyntheticTextModel(base: 9, answers: 92, phraseRate: 0.2)
        let teacher = SyntheticTextModel(base: 1, answers: 11, phraseRate: 0.3)
        let close = try Self.write(
            (0..<Self.prompts).map { student.answer($0, learntFrom: teacher, ownRate: 0.04) }, "close", in: dir)
        var closeReports: [Data] = []
        for store in [keys, words] {
            let source = try StoreReferenceSource(store: store)
            let suspect = try SuspectCorpus.read(
                paths: [close], corpusOptions: CorpusOptions(threads: 2), options: source.options)
            let report = try SuspectScorer().score(suspect: suspect, references: source, threads: 2)
            let sibA = try #require(report.references.first { $0.reference == "sibA" })
            let wide = try #require(sibA.signals.first { $0.signal.name == "ngram-13" })
            #expect((wide.measures["evidenceWindows"] ?? 0) > 100)
            closeReports.append(try encoder.encode(report))
        }
        #expect(closeReports[0] == closeReports[1])
        let keyBytes = try keys.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT SUM(length(data)) FROM ngram_chunk")
        }
        let wordBytes = try words.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT SUM(length(data)) FROM artifact WHERE kind = 'ngram-words'")
        }
        #expect(try words.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ngram_chunk") } == 0)
        #expect(wordBytes! < keyBytes!)
        // Exported and imported into a key store: it becomes format 3, and scores the same.
        let exported = dir.appendingPathComponent("words.dsstore").path
        try words.export(to: exported)
        let mixed = try FingerprintStore(path: dir.appendingPathComponent("mixed.db").path)
        #expect(try mixed.importReferences(from: exported) == ["baseX", "other", "sibA", "sibB"])
        #expect(try Self.version(mixed) == "3")
        let source = try StoreReferenceSource(store: mixed)
        let suspect = try SuspectCorpus.read(
            paths: [suspectPath], corpusOptions: CorpusOptions(threads: 2), options: source.options)
        #expect(
            try encoder.encode(SuspectScorer().score(suspect: suspect, references: source, threads: 2)) == reports[0])
    }

    /// A damaged stream is the store's corrupt error when scoring reads it, and `index verify` names
    /// it; streams whose documents differ from the probes are reported too.
    @Test func damagedStreamsFailClosed() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, words, suspectPath) = try Self.stores(in: dir)
        let source = try StoreReferenceSource(store: words)
        let suspect = try SuspectCorpus.read(
            paths: [suspectPath], corpusOptions: CorpusOptions(threads: 2), options: source.options)
        // A flipped token byte with a recomputed checksum: only the decoder can tell.
        try words.writer.write { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM reference WHERE name = 'other'")!
            var data = try Data.fetchOne(
                db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = 'ngram-words'", arguments: [id])!
            data[data.count - 1] = 0xFF
            try db.execute(
                sql: "UPDATE artifact SET data = ?, checksum = ? WHERE referenceId = ? AND kind = 'ngram-words'",
                arguments: [data, Int64(Checksum.crc32(data)), id])
        }
        #expect(throws: StoreError.self) {
            _ = try SuspectScorer().score(suspect: suspect, references: source, threads: 2)
        }
        #expect(try words.verify().contains { $0.hasPrefix("other: word streams") })
        // A truncated stream: refused when read.
        try words.writer.write { db in
            try db.execute(
                sql: "UPDATE artifact SET data = substr(data, 1, 30), checksum = NULL WHERE kind = 'ngram-words'")
        }
        #expect(throws: StoreError.self) { _ = try source.ngramWords(reference: 0) }
        #expect(!(try words.verify().isEmpty))
    }
}
