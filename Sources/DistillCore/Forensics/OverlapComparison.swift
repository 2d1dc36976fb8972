/// Options of the overlap comparison.
public struct OverlapOptions: Sendable, Hashable {
    /// N-gram widths of exact overlap.
    public var widths: [Int]
    /// Document frequency in the reference from which an n-gram is boilerplate (0: off).
    public var boilerplateMinDocuments: Int
    /// Jaccard threshold of the near-duplicate search across corpora.
    public var nearDuplicateThreshold: Double
    /// How many evidence spans, boilerplate phrases and near-duplicate pairs the report keeps.
    public var maxEvidence: Int
    public var maxBoilerplatePhrases: Int
    public var maxNearDuplicatePairs: Int
    /// Longest excerpt of text in an evidence item, in bytes.
    public var maxExcerptBytes: Int
    /// Run the near-duplicate search across the corpora.
    public var nearDuplicates: Bool

    public init(
        widths: [Int] = [8, 13], boilerplateMinDocuments: Int = 10, nearDuplicateThreshold: Double = 0.5,
        maxEvidence: Int = 25, maxBoilerplatePhrases: Int = 10, maxNearDuplicatePairs: Int = 25,
        maxExcerptBytes: Int = 600, nearDuplicates: Bool = true
    ) {
        self.nearDuplicates = nearDuplicates
        self.widths = widths
        self.boilerplateMinDocuments = boilerplateMinDocuments
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.maxEvidence = maxEvidence
        self.maxBoilerplatePhrases = maxBoilerplatePhrases
        self.maxNearDuplicatePairs = maxNearDuplicatePairs
        self.maxExcerptBytes = maxExcerptBytes
    }
}

/// Compares a suspect corpus with a reference corpus: exact n-gram overlap with evidence spans,
/// paired and unpaired containment and Jaccard, and near-duplicate pairs.
public enum OverlapComparison {
    /// - Parameters:
    ///   - background: a corpus whose n-grams count as boilerplate (for example a control model's).
    public static func compare(
        suspect: FingerprintedCorpus, reference: FingerprintedCorpus, background: FingerprintedCorpus? = nil,
        options: OverlapOptions, normalization: NormalizationOptions = .standard, shingleWidth: Int = 5,
        threads: Int
    ) -> OverlapReport {
        let pairing = CorpusPairing(suspect: suspect.documents, reference: reference.documents)
        var widths: [OverlapReport.Width] = []
        let excerpts = ExcerptMaker(normalization: normalization, maxBytes: options.maxExcerptBytes)
        for n in options.widths {
            let index = NGramIndex(documents: reference.wordIDs, n: n, threads: threads)
            let backgroundIndex = background.map { NGramIndex(documents: $0.wordIDs, n: n, threads: threads) }
            let rule = NGramOverlap.BoilerplateRule(
                minDocuments: options.boilerplateMinDocuments, background: backgroundIndex)
            let results = NGramOverlap.analyze(
                suspect: suspect.wordIDs, reference: index, boilerplate: rule, threads: threads)
            widths.append(
                summarize(
                    n: n, results: results, suspect: suspect, reference: reference, index: index, rule: rule,
                    pairing: pairing, options: options, excerpts: excerpts, threads: threads))
        }
        var pairedJaccard: Distribution?
        if pairing.pairCount > 0 {
            var values: [Double] = []
            for (i, p) in pairing.partner.enumerated() {
                if let p {
                    values.append(
                        shingleSet(suspect, i, width: shingleWidth).jaccard(
                            shingleSet(reference, p, width: shingleWidth)))
                }
            }
            pairedJaccard = Distribution(values)
        }
        let near =
            options.nearDuplicates
            ? NearDuplicateSearch.acrossCorpora(
                suspect: withShingleSets(suspect, width: shingleWidth, threads: threads),
                reference: withShingleSets(reference, width: shingleWidth, threads: threads),
                threshold: options.nearDuplicateThreshold, threads: threads)
            : (
                pairs: [],
                statistics: NearDuplicateStatistics(
                    parameters: LSHParameters(bands: 0, rows: 0), threshold: options.nearDuplicateThreshold,
                    candidates: 0,
                    estimated: 0, verified: 0)
            )
        var best = [Double](repeating: 0, count: suspect.count)
        for p in near.pairs { best[p.first] = max(best[p.first], p.jaccard) }
        let ranked = near.pairs.sorted {
            $0.jaccard != $1.jaccard ? $0.jaccard > $1.jaccard : ($0.first, $0.second) < ($1.first, $1.second)
        }
        let shownPairs = ranked.prefix(options.maxNearDuplicatePairs).map {
            OverlapReport.NearDuplicates.Pair(
                suspectID: suspect.documents[$0.first].id, referenceID: reference.documents[$0.second].id,
                jaccard: $0.jaccard)
        }
        return OverlapReport(
            suspectDocuments: suspect.count, referenceDocuments: reference.count, pairing: pairing.method,
            pairs: pairing.pairCount, boilerplateMinDocuments: options.boilerplateMinDocuments, widths: widths,
            pairedJaccard: pairedJaccard, unpairedJaccard: Distribution(best),
            nearDuplicates: OverlapReport.NearDuplicates(
                threshold: options.nearDuplicateThreshold, shingleWidth: shingleWidth,
                permutations: suspect.permutations, statistics: near.statistics, total: near.pairs.count,
                pairs: Array(shownPairs)))
    }

