/// A reference model as listed in a store.
public struct ReferenceInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var documentCount: Int
    /// The reference's maker or lineage (``ReferenceMetadata/family``).
    public var family: String
    /// Whether the reference may be named a parent or only serves as a null.
    public var role: ReferenceRole

    /// A listed reference; its family defaults to its own name.
    /// - Complexity: O(1).
    public init(
        name: String, description: String = "", documentCount: Int, family: String? = nil,
        role: ReferenceRole = .candidate
    ) {
        self.name = name
        self.description = description
        self.documentCount = documentCount
        self.family = family ?? name
        self.role = role
    }

    /// The reference's metadata.
    public var metadata: ReferenceMetadata { ReferenceMetadata(family: family, role: role) }
}

extension [ReferenceInfo] {
    /// The references independent of reference `r`: every reference outside `r`'s family, baselines
    /// included. A sibling (same family) is never a null: a student is always less like its teacher
    /// than the teacher's sibling is.
    /// - Complexity: O(*r*) for *r* references.
    public func independent(of r: Int) -> [Int] {
        indices.filter { self[$0].family != self[r].family }
    }

    /// The candidates that can be tested: those with at least one reference outside their family.
    public var testableCandidates: [Int] {
        indices.filter { self[$0].role == .candidate && !independent(of: $0).isEmpty }
    }

    /// The other members of `r`'s family (candidates only).
    /// - Complexity: O(*r*) for *r* references.
    public func siblings(of r: Int) -> [Int] {
        indices.filter { $0 != r && self[$0].family == self[r].family && self[$0].role == .candidate }
    }
}

/// Where scoring reads reference fingerprints from: the SQLite store, or memory in tests. Reads are
/// per reference and per width, so a scorer holds one reference's data at a time.
public protocol ReferenceSource: Sendable {
    /// The options every reference was fingerprinted with.
    var options: ScoringOptions { get }
    /// The references, sorted by name.
    var references: [ReferenceInfo] { get }
    /// The distinct n-gram keys of a reference for width `options.widths[widthIndex]`: 256 sorted
    /// partitions.
    func ngramPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]]
    /// The same keys as ``ngramPartitions(reference:widthIndex:)``, each partition decoded when read
    /// (a source that holds them encoded hands them over encoded).
    func ngramKeyPartitions(reference: Int, widthIndex: Int) throws -> KeyPartitions
    /// The reference's documents as word ids (a store of format 3 keeps them instead of key sets), or
    /// nil when the source holds key sets (``ngramKeyPartitions(reference:widthIndex:)``).
    func ngramWords(reference: Int) throws -> ReferenceWords?
    /// The keys of that width found in at least ``ScoringOptions/boilerplateMinDocuments`` of the
    /// reference's documents: 256 sorted partitions.
    func commonPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]]
    /// A reference's MinHash signatures, in corpus order.
    func signatures(reference: Int) throws -> [UInt32]
    /// A reference's probe documents.
    func probes(reference: Int) throws -> ProbeSample
    /// A reference's document ids, in corpus order.
    func documentIDs(reference: Int) throws -> [String]
    /// The ids of a reference's documents at `indices` (valid document numbers), in that order: what
    /// evidence shows, without decoding every id.
    func documentIDs(reference: Int, at indices: [Int]) throws -> [String]
    /// A reference's probe documents whole (id, prompt, text), or nil when the store has none for it.
    func probeDocuments(reference: Int) throws -> [ProbeDocument]?
    /// The word ids of a reference's probe documents (standard normalisation), or nil.
    func probeWordIDs(reference: Int) throws -> [[UInt64]]?
    /// A reference's pairing keys, or nil.
    func pairingKeys(reference: Int) throws -> PairingKeys?
    /// A reference's identities, or nil.
    func identity(reference: Int) throws -> ReferenceIdentity?
    /// A reference's watermark configuration, or nil.
    func watermark(reference: Int) throws -> WatermarkConfigRecord?
    /// The summary of a reference's style profile, or nil.
    func style(reference: Int) throws -> StyleSummary?
}

extension ReferenceSource {
    /// The decoded partitions of ``ngramPartitions(reference:widthIndex:)``.
    /// - Complexity: that of ``ngramPartitions(reference:widthIndex:)``.
    public func ngramKeyPartitions(reference: Int, widthIndex: Int) throws -> KeyPartitions {
        KeyPartitions(decoded: try ngramPartitions(reference: reference, widthIndex: widthIndex))
    }

    /// The ids at `indices`, from ``documentIDs(reference:)``.
    /// - Throws: ``DistillError/unreadable(path:reason:)`` when an index is not a document's.
    /// - Complexity: that of ``documentIDs(reference:)``.
    public func documentIDs(reference: Int, at indices: [Int]) throws -> [String] {
        if indices.isEmpty { return [] }
        let all = try documentIDs(reference: reference)
        return try indices.map {
            guard all.indices.contains($0) else {
                throw DistillError.unreadable(
                    path: references[reference].name,
                    reason: "document \($0) of the reference has no id (it holds \(all.count))")
            }
            return all[$0]
        }
    }

