/// Which portable watermark is scored (DESIGN.md "Exact definitions").
public enum WatermarkScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hash-based green list after Kirchenbauer et al., "A Watermark for Large Language Models"
    /// (ICML 2023): a token is green with probability γ under the null.
    case kgw = "ds-kgw"
    /// Gumbel-max sampling after Aaronson (2022): each token scores `−ln(1 − r)`, Exp(1) under the null.
    case gumbel = "ds-gumbel"
}

/// How the context tokens `t[i−h ..< i]` are folded into a seed.
public enum WatermarkSeeding: String, Sendable, Hashable, Codable, CaseIterable {
    /// `s = K; for c in context { s = splitmix64(s ^ c) }`.
    case chain
    /// `s = min over c in context of splitmix64(K ^ c)`: order-free, robust to edits.
    case min
}
