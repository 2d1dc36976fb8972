import Foundation

/// A secret watermark key `K` (DESIGN.md "Exact definitions").
///
/// Its `description` is a fingerprint, never the key, so a key cannot leak through printing,
/// logging or string interpolation.
public struct WatermarkKey: Sendable, Hashable, CustomStringConvertible {
    /// The key.
    public let value: UInt64

    /// A key from its value.
    public init(_ value: UInt64) { self.value = value }

    /// A key from text: `0x`-prefixed hexadecimal or decimal, surrounding white space ignored
    /// (so a key file may end in a newline).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` naming `source`, without echoing the text.
    public init(parsing text: String, source: String = "key") throws(DistillError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "_", with: "")
        let parsed: UInt64?
        if trimmed.lowercased().hasPrefix("0x") {
            parsed = UInt64(trimmed.dropFirst(2), radix: 16)
        } else {
            parsed = UInt64(trimmed, radix: 10)
        }
        guard let parsed, !trimmed.isEmpty else {
            throw DistillError.invalidOption(
                name: source, reason: "a watermark key must be a 64-bit number, decimal or 0x-hexadecimal")
        }
        value = parsed
    }

    /// A short public fingerprint of the key: 8 hex digits of a splitmix64 chain over a domain tag
    /// and the key. It identifies which key was used without revealing it or any green list seed.
    public var fingerprint: String {
        let tag: UInt64 = 0x4B45_5946_5052_494E  // "KEYFPRIN"
        let h = StableHash.splitmix64(StableHash.splitmix64(tag) ^ StableHash.splitmix64(value ^ tag))
        let hex = String(h >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    public var description: String { "key#" + fingerprint }
}
