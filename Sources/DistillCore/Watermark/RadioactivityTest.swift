import Foundation

/// The corpus-level radioactivity test of Sander et al., "Watermarking Makes Language Models
/// Radioactive" (NeurIPS 2024): does a suspect model's output carry a teacher's watermark?
///
/// Every (context, token) tuple of the suspect's texts is scored at most once across the whole
/// corpus, tuples identified by (seed, token) (``WatermarkTuple``; `deduplicate`, on by default: without
/// it, repeated boilerplate whose tuples happen to be green makes unwatermarked text look radioactive),
/// tuples whose context occurs in the document's own prompt are skipped (that prompt, not the model,
/// may have chosen them; ``PromptFilter``), and optionally only contexts seen in a teacher corpus are
/// kept ("filter on the teacher's tokens", Sander et al. §4). The result is one exact test
/// (``WatermarkScore``) plus the p-value against tokens scored.
///
/// Feed it in input order: teacher contexts (``keepOnlyContexts(ofTeacher:)``), then each text with
/// its prompt (``add(ids:promptIDs:)``). ``excludeContexts(ofPrompt:)`` excludes a prompt's contexts
/// from every document (the corpus-wide rule).
public struct RadioactivityTest: Sendable {
    /// Which prompts a tuple's context is checked against.
    public enum PromptFilter: String, Sendable, Hashable, Codable, CaseIterable {
        /// Skip a tuple when its context occurs in the same document's prompt: the only prompt that
        /// could have steered the answer or been copied into it (DESIGN.md; the default).
        case document
        /// Skip a tuple when its context occurs in any prompt of the corpus (stricter, loses power:
        /// with short contexts most frequent contexts occur in some prompt).
        case corpus
    }

    /// Options of the test.
    public struct Options: Sendable, Hashable, Codable {
        /// Score each (context, token) tuple once per corpus.
        public var deduplicate: Bool
        /// Skip tuples whose context occurs in a prompt.
        public var skipPromptContexts: Bool
        /// Which prompts: the document's own (default) or any in the corpus.
        public var promptFilter: PromptFilter
        /// Keep only contexts seen in the teacher corpus (set when teacher contexts are given).
        public var teacherFilter: Bool

        public init(
            deduplicate: Bool = true, skipPromptContexts: Bool = true, promptFilter: PromptFilter = .document,
            teacherFilter: Bool = false
        ) {
            self.deduplicate = deduplicate
            self.skipPromptContexts = skipPromptContexts
            self.promptFilter = promptFilter
            self.teacherFilter = teacherFilter
        }

        private enum CodingKeys: String, CodingKey {
            case deduplicate, skipPromptContexts, promptFilter, teacherFilter
        }

        /// Decodes options; reports written before ``promptFilter`` existed used the corpus-wide rule.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            deduplicate = try c.decode(Bool.self, forKey: .deduplicate)
            skipPromptContexts = try c.decode(Bool.self, forKey: .skipPromptContexts)
            promptFilter = try c.decodeIfPresent(PromptFilter.self, forKey: .promptFilter) ?? .corpus
            teacherFilter = try c.decode(Bool.self, forKey: .teacherFilter)
        }
    }

    /// One point of the p-value curve.
    public struct CurvePoint: Sendable, Hashable, Codable {
        /// Tokens scored so far.
        public var scored: Int
        /// log10 p of the test on those tokens.
        public var log10P: Double
    }

    /// What the test found.
    public struct Result: Sendable, Hashable, Codable {
        /// The test on every tuple kept.
        public var score: WatermarkScore
        /// Documents added.
        public var documents: Int
        /// Tuples not scored because they were seen before in the corpus.
        public var skippedDuplicate: Int
        /// Tuples not scored because their context occurs in a prompt.
        public var skippedPromptContext: Int
        /// Tuples not scored because their context never occurs in the teacher corpus.
        public var skippedNotInTeacher: Int
        /// log10 p against tokens scored, at roughly geometric steps (×1.25) and at the end.
        public var curve: [CurvePoint]
        /// The options used.
        public var options: Options
    }

    let prf: WatermarkPRF
    private var filter: RadioactivityFilter
    /// The options.
    public var options: Options { filter.options }
    private var tally = WatermarkDetector.Tally()
    private var tokens = 0
    private var documents = 0
    private var curve: [CurvePoint] = []
    private var nextCurvePoint = 16

    /// A test for `key` and `parameters`.
    public init(key: WatermarkKey, parameters: WatermarkParameters, options: Options = Options()) {
        self.prf = WatermarkPRF(key: key, parameters: parameters)
        self.filter = RadioactivityFilter(options: options, contextWidth: parameters.contextWidth)
    }

    /// Records every context of a prompt's ids (each run of `h` consecutive ids) as one to skip in
    /// every document: the corpus-wide rule (``PromptFilter/corpus``).
    /// - Complexity: O(*n h*).
    public mutating func excludeContexts(ofPrompt ids: [UInt64]) { filter.excludeContexts(ofPrompt: ids) }

    /// Records the contexts of a teacher text; once any is given, only these contexts are scored.
    /// - Complexity: O(*n h*).
    public mutating func keepOnlyContexts(ofTeacher ids: [UInt64]) { filter.keepOnlyContexts(ofTeacher: ids) }

    /// Scores one suspect text's ids, skipping tuples whose context occurs in `promptIDs` (the
    /// document's own prompt) under ``PromptFilter/document``.
    /// - Complexity: O(*(n + m) h*) expected for *n* text and *m* prompt ids.
    public mutating func add(ids: [UInt64], promptIDs: [UInt64] = []) {
        documents += 1
        tokens += ids.count
        let h = prf.parameters.contextWidth
        let documentPrompt = filter.documentPromptContexts(promptIDs)
        ids.withUnsafeBufferPointer { buffer in
            guard buffer.count > h else { return }
            for i in h..<buffer.count {
                guard filter.passesContextFilters(buffer, at: i, documentPrompt: documentPrompt) else { continue }
                let seed = prf.seed(buffer, before: i)
                guard filter.isFresh(WatermarkTuple(seed: seed, token: buffer[i])) else { continue }
                tally.add(prf: prf, seed: seed, token: buffer[i])
            }
        }
        if tally.scored >= nextCurvePoint {
            curve.append(CurvePoint(scored: tally.scored, log10P: currentScore.log10P))
            while nextCurvePoint <= tally.scored { nextCurvePoint = max(nextCurvePoint + 1, nextCurvePoint * 5 / 4) }
        }
    }

    private var currentScore: WatermarkScore {
        tally.score(tokens: tokens, parameters: prf.parameters, prf: prf)
    }

    /// The test on everything added so far.
    public func result() -> Result {
        let score = currentScore
        var points = curve
        if points.last?.scored != score.scored { points.append(CurvePoint(scored: score.scored, log10P: score.log10P)) }
        return Result(
            score: score, documents: documents, skippedDuplicate: filter.skippedDuplicate,
            skippedPromptContext: filter.skippedPrompt, skippedNotInTeacher: filter.skippedTeacher, curve: points,
            options: options)
    }
}
