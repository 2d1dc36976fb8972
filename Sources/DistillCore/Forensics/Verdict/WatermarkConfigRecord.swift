import Foundation

/// A watermark configuration as stored: the scheme's parameters and a fingerprint of the key
/// (never the key itself unless the user asks to keep it).
public struct WatermarkConfigRecord: Sendable, Hashable, Codable {
    /// `ds-kgw` or `ds-gumbel` (DESIGN.md).
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
