import Foundation

extension WatermarkDetector {
    /// The watermark scores of a corpus: each document's, the corpus total, and the decision.
    public struct CorpusDetection: Sendable {
        /// One document's score.
        public struct Document: Sendable {
            /// The document id (or file:line).
            public var id: String
            /// The test on the document's text.
            public var score: WatermarkScore
        }

        /// Each document's score, in input order.
        public var documents: [Document]
        /// The test on each distinct (context, token) tuple once across the corpus.
        public var corpus: WatermarkScore
        /// The median of the documents' log10 p-values.
        public var medianDocumentLog10P: Double
        /// Documents whose own p-value is at or below ``alpha``.
        public var documentsAtOrBelowAlpha: Int
        /// The level of the decision.
        public var alpha: Double
        /// Whether the corpus carries the watermark: the corpus p-value is at or below ``alpha``.
        public var finding: Bool
        /// What was read.
        public var summary: CorpusSummary
    }

    /// Scores every document of the corpus at `paths` on its text (not its prompt), and the corpus
    /// as a whole with each distinct (context, token) tuple once (``RadioactivityTest`` without
    /// prompt skipping), then decides at `alpha` on the corpus p-value.
    ///
    /// ```swift
    /// let detection = try WatermarkDetector.detect(paths: ["teacher.jsonl.gz"], key: key, parameters: .init())
    /// print(detection.finding, detection.corpus.z)
    /// ```
    /// - Parameters:
    ///   - paths: the corpus's paths.
    ///   - key: the watermark key.
    ///   - parameters: scheme, γ, context width and seeding of the watermark.
    ///   - ignoreRepeatedTuples: score a (context, token) tuple once per document.
    ///   - alpha: the level of the decision.
    ///   - corpus: how the corpus is read; its thread count also scores the documents.
    ///   - tokenization: text mode (word ids) or a model's subword ids.
    ///   - progress: called while the corpus is read, on the calling thread.
    /// - Returns: the scores and the decision.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: one read, O(*n h*) in the corpus's tokens *n*, documents scored in parallel;
    ///   memory O(*n*) for the token ids plus the distinct tuples of the corpus total.
    public static func detect(
        paths: [String], key: WatermarkKey, parameters: WatermarkParameters, ignoreRepeatedTuples: Bool = true,
        alpha: Double = 1e-3, corpus: CorpusOptions = CorpusOptions(),
        tokenization: WatermarkTokenization = .words(.standard), progress: ((ReadProgress) -> Void)? = nil
    ) throws -> CorpusDetection {
        let (documents, summary) = try WatermarkCorpus.read(
            paths: paths, options: corpus, tokenization: tokenization, prompts: false, progress: progress)
        let detector = WatermarkDetector(key: key, parameters: parameters, ignoreRepeatedTuples: ignoreRepeatedTuples)
        let scores = Parallel.map(count: documents.count, threads: corpus.threads) {
            detector.score(ids: documents[$0].textIDs)
        }
        var total = RadioactivityTest(
            key: key, parameters: parameters, options: .init(deduplicate: true, skipPromptContexts: false))
        for document in documents { total.add(ids: document.textIDs) }
        let corpusScore = total.result().score
        let log10Ps = scores.map(\.log10P)
        let log10Alpha = log10(alpha)
        return CorpusDetection(
            documents: zip(documents, scores).map { CorpusDetection.Document(id: $0.id, score: $1) },
            corpus: corpusScore, medianDocumentLog10P: Distribution(log10Ps).median,
            documentsAtOrBelowAlpha: log10Ps.filter { $0 <= log10Alpha }.count, alpha: alpha,
            finding: corpusScore.log10P <= log10Alpha, summary: summary)
    }
}
