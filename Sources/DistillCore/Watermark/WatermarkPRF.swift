import Foundation

/// The keyed pseudo-random function behind both portable watermarks (DESIGN.md "Exact
/// definitions"): a seed from the key and the `h` preceding token ids, then a 64-bit value per
/// (seed, token).
public struct WatermarkPRF: Sendable, Hashable {
    /// The key.
    public let key: UInt64
    /// The public parameters.
    public let parameters: WatermarkParameters
    /// Cached `parameters.greenLimit`.
    public let greenLimit: UInt64

    /// A PRF for `key` and `parameters`.
    public init(key: WatermarkKey, parameters: WatermarkParameters) {
        self.key = key.value
        self.parameters = parameters
        self.greenLimit = parameters.greenLimit
    }

    /// The seed `s` of the context `ids` (exactly `contextWidth` ids, oldest first).
    @inline(__always)
    public func seed(context ids: UnsafeBufferPointer<UInt64>) -> UInt64 {
        switch parameters.seeding {
        case .chain:
            var s = key
            for c in ids { s = StableHash.splitmix64(s ^ c) }
            return s
        case .min:
            var s = UInt64.max
            for c in ids { s = Swift.min(s, StableHash.splitmix64(key ^ c)) }
            return s
        }
    }

    /// The seed of the `contextWidth` ids ending just before `ids[index]`.
    /// - Precondition: `index ≥ contextWidth`.
    @inline(__always)
    public func seed(_ ids: UnsafeBufferPointer<UInt64>, before index: Int) -> UInt64 {
        seed(context: UnsafeBufferPointer(rebasing: ids[(index - parameters.contextWidth)..<index]))
    }

    /// The seed of an array context (convenience for callers outside hot loops).
    public func seed(context ids: [UInt64]) -> UInt64 {
        ids.withUnsafeBufferPointer { seed(context: $0) }
    }

    /// `splitmix64(s ^ token)`.
    @inline(__always)
    public func value(seed: UInt64, token: UInt64) -> UInt64 { StableHash.splitmix64(seed ^ token) }

    /// Whether `token` is green after a context with seed `seed` (`ds-kgw`).
    @inline(__always)
    public func isGreen(seed: UInt64, token: UInt64) -> Bool { value(seed: seed, token: token) < greenLimit }

    /// `r = (v >> 11) / 2^53` in [0, 1) (`ds-gumbel`).
    @inline(__always)
    public func uniform(seed: UInt64, token: UInt64) -> Double {
        Double(value(seed: seed, token: token) >> 11) * 0x1p-53
    }

    /// The `ds-gumbel` token score `−ln(1 − r)`, Exp(1) under the null.
    @inline(__always)
    public func gumbelScore(seed: UInt64, token: UInt64) -> Double {
        -log(1 - uniform(seed: seed, token: token))
    }
}
