import Foundation

/// Over-represented phrases of one corpus against another: the log-odds ratio with an informative
/// Dirichlet prior and its z-score (Monroe, Colaresi & Quinn 2008, "Fightin' words: lexical feature
/// selection and evaluation for identifying the content of political conflict", *Political Analysis*
/// 16(4), eq. 16–22).
///
/// For phrase w with counts yᵃ, yᵇ in corpora of nᵃ, nᵇ phrases and prior αw = α₀ · yᵖ/nᵖ from a prior
/// corpus p (a background, or A and B pooled):
/// δ = log((yᵃ+αw)/(nᵃ+α₀−yᵃ−αw)) − log((yᵇ+αw)/(nᵇ+α₀−yᵇ−αw)),
/// σ² ≈ 1/(yᵃ+αw) + 1/(yᵇ+αw), z = δ/σ.
public enum PhraseLogOdds {
    /// One phrase's score.
    public struct Phrase: Sendable, Hashable, Codable {
        public var phrase: String
        public var n: Int
        public var countA: Int
        public var countB: Int
        /// Occurrences per million n-grams of the same width.
        public var perMillionA: Double
        public var perMillionB: Double
        public var logOdds: Double
        public var z: Double
    }

    /// The phrases of `a` most over-represented against `b`, highest z first (ties by phrase).
    /// - Parameters:
    ///   - prior: counts for the prior; nil pools `a` and `b`.
    ///   - priorStrength: α₀, the prior's total pseudo-count per width.
    ///   - minCount: phrases seen fewer times in `a` are skipped.
    ///   - top: how many to return.
    /// - Complexity: O(distinct phrases of `a` · log).
    public static func overRepresented(
        _ a: PhraseCounts, against b: PhraseCounts, prior: PhraseCounts? = nil, priorStrength: Double = 1000,
        minCount: Int = 3, top: Int = 50
    ) -> [Phrase] {
        var out: [Phrase] = []
        for (t, n) in a.widths.enumerated() {
            guard let tb = b.widths.firstIndex(of: n).map({ b.widths.distance(from: b.widths.startIndex, to: $0) })
            else { continue }
            let ta = a.tables[t]
            let tableB = b.tables[tb]
            let na = Double(ta.total)
            let nb = Double(tableB.total)
            let tp = prior.flatMap { p in
                p.widths.firstIndex(of: n).map { p.tables[p.widths.distance(from: p.widths.startIndex, to: $0)] }
            }
            let np = tp.map { Double($0.total) } ?? (na + nb)
            guard na > 0, nb > 0, np > 0 else { continue }
            for e in ta.entries() where e.count >= UInt64(minCount) {
                let ya = Double(e.count)
                let yb = Double(tableB.count(of: e.key))
                let yp = tp.map { Double($0.count(of: e.key)) } ?? (ya + yb)
                // A phrase missing from the prior corpus gets half a pseudo-count so the odds stay finite.
                let alpha = priorStrength * max(yp, 0.5) / np
                let delta =
                    log((ya + alpha) / (na + priorStrength - ya - alpha))
                    - log((yb + alpha) / (nb + priorStrength - yb - alpha))
                let z = delta / (1 / (ya + alpha) + 1 / (yb + alpha)).squareRoot()
                out.append(
                    Phrase(
                        phrase: e.word ?? "", n: n, countA: Int(e.count), countB: Int(yb),
                        perMillionA: ya / na * 1e6, perMillionB: yb / nb * 1e6, logOdds: delta, z: z))
            }
        }
        out.sort { $0.z != $1.z ? $0.z > $1.z : $0.phrase < $1.phrase }
        return Array(out.prefix(top))
    }
}
