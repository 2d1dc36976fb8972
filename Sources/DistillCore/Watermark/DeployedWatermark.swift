import Foundation

/// A deployed watermark, bit-exact with its reference package, as the detection and radioactivity
/// tests score it: KGW (``KGWScheme``, MarkLLM / lm-watermarking) or SynthID-Text (``SynthIDScheme``).
///
/// Both are tests of Bernoulli trials: a KGW token is green with probability `⌊|V|γ⌋/|V|` under the
/// null (its green list is a uniformly random subset of that size), a SynthID g-value is 1 with the
/// sampling table's share of ones (its table index is uniform under a key the text does not depend
/// on), so a count of successes has the exact binomial tail `P[Bin(N, p₀) ≥ S]` (DESIGN.md "Exact
/// definitions"; Sander et al. 2024 for the corpus-level test).
public enum DeployedWatermark: Sendable {
    /// KGW; `ignoreRepeatedNgrams` is lm-watermarking's per-document option.
    case kgw(KGWScheme, ignoreRepeatedNgrams: Bool)
    /// SynthID-Text; `mask` chooses the n-grams a document's score uses (the package's detection
    /// drops n-grams whose context repeats within its history window).
    case synthID(SynthIDScheme, mask: SynthIDScheme.ScoringMask)

    /// The scheme's name in reports.
    public var scheme: WatermarkScheme {
        switch self {
        case .kgw: .deployedKGW
        case .synthID: .synthID
        }
    }

    /// Ids before a scored token that form its context: KGW's `prefix_length`, SynthID's `ngram_len − 1`.
    public var contextWidth: Int {
        switch self {
        case .kgw(let scheme, _): scheme.prefixLength
        case .synthID(let scheme, _): scheme.ngramLength - 1
        }
    }

    /// Bernoulli trials per scored token: 1 for KGW, the number of keys (layers) for SynthID.
    public var trialsPerToken: Int {
        switch self {
        case .kgw: 1
        case .synthID(let scheme, _): scheme.depth
        }
    }

    /// The success probability of one trial under the null: `⌊|V|γ⌋/|V|` (KGW) or the sampling
    /// table's share of ones (SynthID).
    public var nullProbability: Double {
        switch self {
        case .kgw(let scheme, _):
            return Double(scheme.greenListSize) / Double(scheme.vocabularySize)
        case .synthID(let scheme, _):
            return Double(scheme.samplingTable.reduce(0) { $0 + Int($1) }) / Double(scheme.samplingTableSize)
        }
    }

    /// A public fingerprint of the key(s), never the keys: KGW's hash key as ``WatermarkKey/fingerprint``;
    /// SynthID's keys folded in order by a splitmix64 chain under their own domain tag first.
    public var keyFingerprint: String {
        switch self {
        case .kgw(let scheme, _):
            return WatermarkKey(scheme.hashKey).fingerprint
        case .synthID(let scheme, _):
            return Self.synthIDKeyFingerprint(scheme.keys)
        }
    }

    /// The fingerprint of SynthID keys: 8 hex digits of a splitmix64 chain over a domain tag and the
    /// keys in order (``WatermarkKey/fingerprint`` of the chain's value).
    public static func synthIDKeyFingerprint(_ keys: [Int64]) -> String {
        var h: UInt64 = 0x5359_4E54_4849_444B  // "SYNTHIDK"
        for k in keys { h = StableHash.splitmix64(h ^ UInt64(bitPattern: k)) }
        return WatermarkKey(h).fingerprint
    }

