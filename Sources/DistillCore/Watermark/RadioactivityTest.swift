import Foundation

/// The corpus-level radioactivity test of Sander et al., "Watermarking Makes Language Models
/// Radioactive" (NeurIPS 2024): does a suspect model's output carry a teacher's watermark?
///
/// Every (context, token) tuple of the suspect's texts is scored at most once across the whole
/// corpus, tuples identified by (seed, token) (``WatermarkTuple``; `deduplicate`, on by default: without it, repeated boilerplate whose tuples happen to be
/// green makes unwatermarked text look radioactive), tuples whose context occurs in a prompt are
/// skipped (the prompt, not the model, chose them), and optionally only contexts seen in a teacher
/// corpus are kept ("filter on the teacher's tokens", Sander et al. §4). The result is one exact
/// test (``WatermarkScore``) plus the p-value against tokens scored.
///
/// Feed it in input order: prompt contexts first (``excludeContexts(ofPrompt:)``), teacher contexts
/// (``keepOnlyContexts(ofTeacher:)``), then the texts (``add(ids:)``).
public struct RadioactivityTest: Sendable {
    /// Options of the test.
    public struct Options: Sendable, Hashable, Codable {
        /// Score each (context, token) tuple once per corpus.
        public var deduplicate: Bool
        /// Skip tuples whose context occurs in a prompt.
        public var skipPromptContexts: Bool
        /// Keep only contexts seen in the teacher corpus (set when teacher contexts are given).
        public var teacherFilter: Bool

        public init(deduplicate: Bool = true, skipPromptContexts: Bool = true, teacherFilter: Bool = false) {
            self.deduplicate = deduplicate
            self.skipPromptContexts = skipPromptContexts
            self.teacherFilter = teacherFilter
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
    /// The options.
    public private(set) var options: Options
    private var promptContexts = Set<UInt64>()
    private var teacherContexts = Set<UInt64>()
    private var seen = Set<WatermarkTuple>()
    private var tally = WatermarkDetector.Tally()
    private var tokens = 0
    private var documents = 0
    private var skippedDuplicate = 0, skippedPrompt = 0, skippedTeacher = 0
    private var curve: [CurvePoint] = []
    private var nextCurvePoint = 16

    /// A test for `key` and `parameters`.
    public init(key: WatermarkKey, parameters: WatermarkParameters, options: Options = Options()) {
        self.prf = WatermarkPRF(key: key, parameters: parameters)
        self.options = options
    }

    /// Records every context of a prompt's ids (each run of `h` consecutive ids) as one to skip.
    /// - Complexity: O(*n h*).
    public mutating func excludeContexts(ofPrompt ids: [UInt64]) {
        guard options.skipPromptContexts else { return }
        Self.forEachContext(ids, contextWidth: prf.parameters.contextWidth) { promptContexts.insert($0) }
    }

    /// Records the contexts of a teacher text; once any is given, only these contexts are scored.
    /// - Complexity: O(*n h*).
    public mutating func keepOnlyContexts(ofTeacher ids: [UInt64]) {
        options.teacherFilter = true
        Self.forEachContext(ids, contextWidth: prf.parameters.contextWidth) { teacherContexts.insert($0) }
    }

    /// Scores one suspect text's ids.
    /// - Complexity: O(*n h*) expected.
    public mutating func add(ids: [UInt64]) {
        documents += 1
        tokens += ids.count
        let h = prf.parameters.contextWidth
        ids.withUnsafeBufferPointer { buffer in
            guard buffer.count > h else { return }
            for i in h..<buffer.count {
                if options.skipPromptContexts || options.teacherFilter {
                    let context = WatermarkTuple.contextHash(buffer, before: i, contextWidth: h)
                    if options.skipPromptContexts && promptContexts.contains(context) {
                        skippedPrompt += 1
                        continue
                    }
                    if options.teacherFilter && !teacherContexts.contains(context) {
                        skippedTeacher += 1
                        continue
                    }
                }
                let seed = prf.seed(buffer, before: i)
                if options.deduplicate && !seen.insert(WatermarkTuple(seed: seed, token: buffer[i])).inserted {
                    skippedDuplicate += 1
                    continue
                }
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
            score: score, documents: documents, skippedDuplicate: skippedDuplicate, skippedPromptContext: skippedPrompt,
            skippedNotInTeacher: skippedTeacher, curve: points, options: options)
    }

    private static func forEachContext(_ ids: [UInt64], contextWidth h: Int, _ body: (UInt64) -> Void) {
        ids.withUnsafeBufferPointer { buffer in
            guard buffer.count >= h else { return }
            for end in h...buffer.count {
                body(WatermarkTuple.contextHash(buffer, before: end, contextWidth: h))
            }
        }
    }
}
