import Foundation

/// How often a corpus names itself as each identity: documents with a claim over documents, with a
/// Wilson 95% interval, and a few example snippets.
public struct IdentityReport: Sendable, Hashable, Codable {
    /// One claimed identity.
    public struct Rate: Sendable, Hashable, Codable {
        public var identity: String
        public var label: String
        /// Documents with at least one claim of this identity.
        public var documents: Int
        /// `documents` over all documents.
        public var rate: Double
        /// Wilson score interval at 95% (Wilson 1927, *JASA* 22(158)).
        public var lower: Double
        public var upper: Double
        /// Up to ``IdentityTally/maxExamples`` claims, in reading order.
        public var examples: [Example]
    }

    /// One example: the document and a short excerpt.
    public struct Example: Sendable, Hashable, Codable {
        public var document: String
        public var snippet: String
    }

    /// Documents scanned.
    public var documents: Int
    /// Documents with any claim.
    public var documentsWithClaims: Int
    /// Version of the pattern set used.
    public var patternsVersion: Int
    /// Claimed identities, most frequent first (ties by id).
    public var rates: [Rate]
}

/// Counts identity claims as documents stream past; mergeable (counts add, examples keep reading order).
public struct IdentityTally: Sendable {
    public static let maxExamples = 3
    public var documents = 0
    public var documentsWithClaims = 0
    public var counts: [String: Int] = [:]
    public var examples: [String: [IdentityReport.Example]] = [:]

    public init() {}

    /// Adds one document's claims.
    public mutating func add(document id: String, claims: [IdentityClaim]) {
        documents += 1
        if !claims.isEmpty { documentsWithClaims += 1 }
        for claim in claims {
            counts[claim.identity, default: 0] += 1
            if examples[claim.identity, default: []].count < Self.maxExamples {
                examples[claim.identity, default: []].append(.init(document: id, snippet: claim.snippet))
            }
        }
    }

    /// Adds `other`, which must come after this tally in reading order.
    public mutating func merge(_ other: IdentityTally) {
        documents += other.documents
        documentsWithClaims += other.documentsWithClaims
        for (k, v) in other.counts { counts[k, default: 0] += v }
        for (k, list) in other.examples.sorted(by: { $0.key < $1.key }) {
            let room = Self.maxExamples - examples[k, default: []].count
            if room > 0 { examples[k, default: []].append(contentsOf: list.prefix(room)) }
        }
    }

    /// The report, with labels from `patterns`.
    public func report(patterns: IdentityPatterns) -> IdentityReport {
        let labels = Dictionary(patterns.identities.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let rates = counts.map { id, n -> IdentityReport.Rate in
            let (lo, hi) = Self.wilson(successes: n, trials: documents)
            return IdentityReport.Rate(
                identity: id, label: labels[id] ?? id, documents: n,
                rate: documents == 0 ? 0 : Double(n) / Double(documents), lower: lo, upper: hi,
                examples: examples[id] ?? [])
        }.sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.identity < $1.identity }
        return IdentityReport(
            documents: documents, documentsWithClaims: documentsWithClaims, patternsVersion: patterns.version,
            rates: rates)
    }

    /// The Wilson score interval of a binomial proportion (Wilson 1927), z = 1.959964 (95%).
    /// - Returns: (0, 0) for no trials.
    public static func wilson(successes: Int, trials: Int, z: Double = 1.959_963_984_540_054) -> (Double, Double) {
        guard trials > 0 else { return (0, 0) }
        let interval = WilsonInterval(successes: successes, trials: trials, z: z)
        return (interval.lower, interval.upper)
    }
}