    /// Document `i`'s shingle set: kept, or computed from its word ids.
    static func shingleSet(_ corpus: FingerprintedCorpus, _ i: Int, width: Int) -> ShingleSet {
        if corpus.shingleSets.count == corpus.count { return corpus.shingleSets[i] }
        return ShingleSet(Shingler.hashes(of: corpus.wordIDs[i], n: width, includeShortTail: true))
    }

    static func withShingleSets(_ corpus: FingerprintedCorpus, width: Int, threads: Int) -> FingerprintedCorpus {
        if corpus.shingleSets.count == corpus.count { return corpus }
        var out = corpus
        out.shingleSets = Parallel.map(count: corpus.count, threads: threads) { shingleSet(corpus, $0, width: width) }
        return out
    }

    private static func summarize(
        n: Int, results: [NGramOverlap.DocumentResult], suspect: FingerprintedCorpus, reference: FingerprintedCorpus,
        index: NGramIndex, rule: NGramOverlap.BoilerplateRule, pairing: CorpusPairing, options: OverlapOptions,
        excerpts: ExcerptMaker, threads: Int
    ) -> OverlapReport.Width {
        var windows = 0
        var shared = 0
        var boilerplateWindows = 0
        var evidenceSpans = 0
        var boilerplateSpans = 0
        var spans: [(doc: Int, span: NGramOverlap.Span)] = []
        var phraseCounts: [UInt64: (count: Int, doc: Int, start: Int, end: Int)] = [:]
        for (d, r) in results.enumerated() {
            windows += r.windows
            shared += r.shared
            boilerplateWindows += r.boilerplate
            for s in r.spans {
                if s.isBoilerplate {
                    boilerplateSpans += 1
                    let key =
                        suspect.wordIDs[d][s.start..<s.end].withContiguousStorageIfAvailable { StableHash.shingle($0) }
                        ?? StableHash.shingle(Array(suspect.wordIDs[d][s.start..<s.end]))
                    if let seen = phraseCounts[key] {
                        phraseCounts[key] = (seen.count + 1, seen.doc, seen.start, seen.end)
                    } else {
                        phraseCounts[key] = (1, d, s.start, s.end)
                    }
                } else {
                    evidenceSpans += 1
                    spans.append((d, s))
                }
            }
        }
        spans.sort {
            if $0.span.evidenceWindows != $1.span.evidenceWindows {
                return $0.span.evidenceWindows > $1.span.evidenceWindows
            }
            if $0.span.tokenCount != $1.span.tokenCount { return $0.span.tokenCount > $1.span.tokenCount }
            return ($0.doc, $0.span.start) < ($1.doc, $1.span.start)
        }
        let top = Array(spans.prefix(options.maxEvidence))
        let located = NGramOverlap.locate(
            top.map { (document: $0.doc, span: $0.span) }, suspect: suspect.wordIDs, reference: index,
            corpus: reference.wordIDs, threads: threads)
        let evidence = zip(top, located).compactMap { item, s -> OverlapReport.SpanEvidence? in
            guard s.referenceDocument >= 0 else { return nil }
            let refIDs = reference.wordIDs[s.referenceDocument]
            let refEnd = min(refIDs.count, s.referenceStart + s.tokenCount)
            return OverlapReport.SpanEvidence(
                suspectID: suspect.documents[item.doc].id, suspectStart: s.start, suspectEnd: s.end,
                referenceID: reference.documents[s.referenceDocument].id, referenceStart: s.referenceStart,
                referenceEnd: refEnd, tokens: s.tokenCount,
                suspectText: excerpts.excerpt(suspect.documents[item.doc].text, tokens: s.start..<s.end),
                referenceText: excerpts.excerpt(
                    reference.documents[s.referenceDocument].text, tokens: s.referenceStart..<refEnd))
        }
        let phrases = phraseCounts.values.sorted {
            $0.count != $1.count ? $0.count > $1.count : ($0.doc, $0.start) < ($1.doc, $1.start)
        }.prefix(options.maxBoilerplatePhrases).map {
            OverlapReport.BoilerplatePhrase(
                text: excerpts.excerpt(suspect.documents[$0.doc].text, tokens: $0.start..<$0.end), occurrences: $0.count
            )
        }
        var paired: Distribution?
        if pairing.pairCount > 0 {
            let values: [Double] = Parallel.map(count: suspect.count, threads: threads) { i -> Double in
                guard let p = pairing.partner[i] else { return -1 }
                return pairedContainment(suspect.wordIDs[i], reference.wordIDs[p], n: n, index: index, rule: rule)
            }.filter { $0 >= 0 }
            paired = Distribution(values)
        }
        let denominator = windows - boilerplateWindows
        return OverlapReport.Width(
            n: n, corpusContainment: denominator <= 0 ? 0 : Double(shared - boilerplateWindows) / Double(denominator),
            windows: windows, sharedWindows: shared, boilerplateWindows: boilerplateWindows,
            unpairedContainment: Distribution(results.map(\.containment)), pairedContainment: paired,
            containmentHistogram: Distribution.unitIntervalHistogram(results.map(\.containment)),
            evidenceSpans: evidenceSpans, boilerplateSpans: boilerplateSpans, evidence: Array(evidence),
            boilerplate: Array(phrases))
    }