    /// None: a source that holds key sets.
    /// - Complexity: O(1).
    public func ngramWords(reference: Int) throws -> ReferenceWords? { nil }

    /// None: a source without probe texts.
    /// - Complexity: O(1).
    public func probeDocuments(reference: Int) throws -> [ProbeDocument]? { nil }
    /// None: a source without pairing keys.
    /// - Complexity: O(1).
    public func pairingKeys(reference: Int) throws -> PairingKeys? { nil }
    /// None: a source without identities.
    /// - Complexity: O(1).
    public func identity(reference: Int) throws -> ReferenceIdentity? { nil }
    /// None: a source without watermarks.
    /// - Complexity: O(1).
    public func watermark(reference: Int) throws -> WatermarkConfigRecord? { nil }
    /// None: a source without style summaries.
    /// - Complexity: O(1).
    public func style(reference: Int) throws -> StyleSummary? { nil }

    /// The probe texts tokenised with the standard pipeline.
    /// - Complexity: O(*b*) to tokenise the *b* bytes of probe text, besides reading it.
    public func probeWordIDs(reference: Int) throws -> [[UInt64]]? {
        guard let documents = try probeDocuments(reference: reference) else { return nil }
        var pipeline = TextPipeline(options: .standard)
        return documents.map { pipeline.wordIDs(of: $0.text) }
    }
}

/// References held in memory (tests, and one-off comparisons without a store).
public struct InMemoryReferenceSource: ReferenceSource {
    public let options: ScoringOptions
    public let references: [ReferenceInfo]
    let fingerprints: [ReferenceFingerprint]

    /// References held in memory under the given names.
    /// - Parameters:
    ///   - named: the references with their names, in any order; they are sorted by name.
    ///   - metadata: family and role by reference name; a reference not in it is a candidate in a
    ///     family of its own.
    /// - Complexity: O(*r* log *r*) for *r* references, sorted by name.
    public init(
        options: ScoringOptions, named: [(name: String, fingerprint: ReferenceFingerprint)],
        metadata: [String: ReferenceMetadata] = [:]
    ) {
        let sorted = named.sorted { $0.name < $1.name }
        self.options = options
        self.references = sorted.map {
            ReferenceInfo(
                name: $0.name, documentCount: $0.fingerprint.documentCount, family: metadata[$0.name]?.family,
                role: metadata[$0.name]?.role ?? .candidate)
        }
        self.fingerprints = sorted.map(\.fingerprint)
    }

    /// The stored n-gram key partitions of one width.
    /// - Complexity: O(1): the stored partitions, not copied.
    public func ngramPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]] {
        fingerprints[reference].ngramSets[widthIndex].partitions
    }
    /// The stored common-key partitions of one width.
    /// - Complexity: O(1): the stored partitions, not copied.
    public func commonPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]] {
        fingerprints[reference].commonSets[widthIndex].partitions
    }
    /// The stored signatures.
    /// - Complexity: O(1): the stored array, not copied.
    public func signatures(reference: Int) throws -> [UInt32] { fingerprints[reference].signatures }
    /// The stored probe sample.
    /// - Complexity: O(1): the stored sample, not copied.
    public func probes(reference: Int) throws -> ProbeSample { fingerprints[reference].probes }
    /// The stored document ids.
    /// - Complexity: O(1): the stored array, not copied.
    public func documentIDs(reference: Int) throws -> [String] { fingerprints[reference].documentIDs }
    /// The stored probe documents, or nil when probes exist without their texts.
    /// - Complexity: O(1): the stored array, not copied.
    public func probeDocuments(reference: Int) throws -> [ProbeDocument]? {
        let f = fingerprints[reference]
        return f.probeDocuments.isEmpty && !f.probes.documents.isEmpty ? nil : f.probeDocuments
    }
    /// The stored probe word ids, or nil when they do not cover every probe.
    /// - Complexity: O(1): the stored array, not copied.
    public func probeWordIDs(reference: Int) throws -> [[UInt64]]? {
        let f = fingerprints[reference]
        return f.probeWordIDs.count == f.probes.documents.count ? f.probeWordIDs : nil
    }
    /// The stored pairing keys.
    /// - Complexity: O(1).
    public func pairingKeys(reference: Int) throws -> PairingKeys? { fingerprints[reference].pairing }
    /// The stored identities.
    /// - Complexity: O(1).
    public func identity(reference: Int) throws -> ReferenceIdentity? { fingerprints[reference].identity }
    /// The stored watermark configuration.
    /// - Complexity: O(1).
    public func watermark(reference: Int) throws -> WatermarkConfigRecord? { fingerprints[reference].watermark }
    /// The stored style summary.
    /// - Complexity: O(1).
    public func style(reference: Int) throws -> StyleSummary? { fingerprints[reference].style }
}
