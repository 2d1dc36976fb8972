import Foundation

/// The radioactivity test of Sander et al., "Watermarking Makes Language Models Radioactive"
/// (NeurIPS 2024) for a deployed watermark (``DeployedWatermark``): KGW as MarkLLM and lm-watermarking
/// compute it, or SynthID-Text.
///
/// The same filters as ``RadioactivityTest`` (``RadioactivityFilter``): each tuple at most once in
/// the corpus, the prompt filter (per document by default) and the teacher filter on contexts of
/// ``DeployedWatermark/contextWidth`` ids. A tuple is what decides the token's score:
/// - KGW: (low 32 bits of the green-list seed, token) — PyTorch's generator keeps only those bits,
///   so two contexts with the same seed (MarkLLM's seeds lie below |V|; with `prefix_length` > 1 many
///   contexts share one) have the same green list; one Bernoulli(`⌊|V|γ⌋/|V|`) trial per tuple.
/// - SynthID: the n-gram hash `accumulate_hash(1, n-gram)`, which fixes every layer's g-value; one
///   trial per key (layer), Bernoulli(the table's share of ones) each.
///
/// The test is `P[Bin(N, p₀) ≥ S]` in log space over all trials kept (``WatermarkScore``, with
/// ``WatermarkScore/scored`` counting trials: tuples × layers for SynthID).
public struct DeployedRadioactivityTest: Sendable {
    /// The watermark.
    public let watermark: DeployedWatermark
    private var filter: RadioactivityFilter
    private var cache: KGWGreenListCache?
    private let nullProbability: Double
    private var trials = 0
    private var successes = 0
    private var tokens = 0
    private var documents = 0
    private var curve: [RadioactivityTest.CurvePoint] = []
    private var nextCurvePoint = 16
    private var ints: [Int] = []

    /// A test of `watermark` with `options`.
    /// - Complexity: O(|V|) for KGW with MarkLLM seeding (the cache's seed table).
    public init(watermark: DeployedWatermark, options: RadioactivityTest.Options = .init()) {
        self.watermark = watermark
        filter = RadioactivityFilter(options: options, contextWidth: watermark.contextWidth)
        nullProbability = watermark.nullProbability
        if case .kgw(let scheme, _) = watermark { cache = KGWGreenListCache(scheme: scheme) }
    }

    /// The options.
    public var options: RadioactivityTest.Options { filter.options }

    /// Excludes every context of a prompt from all documents (the corpus-wide rule).
    /// - Complexity: O(*n h*).
    public mutating func excludeContexts(ofPrompt ids: [UInt64]) { filter.excludeContexts(ofPrompt: ids) }

    /// Records the contexts of a teacher text; once any is given, only these contexts are scored.
    /// - Complexity: O(*n h*).
    public mutating func keepOnlyContexts(ofTeacher ids: [UInt64]) { filter.keepOnlyContexts(ofTeacher: ids) }

    /// Scores one suspect text, skipping tuples whose context occurs in its own prompt (per-document rule).
    /// - Precondition: the ids passed ``DeployedWatermark/validate(_:)``.
    /// - Complexity: O(*n* · (context + depth)) expected, plus O(|V|) per KGW green list not yet cached.
    public mutating func add(ids: [UInt64], promptIDs: [UInt64] = []) {
        documents += 1
        tokens += ids.count
        let h = watermark.contextWidth
        let documentPrompt = filter.documentPromptContexts(promptIDs)
        ints.removeAll(keepingCapacity: true)
        ints.append(contentsOf: ids.lazy.map { Int(truncatingIfNeeded: $0) })
        let localInts = ints
        ids.withUnsafeBufferPointer { buffer in
            localInts.withUnsafeBufferPointer { values in
                guard buffer.count > h else { return }
                switch watermark {
                case .kgw(let scheme, _):
                    for i in h..<buffer.count {
                        guard filter.passesContextFilters(buffer, at: i, documentPrompt: documentPrompt) else {
                            continue
                        }
                        let seed = scheme.seed(context: UnsafeBufferPointer(rebasing: values[(i - h)..<i]))
                        let tuple = WatermarkTuple(seed: UInt64(UInt32(truncatingIfNeeded: seed)), token: buffer[i])
                        guard filter.isFresh(tuple) else { continue }
                        trials += 1
                        if cache!.isGreen(token: values[i], seed: seed) { successes += 1 }
                    }
                case .synthID(let scheme, _):
                    let n = scheme.ngramLength
                    var g = [UInt8](repeating: 0, count: scheme.depth)
                    scheme.samplingTable.withUnsafeBufferPointer { table in
                        scheme.keyOffsets.withUnsafeBufferPointer { offsets in
                            g.withUnsafeMutableBufferPointer { out in
                                for i in (n - 1)..<buffer.count {
                                    guard filter.passesContextFilters(buffer, at: i, documentPrompt: documentPrompt)
                                    else { continue }
                                    let hash = SynthIDScheme.accumulateHash(
                                        1, UnsafeBufferPointer(rebasing: values[(i - n + 1)...i]))
                                    guard filter.isFresh(WatermarkTuple(seed: hash, token: 0)) else { continue }
                                    SynthIDScheme.lookUp(
                                        hash: hash, offsets: offsets, table: table, into: out.baseAddress!)
                                    trials += out.count
                                    for v in out { successes += Int(v) }
                                }
                            }
                        }
                    }
                }
            }
        }
        if trials >= nextCurvePoint {
            curve.append(RadioactivityTest.CurvePoint(scored: trials, log10P: currentScore.log10P))
            while nextCurvePoint <= trials { nextCurvePoint = max(nextCurvePoint + 1, nextCurvePoint * 5 / 4) }
        }
    }

    /// Adds `documents` in order under the options' prompt filter (see ``RadioactivityTest/addAll(_:)``).
    /// - Complexity: as ``add(ids:promptIDs:)`` for each.
    public mutating func addAll(_ documents: [WatermarkDocument]) {
        if options.promptFilter == .corpus {
            for document in documents { excludeContexts(ofPrompt: document.promptIDs) }
            for document in documents { add(ids: document.textIDs) }
        } else {
            for document in documents { add(ids: document.textIDs, promptIDs: document.promptIDs) }
        }
    }

    private var currentScore: WatermarkScore {
        .binomial(
            scheme: watermark.scheme, tokens: tokens, scored: trials, successes: successes,
            nullProbability: nullProbability)
    }

    /// The test on everything added so far.
    public func result() -> RadioactivityTest.Result {
        let score = currentScore
        var points = curve
        if points.last?.scored != score.scored {
            points.append(RadioactivityTest.CurvePoint(scored: score.scored, log10P: score.log10P))
        }
        return RadioactivityTest.Result(
            score: score, documents: documents, skippedDuplicate: filter.skippedDuplicate,
            skippedPromptContext: filter.skippedPrompt, skippedNotInTeacher: filter.skippedTeacher, curve: points,
            options: options)
    }
}
