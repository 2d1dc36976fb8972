import Foundation

/// The public parameters of a watermark (everything except the key).
public struct WatermarkParameters: Sendable, Hashable, Codable {
    /// The scheme.
    public var scheme: WatermarkScheme
    /// Green fraction γ in (0, 1) (`ds-kgw` only).
    public var gamma: Double
    /// Context width h ≥ 1.
    public var contextWidth: Int
    /// Seeding rule.
    public var seeding: WatermarkSeeding

    /// Parameters; the defaults are those of DESIGN.md (γ = 0.25, h = 1, chain).
    public init(
        scheme: WatermarkScheme = .kgw, gamma: Double = 0.25, contextWidth: Int = 1, seeding: WatermarkSeeding = .chain
    ) {
        self.scheme = scheme
        self.gamma = gamma
        self.contextWidth = contextWidth
        self.seeding = seeding
    }

    /// Checks the ranges.
    /// - Throws: ``DistillError/invalidOption(name:reason:)``.
    public func validate() throws(DistillError) {
        guard scheme.isPortable else {
            throw DistillError.invalidOption(
                name: "WatermarkParameters.scheme",
                reason: "\(scheme.rawValue) is a deployed scheme: its parameters are a DeployedWatermark, not these")
        }
        guard gamma > 0, gamma < 1, gamma.isFinite else {
            throw DistillError.invalidOption(
                name: "WatermarkParameters.gamma", reason: "must lie strictly between 0 and 1")
        }
        guard contextWidth >= 1, contextWidth <= 64 else {
            throw DistillError.invalidOption(
                name: "WatermarkParameters.contextWidth", reason: "must be between 1 and 64")
        }
    }

    /// `UInt64(γ · 2^64)`, the green threshold (γ = 0.25 gives 0x4000000000000000).
    public var greenLimit: UInt64 {
        let scaled = gamma * 18_446_744_073_709_551_616.0
        return scaled >= 18_446_744_073_709_551_615.0 ? UInt64.max : UInt64(scaled)
    }

    /// The probability that a token is green under the null: `greenLimit / 2^64`, i.e. γ up to
    /// rounding to the threshold's grid.
    public var nullGreenProbability: Double { Double(greenLimit) / 18_446_744_073_709_551_616.0 }
}
