import Foundation

/// Embeds a portable watermark while sampling from a next-token distribution: the tool for
/// building watermarked test corpora (the Samples' TeacherLM does the same in
/// `scripts/gen_samples.py`). Not for production text generation.
///
/// - `ds-kgw` soft watermark (Kirchenbauer et al. 2023, §3): δ is added to the log-probability of
///   every green candidate, the distribution renormalised, then sampled.
/// - `ds-gumbel` (Aaronson 2022): the candidate maximising `ln(r_t) / p_t` (equivalently
///   `r_t^(1/p_t)`) is chosen, with `r_t` the keyed uniform of (context, t): deterministic given the
///   context, and distributed as the model's distribution over keys.
public struct WatermarkEmbedder: Sendable {
    /// One next-token candidate and its probability (unnormalised is fine).
    public struct Candidate: Sendable, Hashable {
        /// Token id.
        public var token: UInt64
        /// Probability weight (> 0).
        public var probability: Double

        public init(token: UInt64, probability: Double) {
            self.token = token
            self.probability = probability
        }
    }

    /// The keyed PRF.
    public let prf: WatermarkPRF
    /// The logit bias δ for `ds-kgw`.
    public var delta: Double

    /// An embedder for `key` and `parameters`, with bias `delta` (ignored by `ds-gumbel`).
    public init(key: WatermarkKey, parameters: WatermarkParameters, delta: Double = 2) {
        self.prf = WatermarkPRF(key: key, parameters: parameters)
        self.delta = delta
    }

    /// The `ds-kgw` biased distribution: green candidates' weights × e^δ, then normalised.
    /// - Parameters:
    ///   - candidates: the model's next-token distribution.
    ///   - context: the `h` preceding token ids, oldest first.
    /// - Returns: the candidates with their biased, normalised probabilities, in input order.
    /// - Complexity: O(*k*) for *k* candidates.
    public func biased(_ candidates: [Candidate], context: [UInt64]) -> [Candidate] {
        let seed = prf.seed(context: context)
        let boost = exp(delta)
        var out = candidates.map { c in
            Candidate(
                token: c.token,
                probability: prf.isGreen(seed: seed, token: c.token) ? c.probability * boost : c.probability)
        }
        let total = out.reduce(0) { $0 + $1.probability }
        for i in out.indices { out[i].probability /= total }
        return out
    }

    /// Samples the next token with the watermark.
    /// - Parameters:
    ///   - candidates: the model's next-token distribution (non-empty).
    ///   - context: the `h` preceding token ids, oldest first.
    ///   - rng: randomness for `ds-kgw` (`ds-gumbel` is deterministic given the context).
    /// - Returns: the chosen token id.
    /// - Complexity: O(*k*).
    public func sample<R: RandomNumberGenerator>(
        from candidates: [Candidate], context: [UInt64], using rng: inout R
    ) -> UInt64 {
        precondition(!candidates.isEmpty, "no candidates to sample from")
        switch prf.parameters.scheme {
        case .kgw, .deployedKGW, .synthID:
            let weights = biased(candidates, context: context)
            var u = Double.random(in: 0..<1, using: &rng)
            for c in weights {
                u -= c.probability
                if u < 0 { return c.token }
            }
            return weights[weights.count - 1].token
        case .gumbel:
            let seed = prf.seed(context: context)
            var best = candidates[0].token
            var bestKey = -Double.infinity
            for c in candidates where c.probability > 0 {
                // r^(1/p) is maximised where ln(r)/p is; r = 0 gives −∞ and never wins.
                let key = log(prf.uniform(seed: seed, token: c.token)) / c.probability
                if key > bestKey {
                    bestKey = key
                    best = c.token
                }
            }
            return best
        }
    }
}
