import Foundation

extension RadioactivityTest {
    /// A radioactivity test run on corpora on disk: the test's result, what was read, and the
    /// decision at the level it was run with.
    public struct Outcome: Sendable {
        /// The test on every tuple kept.
        public var result: Result
        /// What was read from the suspect corpus.
        public var summary: CorpusSummary
        /// The level the decision was taken at.
        public var alpha: Double
        /// Whether the suspect carries the watermark: the test's p-value is at or below ``alpha``.
        public var finding: Bool

        /// The outcome of `result` at level `alpha`.
        public init(result: Result, summary: CorpusSummary, alpha: Double) {
            self.result = result
            self.summary = summary
            self.alpha = alpha
            finding = PValue.rejects(log10P: result.score.log10P, alpha: alpha)
        }
    }

    /// The whole radioactivity test (Sander et al. 2024) as one call: reads the suspect corpus (and
    /// its prompts when prompt contexts are skipped), keeps only the teacher corpus's contexts when
    /// `teacher` is given, then scores the suspect's texts in input order, skipping contexts of each
    /// document's own prompt (or, with ``PromptFilter/corpus``, of any prompt).
    ///
    /// ```swift
    /// let key = try WatermarkKey(parsing: "0x7E5C4E12D15711A7", source: "key")
    /// let outcome = try RadioactivityTest.run(suspect: ["student.jsonl.gz"], key: key, parameters: .init())
    /// print(outcome.finding, outcome.result.score.log10P)
    /// ```
    /// - Parameters:
    ///   - suspect: the suspect corpus's paths.
    ///   - teacher: a teacher corpus's paths; when not empty, only contexts it contains are scored.
    ///   - key: the watermark key.
    ///   - parameters: scheme, γ, context width and seeding of the watermark.
    ///   - options: deduplication and the prompt filter (``Options/teacherFilter`` follows `teacher`).
    ///   - alpha: the level of the decision.
    ///   - corpus: how the corpora are read (threads included).
    ///   - tokenization: text mode (word ids) or a model's subword ids.
    ///   - progress: called while the suspect corpus is read, on the calling thread.
    /// - Returns: the result, the suspect's summary and the decision.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: one read of each corpus, O(*n h*) expected in the tokens *n* of both;
    ///   memory O(distinct tuples + teacher contexts + prompt contexts).
    public static func run(
        suspect: [String], teacher: [String] = [], key: WatermarkKey, parameters: WatermarkParameters,
        options: Options = Options(), alpha: Double = 1e-3, corpus: CorpusOptions = CorpusOptions(),
        tokenization: WatermarkTokenization = .words(.standard), progress: ((ReadProgress) -> Void)? = nil
    ) throws -> Outcome {
        let (documents, summary) = try WatermarkCorpus.read(
            paths: suspect, options: corpus, tokenization: tokenization, prompts: options.skipPromptContexts,
            progress: progress)
        var test = RadioactivityTest(
            key: key, parameters: parameters,
            options: Options(
                deduplicate: options.deduplicate, skipPromptContexts: options.skipPromptContexts,
                promptFilter: options.promptFilter))
        for ids in try WatermarkCorpus.teacherTexts(paths: teacher, options: corpus, tokenization: tokenization) {
            test.keepOnlyContexts(ofTeacher: ids)
        }
        test.addAll(documents)
        return Outcome(result: test.result(), summary: summary, alpha: alpha)
    }

    /// Adds `documents` in order under the prompt filter of the options: with
    /// ``PromptFilter/corpus`` every prompt's contexts are excluded first, then the texts are added;
    /// with ``PromptFilter/document`` each text is added with its own prompt.
    /// - Complexity: O(*n h*) expected in the tokens *n* of texts and prompts.
    public mutating func addAll(_ documents: [WatermarkDocument]) {
        if options.promptFilter == .corpus {
            for document in documents { excludeContexts(ofPrompt: document.promptIDs) }
            for document in documents { add(ids: document.textIDs) }
        } else {
            for document in documents { add(ids: document.textIDs, promptIDs: document.promptIDs) }
        }
    }
}
