import Foundation

/// The statistics of one watermark test: a document, or a whole corpus (radioactivity).
///
/// `ds-kgw`: `S` green out of `N` scored tokens, `p = P[Bin(N, γ) ≥ S]` (exact, via the regularised
/// incomplete beta), `z = (S − γN) / √(Nγ(1−γ))`, and the green fraction with a 95% Wilson interval.
/// `ds-gumbel`: the score sum `S`, `p = Q(N, S)` (upper tail of Gamma(N, 1)), `z = (S − N) / √N`.
/// p-values are reported as log10 so they never underflow (DESIGN.md "Exact definitions").
public struct WatermarkScore: Sendable, Hashable, Codable {
    /// The scheme scored.
    public var scheme: WatermarkScheme
    /// Tokens seen (including unscored ones).
    public var tokens: Int
    /// Tokens scored, N.
    public var scored: Int
    /// Green tokens among them, S (`ds-kgw`; 0 for `ds-gumbel`).
    public var green: Int
    /// Sum of token scores (`ds-gumbel`; the green count for `ds-kgw`).
    public var scoreSum: Double
    /// Standardised score under the null.
    public var z: Double
    /// log10 of the one-sided p-value.
    public var log10P: Double
    /// S / N (`ds-kgw` only).
    public var greenFraction: Double?
    /// 95% Wilson interval of the green fraction (`ds-kgw` only).
    public var greenFractionInterval: WilsonInterval?
    /// SynthID's Weighted Mean score of the document (`synthid` per-document scores only; its Mean
    /// score is ``greenFraction``).
    public var weightedMean: Double?

    /// The `ds-kgw` statistics of `green` out of `scored`, null green probability `gamma`.
    public static func kgw(tokens: Int, scored: Int, green: Int, gamma: Double) -> WatermarkScore {
        binomial(scheme: .kgw, tokens: tokens, scored: scored, successes: green, nullProbability: gamma)
    }

    /// The statistics of a binomial test: `successes` (green tokens, or g-values of 1) out of `scored`
    /// Bernoulli trials whose success probability under the null is `nullProbability`.
    /// - Parameters:
    ///   - scheme: the scheme the trials come from.
    ///   - tokens: tokens seen.
    ///   - scored: trials N.
    ///   - successes: successes S.
    ///   - nullProbability: the success probability under the null (γ).
    ///   - z: the scheme's own z-score when it differs from `(S − γN) / √(Nγ(1−γ))` in γ (MarkLLM's
    ///     KGW z uses the nominal γ, the p-value the exact green-list share).
    /// - Returns: the score, `log10P = log10 P[Bin(N, γ) ≥ S]`.
    public static func binomial(
        scheme: WatermarkScheme, tokens: Int, scored: Int, successes: Int, nullProbability gamma: Double,
        z: Double? = nil
    ) -> WatermarkScore {
        let n = Double(scored)
        let standard = scored > 0 ? (Double(successes) - gamma * n) / (n * gamma * (1 - gamma)).squareRoot() : 0
        let log10P = BinomialTail.logUpperTail(n: scored, successes: successes, p: gamma) / M_LN10
        return WatermarkScore(
            scheme: scheme, tokens: tokens, scored: scored, green: successes, scoreSum: Double(successes),
            z: scored > 0 ? z ?? standard : 0, log10P: log10P, greenFraction: scored > 0 ? Double(successes) / n : nil,
            greenFractionInterval: WilsonInterval(successes: successes, trials: scored))
    }

    /// The `ds-gumbel` statistics of a score sum over `scored` tokens.
    public static func gumbel(tokens: Int, scored: Int, scoreSum: Double) -> WatermarkScore {
        let n = Double(scored)
        let z = scored > 0 ? (scoreSum - n) / n.squareRoot() : 0
        let log10P = scored > 0 ? GammaTail.logUpperTail(shape: n, x: scoreSum) / M_LN10 : 0
        return WatermarkScore(
            scheme: .gumbel, tokens: tokens, scored: scored, green: 0, scoreSum: scoreSum, z: z, log10P: log10P,
            greenFraction: nil, greenFractionInterval: nil, weightedMean: nil)
    }

    /// The p-value itself (0 when it is below the smallest positive Double; use ``log10P``).
    public var pValue: Double { pow(10, log10P) }
}
