import Foundation

/// A watermark configuration as stored: the scheme's parameters and a fingerprint of the key
/// (never the key itself unless the user asks to keep it).
public struct WatermarkConfigRecord: Sendable, Hashable, Codable {
    /// `ds-kgw` or `ds-gumbel` (DESIGN.md), or the deployed `kgw`.
    public var scheme: String
    public var greenFraction: Double?
    public var contextWidth: Int
    /// `chain` or `min`.
    public var seeding: String
    /// ``WatermarkKey/fingerprint`` (8 hex digits, 32 bits of a splitmix64 chain): identifies the key
    /// without revealing it. (A whole splitmix64 of the key would not do: splitmix64 is invertible.)
    public var keyFingerprint: String
    /// The key itself, only when the user chose to store it.
    public var key: UInt64?
    /// Token mode: the tokenizer file's name and the SHA-256 of its bytes (hex); nil in text mode.
    public var tokenizer: String?
    public var tokenizerDigest: String?
    /// A deployed scheme's parameters under its package's names (`kgw`, `synthid`; nil for the
    /// portable schemes).
    public var deployed: DeployedWatermarkParameters?
    /// SynthID's keys, only when the user chose to store them.
    public var synthIDKeys: [Int64]?

    /// A record of the scheme's parameters and the key's fingerprint.
    /// - Parameter storeKey: keep the key in the record (off by default).
    /// - Complexity: O(1).
    public init(scheme: String, greenFraction: Double?, contextWidth: Int, seeding: String, key: UInt64, storeKey: Bool)
    {
        self.scheme = scheme
        self.greenFraction = greenFraction
        self.contextWidth = contextWidth
        self.seeding = seeding
        self.keyFingerprint = Self.fingerprint(of: key)
        self.key = storeKey ? key : nil
    }

    /// The key's fingerprint.
    /// - Complexity: O(1).
    public static func fingerprint(of key: UInt64) -> String { WatermarkKey(key).fingerprint }
}

extension WatermarkConfigRecord {
    /// The record of `parameters` and `key`.
    /// - Complexity: O(1).
    public init(parameters: WatermarkParameters, key: WatermarkKey, storeKey: Bool) {
        self.init(
            scheme: parameters.scheme.rawValue, greenFraction: parameters.scheme == .kgw ? parameters.gamma : nil,
            contextWidth: parameters.contextWidth, seeding: parameters.seeding.rawValue, key: key.value,
            storeKey: storeKey)
    }

    /// The detector parameters, or nil when the record names an unknown scheme or seeding.
    public var parameters: WatermarkParameters? {
        guard let scheme = WatermarkScheme(rawValue: scheme), let seeding = WatermarkSeeding(rawValue: seeding) else {
            return nil
        }
        return WatermarkParameters(
            scheme: scheme, gamma: greenFraction ?? 0.25, contextWidth: contextWidth, seeding: seeding)
    }
}

extension WatermarkConfigRecord {
    /// The record of a deployed KGW watermark: its parameters (``DeployedWatermark/parameters``) and
    /// the fingerprint of its hash key, the key itself only when `storeKey`.
    /// - Complexity: O(1).
    public init(kgw scheme: KGWScheme, storeKey: Bool) {
        let watermark = DeployedWatermark.kgw(scheme, ignoreRepeatedNgrams: false)
        self.init(
            scheme: WatermarkScheme.deployedKGW.rawValue, greenFraction: scheme.gamma,
            contextWidth: scheme.prefixLength, seeding: "", key: scheme.hashKey, storeKey: storeKey)
        deployed = watermark.parameters
    }

    /// The deployed KGW watermark of the record with hash key `key`, or nil when the record is not a
    /// complete `kgw` one.
    /// - Complexity: O(|V|) (the key permutation).
    public func deployedWatermark(key: WatermarkKey) -> DeployedWatermark? {
        guard scheme == WatermarkScheme.deployedKGW.rawValue, let d = deployed, let vocabSize = d.vocabSize,
            let gamma = d.gamma, let prefixLength = d.prefixLength
        else { return nil }
        let seeding: KGWScheme.Seeding
        if d.seedingScheme != nil {
            seeding = .lmWatermarkingAdditive
        } else if let f = d.fScheme.flatMap(KGWScheme.ContextFunction.init(rawValue:)) {
            seeding = .markLLM(f)
        } else {
            return nil
        }
        guard
            let scheme = try? KGWScheme(
                vocabularySize: vocabSize, gamma: gamma, hashKey: key.value, prefixLength: prefixLength,
                seeding: seeding)
        else { return nil }
        return .kgw(scheme, ignoreRepeatedNgrams: false)
    }
}

extension WatermarkConfigRecord {
    /// The record of a SynthID watermark: its parameters and the fingerprint of its keys, the keys
    /// themselves only when `storeKey`.
    /// - Complexity: O(depth).
    public init(synthID scheme: SynthIDScheme, storeKey: Bool) {
        let watermark = DeployedWatermark.synthID(scheme, mask: .init())
        self.init(
            scheme: WatermarkScheme.synthID.rawValue, greenFraction: nil, contextWidth: scheme.ngramLength - 1,
            seeding: "", key: 0, storeKey: false)
        keyFingerprint = watermark.keyFingerprint
        synthIDKeys = storeKey ? scheme.keys : nil
        deployed = watermark.parameters
    }

    /// The SynthID watermark of the record with `keys`, or nil when the record is not a complete
    /// `synthid` one.
    /// - Complexity: O(`sampling_table_size`).
    public func deployedWatermark(synthIDKeys keys: [Int64]) -> DeployedWatermark? {
        guard scheme == WatermarkScheme.synthID.rawValue, let d = deployed, let n = d.ngramLen, n >= 2,
            let size = d.samplingTableSize, let seed = d.samplingTableSeed, let history = d.contextHistorySize,
            let scheme = try? SynthIDScheme(
                keys: keys, ngramLength: n, samplingTableSize: size, samplingTableSeed: seed,
                contextHistorySize: history)
        else { return nil }
        return .synthID(scheme, mask: .init())
    }
}
