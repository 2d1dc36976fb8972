/// Which watermark is scored: a portable one (DESIGN.md "Exact definitions", ``WatermarkParameters``)
/// or a deployed one, bit-exact with its reference package (``DeployedWatermark``).
public enum WatermarkScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hash-based green list after Kirchenbauer et al., "A Watermark for Large Language Models"
    /// (ICML 2023): a token is green with probability γ under the null.
    case kgw = "ds-kgw"
    /// Gumbel-max sampling after Aaronson (2022): each token scores `−ln(1 − r)`, Exp(1) under the null.
    case gumbel = "ds-gumbel"
    /// Deployed KGW as MarkLLM and lm-watermarking compute it (``KGWScheme``): green with
    /// probability `⌊|V|γ⌋/|V|` under the null.
    case deployedKGW = "kgw"
    /// SynthID-Text as the `synthid-text` package computes it (``SynthIDScheme``): each layer's
    /// g-value is 1 with the sampling table's share of ones under the null.
    case synthID = "synthid"

    /// Whether the scheme is one of DistillScope's portable ones (`ds-kgw`, `ds-gumbel`).
    public var isPortable: Bool { self == .kgw || self == .gumbel }

    /// Whether the test statistic is a count of Bernoulli successes (binomial tail) rather than a Gamma sum.
    public var isBinomial: Bool { self != .gumbel }
}

/// How the context tokens `t[i−h ..< i]` are folded into a seed.
public enum WatermarkSeeding: String, Sendable, Hashable, Codable, CaseIterable {
    /// `s = K; for c in context { s = splitmix64(s ^ c) }`.
    case chain
    /// `s = min over c in context of splitmix64(K ^ c)`: order-free, robust to edits.
    case min
}
