extension PhraseLogOdds {
    /// The over-represented phrases of one corpus on disk against another, with the corpora's sizes.
    public struct Comparison: Sendable {
        /// The phrases of A most over-represented against B, highest z first.
        public var phrases: [Phrase]
        /// Documents read from A.
        public var documentsA: Int
        /// Documents read from B.
        public var documentsB: Int
        /// Documents read from the background corpus, when one was given.
        public var documentsBackground: Int?
    }

    /// The phrase comparison as one call: counts the n-grams of `a`, `b` and `background`, then
    /// scores `a`'s against `b`'s (``overRepresented(_:against:prior:priorStrength:minCount:top:)``).
    ///
    /// ```swift
    /// let comparison = try PhraseLogOdds.run(a: "teacher.jsonl.gz", b: "control.jsonl.gz", top: 10)
    /// for p in comparison.phrases { print(p.z, p.phrase) }
    /// ```
    /// - Parameters:
    ///   - a: the corpus whose phrases are listed.
    ///   - b: the corpus it is compared with.
    ///   - background: a corpus for the prior; nil pools `a` and `b`.
    ///   - widths: the n-gram widths counted.
    ///   - priorStrength: α₀, the prior's total pseudo-count per width.
    ///   - minCount: phrases seen fewer times in `a` are skipped.
    ///   - top: how many phrases to return.
    ///   - corpus: how the corpora are read.
    /// - Returns: the phrases and the documents read from each corpus.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: one read of each corpus, O(tokens · widths) counting, then O(distinct phrases of `a` · log).
    public static func run(
        a: String, b: String, background: String? = nil, widths: ClosedRange<Int> = 1...3,
        priorStrength: Double = 1000, minCount: Int = 3, top: Int = 50, corpus: CorpusOptions = CorpusOptions()
    ) throws -> Comparison {
        let countsA = try PhraseCounts.read(paths: [a], widths: widths, corpusOptions: corpus)
        let countsB = try PhraseCounts.read(paths: [b], widths: widths, corpusOptions: corpus)
        let prior = try background.map { try PhraseCounts.read(paths: [$0], widths: widths, corpusOptions: corpus) }
        let phrases = overRepresented(
            countsA, against: countsB, prior: prior, priorStrength: priorStrength, minCount: minCount, top: top)
        return Comparison(
            phrases: phrases, documentsA: countsA.documents, documentsB: countsB.documents,
            documentsBackground: prior?.documents)
    }
}
