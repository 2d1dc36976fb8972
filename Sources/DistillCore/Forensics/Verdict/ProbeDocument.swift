/// A probe document kept whole for the null of the text signals: its id, prompt and text. Identity
/// claims and style features of the probes are computed at scoring time, with the same patterns and
/// features as the suspect's, so suspect and null are always measured alike.
public struct ProbeDocument: Sendable, Hashable, Codable {
    public var id: String
    /// Whether the id came from the record (not `file:line`).
    public var hasExplicitID: Bool
    public var prompt: String?
    public var text: String

    /// A probe document with the given id, prompt and text.
    /// - Complexity: O(1).
    public init(id: String, hasExplicitID: Bool, prompt: String?, text: String) {
        self.id = id
        self.hasExplicitID = hasExplicitID
        self.prompt = prompt
        self.text = text
    }

    /// The probe form of `document`.
    /// - Complexity: O(1).
    public init(_ document: Document) {
        self.init(id: document.id, hasExplicitID: document.hasExplicitID, prompt: document.prompt, text: document.text)
    }
}

/// What a reference says about itself: the identities it is known by (declared when it was added,
/// else those its own probe documents claim), any identity patterns added for it, and its identity-leak
/// statistics over the probes.
public struct ReferenceIdentity: Sendable, Hashable, Codable {
    /// Identity ids (``IdentityPatterns/Identity/id``) given with `index add --identity`.
    public var declared: [String]
    /// Patterns that extend the standard ones for this reference (`--identity-patterns`), if any.
    public var patterns: IdentityPatterns?
    /// Probe documents checked, and how many of them claim each identity (sorted by id in JSON).
    public var probeDocuments: Int
    public var probeClaims: [String: Int]
    /// The identity-leak statistics of the whole corpus when it was added (rates with Wilson
    /// intervals and examples), with the patterns of that time.
    public var corpus: IdentityReport?

    /// A reference's identities, patterns and probe claim counts.
    /// - Complexity: O(1).
    public init(
        declared: [String], patterns: IdentityPatterns?, probeDocuments: Int, probeClaims: [String: Int],
        corpus: IdentityReport? = nil
    ) {
        self.declared = declared
        self.patterns = patterns
        self.probeDocuments = probeDocuments
        self.probeClaims = probeClaims
        self.corpus = corpus
    }

    /// The identities the reference is known by: the declared ones, else each identity claimed by
    /// at least 2 probe documents and 1% of them.
    /// - Complexity: O(*c* + *i* log *i*) for *c* claims and *i* distinct identities.
    public func identities(claimsOfProbes claims: [[String]]) -> [String] {
        var counts: [String: Int] = [:]
        for c in claims { for id in Set(c) { counts[id, default: 0] += 1 } }
        return identities(claimCounts: counts, documents: claims.count)
    }

    /// The same rule from per-identity counts of claiming documents among `documents` probes.
    /// - Complexity: O(*i* log *i*) for *i* identities.
    public func identities(claimCounts counts: [String: Int], documents: Int) -> [String] {
        if !declared.isEmpty { return declared.sorted() }
        let minimum = max(2, Int((0.01 * Double(documents)).rounded(.up)))
        return counts.filter { $0.value >= minimum }.keys.sorted()
    }
}

/// Per-document keys that pair a reference's documents with a suspect's (DESIGN.md: by id, else by
/// identical prompt text): FNV-1a 64 of each id and prompt (0 for none).
public struct PairingKeys: Sendable, Hashable {
    /// Whether every document carries an explicit id (otherwise ids are `file:line` and never pair).
    public var allExplicitIDs: Bool
    public var idKeys: [UInt64]
    public var promptKeys: [UInt64]

    /// Keys given directly, one id key and one prompt key per document.
    /// - Complexity: O(1).
    public init(allExplicitIDs: Bool, idKeys: [UInt64], promptKeys: [UInt64]) {
        self.allExplicitIDs = allExplicitIDs
        self.idKeys = idKeys
        self.promptKeys = promptKeys
    }

