import DistillCore
import DistillStore
import DistillTestSupport
import Foundation
import Testing

@Suite struct FingerprintStoreTests {
    static let options = ScoringOptions(probeDocuments: 20)

    static func fingerprint(seed: UInt64, documents: Int = 60) throws -> ReferenceFingerprint {
        let model = SyntheticModel(
            seed: seed, phrasePool: SyntheticModel.phrasePool(count: 10, seed: 1), phraseChoices: 5, phraseRate: 0.5)
        let corpus = try FingerprintedCorpus(
            wordIDs: model.documents(count: documents, words: 50, seed: seed), options: options.fingerprintOptions,
            threads: 2)
        return ReferenceFingerprinter.fingerprint(corpus, options: Self.options, threads: 2)
    }

    static func temporaryPath() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("refs.db").path)
    }

    @Test func inMemoryStoreAppliesMigrations() throws {
        let store = try FingerprintStore.inMemory()
        #expect(try store.appliedMigrations() == ["v1", "v2-checksums", "v3-elias-fano"])
        #expect(store.keyEncoding == .eliasFano)
        #expect(try store.referenceNames().isEmpty)
        #expect(try store.verify().isEmpty)
    }

    @Test func everyFingerprintKindRoundTrips() throws {
        let store = try FingerprintStore.inMemory()
        var original = try Self.fingerprint(seed: 5)
        original.probeDocuments = original.probeDocuments.enumerated().map {
            ProbeDocument(
                id: $0.element.id, hasExplicitID: true, prompt: $0.offset % 2 == 0 ? "prompt \($0.offset)" : nil,
                text: "I am Claude, text \($0.offset) <script>\u{0}")
        }
        original.pairing = PairingKeys(
            original.documentIDs.map { (id: $0, explicit: true, prompt: Optional("prompt " + $0)) })
        original.identity = ReferenceIdentity(
            declared: ["anthropic"], patterns: nil, probeDocuments: 20, probeClaims: ["anthropic": 20])
        original.style = StyleSummary(try StyleCorpus(texts: original.probeDocuments.map(\.text)).profile)
        original.watermark = WatermarkConfigRecord(
            parameters: WatermarkParameters(scheme: .gumbel, contextWidth: 2, seeding: .min), key: WatermarkKey(7),
            storeKey: false)
        try store.add(
            name: "alpha", description: "first", source: "a.jsonl", fingerprint: original, options: Self.options,
            toolVersion: "test")
        let source = try StoreReferenceSource(store: store)
        #expect(source.options == Self.options)
        #expect(source.references.map(\.name) == ["alpha"])
        for (wi, set) in original.ngramSets.enumerated() {
            #expect(try source.ngramPartitions(reference: 0, widthIndex: wi) == set.partitions)
            #expect(try source.commonPartitions(reference: 0, widthIndex: wi) == original.commonSets[wi].partitions)
        }
        #expect(original.commonSets.contains { $0.count > 0 })
        #expect(try source.signatures(reference: 0) == original.signatures)
        #expect(try source.probes(reference: 0) == original.probes)
        #expect(try source.documentIDs(reference: 0) == original.documentIDs)
        // The text signals' data: probe texts, pairing keys, identities and the watermark.
        #expect(try source.probeDocuments(reference: 0) == original.probeDocuments)
        #expect(original.probeDocuments.count == original.probes.documents.count)
        // The store keeps the probe texts and tokenises them again for the word ids.
        var pipeline = TextPipeline(options: .standard)
        #expect(try source.probeWordIDs(reference: 0) == original.probeDocuments.map { pipeline.wordIDs(of: $0.text) })
        #expect(try source.pairingKeys(reference: 0) == original.pairing)
        #expect(try source.identity(reference: 0) == original.identity)
        #expect(try source.watermark(reference: 0) == original.watermark)
        #expect(try source.style(reference: 0) == original.style)
        // Any kind is a versioned blob; damaged ones fail verify.
        try store.setArtifact(reference: "alpha", kind: "future-kind", version: 3, data: Data([1, 2, 3]))
        let blob = try #require(try store.artifact(reference: "alpha", kind: "future-kind"))
        #expect(blob.version == 3 && blob.data == Data([1, 2, 3]))
        try store.setArtifact(
            reference: "alpha", kind: ArtifactKind.identityStatistics, version: 1, data: Data("{}".utf8))
        #expect(try store.verify() == ["alpha: identity statistics damaged"])
        try store.setArtifact(
            reference: "alpha", kind: ArtifactKind.identityStatistics, version: 1,
            data: try JSONEncoder().encode(original.identity))
        let config = WatermarkConfigRecord(
            scheme: "ds-kgw", greenFraction: 0.25, contextWidth: 1, seeding: "chain", key: 42, storeKey: false)
        try store.setWatermarkConfig(reference: "alpha", config)
        let read = try #require(try store.watermarkConfig(reference: "alpha"))
        #expect(read == config && read.key == nil && read.keyFingerprint == WatermarkConfigRecord.fingerprint(of: 42))
        let withKey = WatermarkConfigRecord(
            scheme: "ds-kgw", greenFraction: 0.25, contextWidth: 1, seeding: "min", key: 42, storeKey: true)
        try store.setWatermarkConfig(reference: "alpha", withKey)
        #expect(try store.watermarkConfig(reference: "alpha")?.key == 42)
        #expect(try store.verify().isEmpty)
    }

    @Test func namesAndOptionsAreChecked() throws {
        let store = try FingerprintStore.inMemory()
        let fp = try Self.fingerprint(seed: 6, documents: 20)
        try store.add(name: "a", description: "", source: "", fingerprint: fp, options: Self.options, toolVersion: "t")
        #expect(throws: StoreError.duplicateReference(name: "a")) {
            try store.add(
                name: "a", description: "", source: "", fingerprint: fp, options: Self.options, toolVersion: "t")
        }
        var other = Self.options
        other.probeDocuments = 7
        #expect(throws: StoreError.self) {
            try store.add(name: "b", description: "", source: "", fingerprint: fp, options: other, toolVersion: "t")
        }
        #expect(throws: StoreError.self) {
            try store.add(
                name: "", description: "", source: "", fingerprint: fp, options: Self.options, toolVersion: "t")
        }
        #expect(throws: StoreError.unknownReference(name: "zzz")) { try store.remove(name: "zzz") }
        try store.remove(name: "a")
        #expect(try store.referenceNames().isEmpty)
        #expect(try store.verify().isEmpty)
    }

    @Test func exportImportIsOnePortableFile() throws {
        let (dir, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try FingerprintStore(path: path)
        try store.add(
            name: "a", description: "d", source: "s", fingerprint: try Self.fingerprint(seed: 1, documents: 30),
            options: Self.options, toolVersion: "t")
        try store.add(
            name: "b", description: "", source: "", fingerprint: try Self.fingerprint(seed: 2, documents: 30),
            options: Self.options, toolVersion: "t")
        let exported = dir.appendingPathComponent("export.dsstore").path
        try store.export(to: exported)
        let other = try FingerprintStore(path: dir.appendingPathComponent("other.db").path)
        #expect(try other.importReferences(from: exported) == ["a", "b"])
        #expect(try other.references() == store.references())
        #expect(try other.verify().isEmpty)
        let a = try StoreReferenceSource(store: store)
        let b = try StoreReferenceSource(store: other)
        #expect(try a.signatures(reference: 1) == b.signatures(reference: 1))
        #expect(try a.ngramPartitions(reference: 0, widthIndex: 1) == b.ngramPartitions(reference: 0, widthIndex: 1))
        // Importing again clashes on names and changes nothing.
        #expect(throws: StoreError.duplicateReference(name: "a")) { try other.importReferences(from: exported) }
        #expect(try other.referenceNames() == ["a", "b"])
    }

    @Test func notAStoreIsAClearError() throws {
        let (dir, path) = try Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("this is not a database at all, just some text".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAStore(path: path, reason: "not a SQLite database")) {
            _ = try FingerprintStore(path: path)
        }
        let missing = dir.appendingPathComponent("missing.db").path
        #expect(throws: StoreError.missing(path: missing)) { _ = try FingerprintStore(path: missing, create: false) }
    }

    @Test func damagedBlobsFailVerify() throws {
        let store = try FingerprintStore.inMemory()
        try store.add(
            name: "a", description: "", source: "", fingerprint: try Self.fingerprint(seed: 3, documents: 20),
            options: Self.options, toolVersion: "t")
        try store.writer.write { db in
            try db.execute(sql: "UPDATE ngram_chunk SET data = x'00010203' WHERE partition = 7 AND width = 8")
            try db.execute(sql: "DELETE FROM signature_chunk")
        }
        let problems = try store.verify()
        #expect(problems.contains { $0.contains("8-gram partition 7") })
        #expect(problems.contains { $0.contains("signatures for 0 of 20") })
    }

    /// Scoring relies on every probe window being in its own reference's n-gram set (a probe is one of
    /// its documents): `verify` checks it, so a store rebuilt by hand with other probes is reported.
    @Test func verifyFindsProbeWindowsOutsideTheirSet() throws {
        let store = try FingerprintStore.inMemory()
        let a = try Self.fingerprint(seed: 3, documents: 30)
        var b = try Self.fingerprint(seed: 8, documents: 30)
        try store.add(name: "a", description: "", source: "", fingerprint: a, options: Self.options, toolVersion: "t")
        #expect(try store.verify().isEmpty)
        // Reference "b" carries "a"'s probe sample: its windows are not "b"'s.
        b.probes = a.probes
        b.probeDocuments = a.probeDocuments
        try store.add(name: "b", description: "", source: "", fingerprint: b, options: Self.options, toolVersion: "t")
        let problems = try store.verify()
        #expect(problems.contains("b: probe windows missing from the 8-gram set"))
        #expect(!problems.contains { $0.hasPrefix("a:") })
    }

    @Test func keySetEncodingRoundTripsAndRejectsDisorder() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 9)
        var keys = (0..<5000).map { _ in
            NGramKeySet.key(UInt64.random(in: 0...UInt64.max, using: &rng)) & ~(0xFF << 56) | (3 << 56)
        }
        keys.sort()
        keys = keys.enumerated().filter { $0.offset == 0 || keys[$0.offset - 1] != $0.element }.map(\.element)
        let data = NGramKeySet.encode(keys)
        #expect(data.count == 1024 + 4 * keys.count)
        #expect(NGramKeySet.decode(data, partition: 3) == keys)
        #expect(NGramKeySet.decode(data, partition: 4) != keys)
        var swapped = keys
        swapped.swapAt(10, 11)
        #expect(NGramKeySet.decode(NGramKeySet.encode(swapped), partition: 3) == nil)
        #expect(NGramKeySet.decode(data.dropLast(2), partition: 3) == nil)
    }

    /// Evidence reads only the reference ids it shows: the scan of the stored JSON array gives the same
    /// strings as decoding it whole (escapes, slashes, quotes, non-ASCII), and a damaged array is an
    /// error, not a wrong id.
    @Test func documentIDsAtIndicesMatchTheWholeArray() throws {
        let store = try FingerprintStore.inMemory()
        var fingerprint = try Self.fingerprint(seed: 4, documents: 30)
        let hostile = ["a/b.jsonl:1", "quote \" and \\ backslash", "tab\tnewline\n", "caf\u{E9} \u{1F600}", "", "<x>"]
        fingerprint.documentIDs = fingerprint.documentIDs.indices.map { hostile[$0 % hostile.count] + " \($0)" }
        try store.add(
            name: "ids", description: "", source: "", fingerprint: fingerprint, options: Self.options, toolVersion: "t")
        let source = try StoreReferenceSource(store: store)
        let all = try source.documentIDs(reference: 0)
        #expect(all == fingerprint.documentIDs)
        let picks = [29, 0, 3, 3, 17, 1, 2, 4, 5]
        #expect(try source.documentIDs(reference: 0, at: picks) == picks.map { all[$0] })
        #expect(try source.documentIDs(reference: 0, at: []) == [])
        // Past the end, or a damaged array: a corrupt-store error.
        #expect(throws: StoreError.self) { _ = try source.documentIDs(reference: 0, at: [30]) }
        for damaged in ["[\"a\", \"b\"", "[\"a\" \"b\"]", "{\"a\": 1}", "[\"a\", 3]", "[\"a\"]x", "[\"a\\\"]"] {
            try store.setArtifact(
                reference: "ids", kind: ArtifactKind.documentIDs, version: 1, data: Data(damaged.utf8))
            #expect(throws: StoreError.self) { _ = try source.documentIDs(reference: 0, at: [0]) }
        }
    }

    /// A reference's n-gram partitions are read one at a time by the joining threads: a damaged
    /// partition is still the store's corrupt error (checksum), a missing one too, raised by the join.
    @Test func lazilyReadPartitionsFailClosed() throws {
        let store = try FingerprintStore.inMemory()
        let fingerprint = try Self.fingerprint(seed: 6, documents: 40)
        try store.add(
            name: "p", description: "", source: "", fingerprint: fingerprint, options: Self.options, toolVersion: "t")
        let source = try StoreReferenceSource(store: store)
        var scratch: [UInt64] = []
        let parts = try source.ngramKeyPartitions(reference: 0, widthIndex: 0)
        for p in [0, 7, 255] {
            #expect(try parts.partition(p, scratch: &scratch) { Array($0) } == fingerprint.ngramSets[0].partitions[p])
        }
        try store.writer.write { db in
            try db.execute(sql: "UPDATE ngram_chunk SET data = x'00010203' WHERE partition = 7 AND width = 8")
        }
        #expect(throws: StoreError.self) { _ = try parts.partition(7, scratch: &scratch) { $0.count } }
        #expect(try parts.partition(6, scratch: &scratch) { $0.count } == fingerprint.ngramSets[0].partitions[6].count)
        try store.writer.write { db in try db.execute(sql: "DELETE FROM ngram_chunk WHERE partition = 9 AND width = 8")
        }
        #expect(throws: StoreError.self) { _ = try source.ngramKeyPartitions(reference: 0, widthIndex: 0) }
    }
}