    /// Containment of a suspect document's non-boilerplate n-gram set in its partner's n-gram set.
    static func pairedContainment(
        _ suspect: [UInt64], _ partner: [UInt64], n: Int, index: NGramIndex, rule: NGramOverlap.BoilerplateRule
    ) -> Double {
        let mine = ShingleSet(Shingler.hashes(of: suspect, n: n))
        let theirs = ShingleSet(Shingler.hashes(of: partner, n: n))
        return index.withLookup { lookup in
            var total = 0
            var common = 0
            for h in mine.hashes {
                if let entry = lookup.lookup(h), rule.isBoilerplate(h, frequency: entry.documentFrequency) { continue }
                total += 1
                if theirs.contains(h) { common += 1 }
            }
            return total == 0 ? 0 : Double(common) / Double(total)
        }
    }
}

/// Cuts token ranges out of normalised text for evidence.
struct ExcerptMaker: Sendable {
    let normalization: NormalizationOptions
    let maxBytes: Int

    /// The original text of tokens `range` (token positions in the normalised text), widened to the
    /// white-space-delimited runs that hold them, so the quote keeps the source's case and punctuation.
    func excerpt(_ text: String, tokens range: Range<Int>) -> String {
        let (normalized, runs) = TextNormalizer(options: normalization).normalizeWithRunMap(text)
        var tokens: [WordTokenizer.Token] = []
        normalized.withUnsafeBufferPointer { p in
            WordTokenizer.forEachToken(in: p) { s, e, id in tokens.append(WordTokenizer.Token(start: s, end: e, id: id))
            }
        }
        guard range.lowerBound < tokens.count, !range.isEmpty, !runs.isEmpty else { return "" }
        let firstRun = Self.run(containing: tokens[range.lowerBound].start, in: runs)
        let lastRun = Self.run(containing: tokens[min(range.upperBound, tokens.count) - 1].end - 1, in: runs)
        let original = Array(text.utf8)
        let first = runs[firstRun].originalStart
        var last = runs[lastRun].originalEnd
        var truncated = false
        if last - first > maxBytes {
            last = first + maxBytes
            while last > first && (original[last] & 0xC0) == 0x80 { last -= 1 }
            truncated = true
        }
        return String(decoding: original[first..<last], as: UTF8.self) + (truncated ? "…" : "")
    }

    /// The last run whose normalised bytes start at or before `offset`.
    static func run(containing offset: Int, in runs: [TextNormalizer.RunMapping]) -> Int {
        var lo = 0
        var hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].normalizedStart <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }
}