    /// The keys of documents given by id, explicit-id flag and prompt.
    /// - Complexity: O(*n*) in the ids' and prompts' UTF-8 bytes.
    public init<S: Sequence>(_ documents: S) where S.Element == (id: String, explicit: Bool, prompt: String?) {
        var explicit = true
        var ids: [UInt64] = []
        var prompts: [UInt64] = []
        for d in documents {
            explicit = explicit && d.explicit
            ids.append(StableHash.fnv1a64(d.id))
            prompts.append(d.prompt.map { Self.promptKey($0) } ?? 0)
        }
        self.init(allExplicitIDs: explicit && !ids.isEmpty, idKeys: ids, promptKeys: prompts)
    }

    /// FNV-1a 64 of the prompt's UTF-8 (never 0: 0 means no prompt).
    /// - Complexity: O(*n*) in the prompt's UTF-8 bytes.
    public static func promptKey(_ prompt: String) -> UInt64 { max(1, StableHash.fnv1a64(prompt)) }

    public var count: Int { idKeys.count }

    /// For each document of `other`, the first document of `self` it pairs with: by id when both sides
    /// have explicit ids and some match, else by prompt; nil where none.
    /// - Complexity: O(*n* + *m*) expected (build ``Lookup`` once to pair many corpora with `self`).
    public func partners(of other: PairingKeys) -> [Int?] { Lookup(self).partners(of: other) }

    /// The first document of each id and prompt key, built once and used to pair many corpora.
    public struct Lookup: Sendable {
        let keys: PairingKeys
        let byID: [UInt64: Int]
        let byPrompt: [UInt64: Int]

        /// The first document of each id and prompt key of `keys`.
        /// - Complexity: O(*n*) expected for *n* documents.
        public init(_ keys: PairingKeys) {
            func firstIndex(_ values: [UInt64]) -> [UInt64: Int] {
                var map: [UInt64: Int] = [:]
                map.reserveCapacity(values.count)
                for (i, k) in values.enumerated() where k != 0 && map[k] == nil { map[k] = i }
                return map
            }
            self.keys = keys
            byID = keys.allExplicitIDs ? firstIndex(keys.idKeys) : [:]
            byPrompt = firstIndex(keys.promptKeys)
        }

        /// ``PairingKeys/partners(of:)`` of the keys this lookup was built from.
        /// - Complexity: O(*m*) expected for *m* documents in `other`.
        public func partners(of other: PairingKeys) -> [Int?] {
            if keys.allExplicitIDs && other.allExplicitIDs {
                let partner = other.idKeys.map { byID[$0] }
                if partner.contains(where: { $0 != nil }) { return partner }
            }
            return other.promptKeys.map { $0 == 0 ? nil : byPrompt[$0] }
        }
    }

    /// The binary layout of the store: a flag byte, a UInt32 count, then the id keys and the prompt
    /// keys as little-endian UInt64s.
    /// - Complexity: O(*n*): 5 + 16*n* bytes for *n* documents.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [allExplicitIDs ? 1 : 0]
        func put(_ v: UInt64, _ bytes: Int) {
            for b in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * b))) }
        }
        put(UInt64(count), 4)
        for k in idKeys { put(k, 8) }
        for k in promptKeys { put(k, 8) }
        return out
    }

    /// Decodes ``encoded()``; nil when the bytes are not such a layout.
    /// - Complexity: O(*n*) for *n* documents.
    public init?(encoded bytes: [UInt8]) {
        guard bytes.count >= 5, bytes[0] <= 1 else { return nil }
        func get(_ at: Int, _ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for b in 0..<n { v |= UInt64(bytes[at + b]) << (8 * b) }
            return v
        }
        let n = Int(get(1, 4))
        guard bytes.count == 5 + 16 * n else { return nil }
        self.init(
            allExplicitIDs: bytes[0] == 1, idKeys: (0..<n).map { get(5 + 8 * $0, 8) },
            promptKeys: (0..<n).map { get(5 + 8 * (n + $0), 8) })
    }
}