    /// The parameters under their reference packages' names, for reports (no keys).
    public var parameters: DeployedWatermarkParameters {
        var p = DeployedWatermarkParameters(nullProbability: nullProbability, trialsPerToken: trialsPerToken)
        switch self {
        case .kgw(let scheme, let ignoreRepeated):
            p.vocabSize = scheme.vocabularySize
            p.gamma = scheme.gamma
            p.prefixLength = scheme.prefixLength
            switch scheme.seeding {
            case .markLLM(let function): p.fScheme = function.rawValue
            case .lmWatermarkingAdditive: p.seedingScheme = "simple_1"
            }
            p.ignoreRepeatedNgrams = ignoreRepeated
            p.greenListSize = scheme.greenListSize
        case .synthID(let scheme, let mask):
            p.ngramLen = scheme.ngramLength
            p.depth = scheme.depth
            p.samplingTableSize = scheme.samplingTableSize
            p.samplingTableSeed = scheme.samplingTableSeed
            p.contextHistorySize = scheme.contextHistorySize
            p.ignoreRepeatedContexts = mask.ignoreRepeatedContexts
            p.eosTokenID = mask.eosTokenID
        }
        return p
    }

    /// The portable-parameter view of this watermark that reports carry beside ``parameters``: the
    /// scheme, the null success probability as γ and the context width (seeding is not meaningful).
    public var reportParameters: WatermarkParameters {
        WatermarkParameters(scheme: scheme, gamma: nullProbability, contextWidth: max(1, contextWidth))
    }

    /// Checks that every id can be a token of the scheme's model: below |V| for KGW (the reference
    /// indexes its key permutation with them), below 2^63 for SynthID (an Int64 tensor).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` naming the document and the id.
    public func validate(_ documents: [WatermarkDocument]) throws(DistillError) {
        let limit: UInt64
        let name: String
        switch self {
        case .kgw(let scheme, _):
            limit = UInt64(scheme.vocabularySize)
            name = "KGWScheme.vocabularySize \(scheme.vocabularySize)"
        case .synthID:
            limit = 1 << 63
            name = "2^63"
        }
        for document in documents {
            for ids in [document.promptIDs, document.textIDs] {
                if let bad = ids.first(where: { $0 >= limit }) {
                    throw DistillError.invalidOption(
                        name: "token ids",
                        reason: "document \(DistillError.excerpt(document.id, limit: 80)) has token id \(bad), "
                            + "not below \(name) (are these the model's own ids?)")
                }
            }
        }
    }
}

/// The parameters of a ``DeployedWatermark`` under the reference packages' own names (MarkLLM's
/// KGW config, lm-watermarking's `seeding_scheme`, `synthid-text`'s config), never its keys.
public struct DeployedWatermarkParameters: Sendable, Hashable, Codable {
    /// KGW: the vocabulary size |V|.
    public var vocabSize: Int?
    /// KGW: γ.
    public var gamma: Double?
    /// KGW: `prefix_length` (MarkLLM) / `context_width` (lm-watermarking).
    public var prefixLength: Int?
    /// KGW: MarkLLM's `f_scheme` (`time`, `additive`, `skip`, `min`).
    public var fScheme: String?
    /// KGW: lm-watermarking's `seeding_scheme` (`simple_1`, the same as `lefthash`).
    public var seedingScheme: String?
    /// KGW: lm-watermarking's `ignore_repeated_ngrams` (per-document scores).
    public var ignoreRepeatedNgrams: Bool?
    /// KGW: `int(|V|·γ)`.
    public var greenListSize: Int?
    /// SynthID: `ngram_len`.
    public var ngramLen: Int?
    /// SynthID: the number of keys (watermarking depth).
    public var depth: Int?
    /// SynthID: `sampling_table_size`.
    public var samplingTableSize: Int?
    /// SynthID: `sampling_table_seed`.
    public var samplingTableSeed: UInt64?
    /// SynthID: `context_history_size`.
    public var contextHistorySize: Int?
    /// SynthID: whether per-document scores drop n-grams whose context repeats (the package's mask).
    public var ignoreRepeatedContexts: Bool?
    /// SynthID: n-grams from the first occurrence of this id on are not scored per document.
    public var eosTokenID: Int?
    /// The success probability of one trial under the null.
    public var nullProbability: Double
    /// Bernoulli trials per scored token (SynthID: one per key).
    public var trialsPerToken: Int

    /// Parameters with only the null described.
    public init(nullProbability: Double, trialsPerToken: Int) {
        self.nullProbability = nullProbability
        self.trialsPerToken = trialsPerToken
    }
}
