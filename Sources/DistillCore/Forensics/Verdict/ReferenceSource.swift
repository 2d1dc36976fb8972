/// A reference model as listed in a store.
public struct ReferenceInfo: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var documentCount: Int

    public init(name: String, description: String = "", documentCount: Int) {
        self.name = name
        self.description = description
        self.documentCount = documentCount
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
    /// The keys of that width found in at least ``ScoringOptions/boilerplateMinDocuments`` of the
    /// reference's documents: 256 sorted partitions.
    func commonPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]]
    /// A reference's MinHash signatures, in corpus order.
    func signatures(reference: Int) throws -> [UInt32]
    /// A reference's probe documents.
    func probes(reference: Int) throws -> ProbeSample
    /// A reference's document ids, in corpus order.
    func documentIDs(reference: Int) throws -> [String]
}

/// References held in memory (tests, and one-off comparisons without a store).
public struct InMemoryReferenceSource: ReferenceSource {
    public let options: ScoringOptions
    public let references: [ReferenceInfo]
    let fingerprints: [ReferenceFingerprint]

    /// - Parameter named: the references with their names, in any order; they are sorted by name.
    public init(options: ScoringOptions, named: [(name: String, fingerprint: ReferenceFingerprint)]) {
        let sorted = named.sorted { $0.name < $1.name }
        self.options = options
        self.references = sorted.map { ReferenceInfo(name: $0.name, documentCount: $0.fingerprint.documentCount) }
        self.fingerprints = sorted.map(\.fingerprint)
    }

    public func ngramPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]] {
        fingerprints[reference].ngramSets[widthIndex].partitions
    }
    public func commonPartitions(reference: Int, widthIndex: Int) throws -> [[UInt64]] {
        fingerprints[reference].commonSets[widthIndex].partitions
    }
    public func signatures(reference: Int) throws -> [UInt32] { fingerprints[reference].signatures }
    public func probes(reference: Int) throws -> ProbeSample { fingerprints[reference].probes }
    public func documentIDs(reference: Int) throws -> [String] { fingerprints[reference].documentIDs }
}
