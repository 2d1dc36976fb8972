import DistillCore

extension FingerprintStore {
    /// A step of ``addReference(name:paths:description:metadata:identity:watermark:probeDocuments:corpus:toolVersion:ngramStorage:progress:stage:inTransaction:)``
    /// as it starts, for progress display.
    public enum AddStage: Sendable, Hashable {
        /// A later pass over the corpus (the first pass reports through `progress`).
        case pass(String)
        /// The fingerprint is complete and its transaction begins.
        case storing
    }

    /// Fingerprints a reference model's outputs and stores them, as one call: the store's scoring
    /// options (or, in a new store, the defaults with `probeDocuments` probes), a check that the
    /// name is valid and free before the work, the fingerprint
    /// (``ReferenceFingerprinter/fingerprint(paths:corpusOptions:options:identity:wordStreams:progress:stage:)``)
    /// and its transaction (``add(name:description:source:fingerprint:options:toolVersion:createdAt:metadata:ngramStorage:inTransaction:)``).
    ///
    /// ```swift
    /// let store = try FingerprintStore(path: "refs.db")
    /// let added = try store.addReference(name: "teacher", paths: ["teacher.jsonl.gz"], toolVersion: DistillScopeVersion.current)
    /// print(added.documentCount, added.tokenCount)
    /// ```
    /// - Parameters:
    ///   - name: unique, 1–200 characters, no control characters or bidirectional overrides.
    ///   - paths: the reference model's outputs; their paths are recorded as its source.
    ///   - description: a description of the reference.
    ///   - metadata: its family and role (default: a candidate in a family of its own).
    ///   - identity: its declared identities and extra identity patterns.
    ///   - watermark: its watermark, if it has one.
    ///   - probeDocuments: probe documents kept for the null distribution; used only when the store is new.
    ///   - corpus: how the corpus is read.
    ///   - toolVersion: the version of the tool writing it.
    ///   - ngramStorage: key partitions (default) or word streams.
    ///   - progress: the first pass's progress, on the calling thread.
    ///   - stage: each later step as it starts.
    ///   - inTransaction: told what was written so far, inside the open transaction.
    /// - Returns: the fingerprint stored (with its watermark).
    /// - Throws: ``StoreError`` for an invalid or taken name, options that differ from the store's, or
    ///   a database error; ``DistillError`` for unreadable or malformed input. Nothing is stored then.
    /// - Complexity: three passes over the corpus (O(tokens × (widths × *n* + *k*)) hashing, plus
    ///   sorting the distinct keys), then O(size of the fingerprint) bytes written.
    @discardableResult
    public func addReference(
        name: String, paths: [String], description: String = "", metadata: ReferenceMetadata? = nil,
        identity: (declared: [String], patterns: IdentityPatterns?)? = nil, watermark: WatermarkConfigRecord? = nil,
        probeDocuments: Int = ScoringOptions().probeDocuments, corpus: CorpusOptions = CorpusOptions(),
        toolVersion: String = DistillScopeVersion.current, ngramStorage: NGramStorage = .keyPartitions,
        progress: ((ReadProgress) -> Void)? = nil,
        stage: ((AddStage) -> Void)? = nil, inTransaction: (@Sendable (String) -> Void)? = nil
    ) throws -> ReferenceFingerprint {
        try Self.validate(name: name)
        let stored = try scoringOptions()
        var options = stored ?? ScoringOptions()
        if stored == nil { options.probeDocuments = probeDocuments }
        if try referenceNames().contains(name) { throw StoreError.duplicateReference(name: name) }
        var fingerprint = try ReferenceFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpus, options: options, identity: identity,
            wordStreams: ngramStorage == .wordStreams, progress: progress,
            stage: { stage?(.pass($0)) })
        fingerprint.watermark = watermark
        stage?(.storing)
        try add(
            name: name, description: description, source: paths.joined(separator: " "), fingerprint: fingerprint,
            options: options, toolVersion: toolVersion,
            metadata: metadata ?? ReferenceMetadata(family: name, role: .candidate), ngramStorage: ngramStorage,
            inTransaction: inTransaction)
        return fingerprint
    }
}
