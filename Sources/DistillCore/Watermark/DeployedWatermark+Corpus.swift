import Foundation

extension DeployedWatermark {
    /// Scores every document of the corpus at `paths` on its text (``Scorer/score(ids:)``) and the
    /// corpus as a whole with each distinct tuple once (``DeployedRadioactivityTest`` without the
    /// prompt filter), then decides at `alpha` on the corpus p-value.
    ///
    /// ```swift
    /// let scheme = try KGWScheme(vocabularySize: 50_257, hashKey: KGWScheme.defaultHashKey)
    /// let kgw = DeployedWatermark.kgw(scheme, ignoreRepeatedNgrams: false)
    /// let detection = try kgw.detect(paths: ["generations.jsonl"], tokenization: .tokenIDs)
    /// print(detection.finding, detection.corpus.z)
    /// ```
    /// - Parameters:
    ///   - paths: the corpus's paths.
    ///   - alpha: the level of the decision.
    ///   - corpus: how the corpus is read; its thread count also scores the documents.
    ///   - tokenization: the model's own token ids (``WatermarkTokenization/tokenIDs``) or its tokenizer.
    ///   - progress: called while the corpus is read, on the calling thread.
    /// - Returns: the scores and the decision.
    /// - Throws: ``DistillError`` for unreadable or malformed input, or ids the model cannot have.
    /// - Complexity: one read, O(*n* · (context + depth)) in the corpus's tokens *n*, documents scored
    ///   in parallel (a green-list cache per chunk of documents).
    public func detect(
        paths: [String], alpha: Double = 1e-3, corpus: CorpusOptions = CorpusOptions(),
        tokenization: WatermarkTokenization = .tokenIDs, progress: ((ReadProgress) -> Void)? = nil
    ) throws -> WatermarkDetector.CorpusDetection {
        let (documents, summary) = try WatermarkCorpus.read(
            paths: paths, options: corpus, tokenization: tokenization, prompts: false, progress: progress)
        try validate(documents)
        let scores = scoreAll(documents.map(\.textIDs), threads: corpus.threads)
        var total = DeployedRadioactivityTest(
            watermark: self, options: .init(deduplicate: true, skipPromptContexts: false))
        for document in documents { total.add(ids: document.textIDs) }
        let corpusScore = total.result().score
        let log10Ps = scores.map(\.log10P)
        let log10Alpha = log10(alpha)
        return WatermarkDetector.CorpusDetection(
            documents: zip(documents, scores).map { WatermarkDetector.CorpusDetection.Document(id: $0.id, score: $1) },
            corpus: corpusScore, medianDocumentLog10P: Distribution(log10Ps).median,
            documentsAtOrBelowAlpha: log10Ps.filter { $0 <= log10Alpha }.count, alpha: alpha,
            finding: corpusScore.log10P <= log10Alpha, summary: summary)
    }

    /// Each text's score, in order; chunks of documents share a ``Scorer`` (and its cache).
    /// - Complexity: O(total ids), parallel over chunks.
    public func scoreAll(_ texts: [[UInt64]], threads: Int) -> [WatermarkScore] {
        let chunks = max(1, min(texts.count, threads * 4))
        let parts: [[WatermarkScore]] = Parallel.map(count: chunks, threads: threads) { c in
            var scorer = Scorer(self)
            return ((c * texts.count / chunks)..<((c + 1) * texts.count / chunks)).map { scorer.score(ids: texts[$0]) }
        }
        return parts.flatMap { $0 }
    }

    /// The radioactivity test (Sander et al. 2024) of the suspect corpus under this watermark, as one
    /// call: reads the suspect (with prompts when they are filtered) and the teacher, keeps only the
    /// teacher's contexts when `teacher` is given, and adds the suspect's texts in input order under
    /// the options' prompt filter (``DeployedRadioactivityTest``).
    /// - Parameters:
    ///   - suspect: the suspect corpus's paths.
    ///   - teacher: a teacher corpus's paths; when not empty, only contexts it contains are scored.
    ///   - options: deduplication and the prompt filter.
    ///   - alpha: the level of the decision.
    ///   - corpus: how the corpora are read.
    ///   - tokenization: the model's token ids or its tokenizer.
    ///   - progress: called while the suspect corpus is read, on the calling thread.
    /// - Returns: the result, the suspect's summary and the decision.
    /// - Throws: ``DistillError`` for unreadable or malformed input, or ids the model cannot have.
    /// - Complexity: one read of each corpus, O(*n* · (context + depth)) expected.
    public func radioactivity(
        suspect: [String], teacher: [String] = [], options: RadioactivityTest.Options = .init(),
        alpha: Double = 1e-3, corpus: CorpusOptions = CorpusOptions(), tokenization: WatermarkTokenization = .tokenIDs,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> RadioactivityTest.Outcome {
        let (documents, summary) = try WatermarkCorpus.read(
            paths: suspect, options: corpus, tokenization: tokenization, prompts: options.skipPromptContexts,
            progress: progress)
        try validate(documents)
        var test = DeployedRadioactivityTest(
            watermark: self,
            options: .init(
                deduplicate: options.deduplicate, skipPromptContexts: options.skipPromptContexts,
                promptFilter: options.promptFilter))
        for ids in try WatermarkCorpus.teacherTexts(paths: teacher, options: corpus, tokenization: tokenization) {
            test.keepOnlyContexts(ofTeacher: ids)
        }
        test.addAll(documents)
        return RadioactivityTest.Outcome(result: test.result(), summary: summary, alpha: alpha)
    }
}
