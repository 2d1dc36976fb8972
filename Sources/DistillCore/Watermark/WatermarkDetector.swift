import Foundation

/// Scores token-id sequences for a portable watermark (DESIGN.md "Exact definitions": `ds-kgw`
/// after Kirchenbauer et al. 2023, `ds-gumbel` after Aaronson 2022).
///
/// Token `t[i]` is scored for every `i ≥ h`. With `ignoreRepeatedTuples` (the default) a
/// (context, token) tuple that occurred earlier in the same text is not scored again, which keeps
/// repetitive text from inflating the score (Kirchenbauer et al. §7; Sander et al. 2024); tuples
/// are identified by (seed, token), see ``WatermarkTuple``.
public struct WatermarkDetector: Sendable {
    /// The keyed PRF.
    public let prf: WatermarkPRF
    /// Whether repeated (context, token) tuples within a text are scored once.
    public var ignoreRepeatedTuples: Bool

    /// A detector for `key` and `parameters`.
    public init(key: WatermarkKey, parameters: WatermarkParameters, ignoreRepeatedTuples: Bool = true) {
        self.prf = WatermarkPRF(key: key, parameters: parameters)
        self.ignoreRepeatedTuples = ignoreRepeatedTuples
    }

    /// The parameters.
    public var parameters: WatermarkParameters { prf.parameters }

    /// The score of one text's token ids.
    /// - Complexity: O(*n h*) for *n* ids.
    public func score(ids: [UInt64]) -> WatermarkScore {
        var tally = Tally()
        var seen = Set<WatermarkTuple>()
        ids.withUnsafeBufferPointer { buffer in
            let h = parameters.contextWidth
            guard buffer.count > h else { return }
            for i in h..<buffer.count {
                let seed = prf.seed(buffer, before: i)
                if ignoreRepeatedTuples && !seen.insert(WatermarkTuple(seed: seed, token: buffer[i])).inserted {
                    continue
                }
                tally.add(prf: prf, seed: seed, token: buffer[i])
            }
        }
        return tally.score(tokens: ids.count, parameters: parameters, prf: prf)
    }

    /// The green flag of every token (`nil` for the first `h`, which have no full context),
    /// without tuple filtering: what a per-token view or a test vector shows.
    public func greenFlags(ids: [UInt64]) -> [Bool?] {
        ids.withUnsafeBufferPointer { buffer in
            (0..<buffer.count).map { i -> Bool? in
                i < parameters.contextWidth ? nil : prf.isGreen(seed: prf.seed(buffer, before: i), token: buffer[i])
            }
        }
    }

    /// Running sums of a test: scored tokens, green tokens, and the Gumbel score sum (added in
    /// token order, so the sum is reproducible bit for bit).
    struct Tally {
        var scored = 0
        var green = 0
        var scoreSum = 0.0

        @inline(__always)
        mutating func add(prf: WatermarkPRF, seed: UInt64, token: UInt64) {
            scored &+= 1
            switch prf.parameters.scheme {
            case .gumbel: scoreSum += prf.gumbelScore(seed: seed, token: token)
            case .kgw, .deployedKGW, .synthID: if prf.isGreen(seed: seed, token: token) { green &+= 1 }
            }
        }

        func score(tokens: Int, parameters: WatermarkParameters, prf: WatermarkPRF) -> WatermarkScore {
            parameters.scheme == .gumbel
                ? .gumbel(tokens: tokens, scored: scored, scoreSum: scoreSum)
                : .kgw(tokens: tokens, scored: scored, green: green, gamma: parameters.nullGreenProbability)
        }
    }
}
