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

    /// Options with the given widths, boilerplate cut-off, near-duplicate threshold and report limits.
    /// - Complexity: O(1).
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
    /// The overlap report of `suspect` against `reference`.
    /// - Parameters:
    ///   - background: a corpus whose n-grams count as boilerplate (for example a control model's).
    /// - Complexity: per width *n*: O((*R* + *B*) × *n*) to index the reference's *R* and the background's
    ///   *B* tokens, O(*S* × *n*) to scan the suspect's *S* tokens, one more pass over the reference to
    ///   locate the quoted evidence (`NGramOverlap.locate`), and O((*S* + *R*) × *n*) for the paired
    ///   containment when the corpora pair; then the near-duplicate search
    ///   (``NearDuplicateSearch/acrossCorpora(suspect:reference:threshold:parameters:threads:)``).
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
            guard s.referenceDocument >= 0, s.matchLength > 0 else { return nil }
            let quotes = excerpts.pair(
                suspect: suspect.documents[item.doc].text, suspectStart: s.matchStart,
                reference: reference.documents[s.referenceDocument].text, referenceStart: s.referenceStart,
                length: s.matchLength)
            return OverlapReport.SpanEvidence(
                suspectID: suspect.documents[item.doc].id, suspectStart: s.matchStart,
                suspectEnd: s.matchStart + s.matchLength,
                referenceID: reference.documents[s.referenceDocument].id, referenceStart: s.referenceStart,
                referenceEnd: s.referenceStart + s.matchLength, tokens: s.matchLength, spanTokens: s.tokenCount,
                suspectText: quotes.suspect.text, referenceText: quotes.reference.text,
                suspectOffset: quotes.suspect.offset, referenceOffset: quotes.reference.offset)
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

    /// One text prepared for quoting: its normalised form, tokens and run map.
    struct Quoter {
        let original: [UInt8]
        let normalized: [UInt8]
        let runs: [TextNormalizer.RunMapping]
        let tokens: [WordTokenizer.Token]

        init(_ text: String, normalization: NormalizationOptions) {
            (normalized, runs) = TextNormalizer(options: normalization).normalizeWithRunMap(text)
            var tokens: [WordTokenizer.Token] = []
            normalized.withUnsafeBufferPointer { p in
                WordTokenizer.forEachToken(in: p) { s, e, id in
                    tokens.append(WordTokenizer.Token(start: s, end: e, id: id))
                }
            }
            self.tokens = tokens
            original = Array(text.utf8)
        }

        /// Where run `r`'s normalised bytes begin and end (without the collapsed space that may precede
        /// them: a run never starts or ends with white space).
        func normalizedBounds(run r: Int) -> Range<Int> {
            var start = runs[r].normalizedStart
            var end = r + 1 < runs.count ? runs[r + 1].normalizedStart : normalized.count
            while start < end && UnicodeClass.isASCIISpace(normalized[start]) { start += 1 }
            while end > start && UnicodeClass.isASCIISpace(normalized[end - 1]) { end -= 1 }
            return start..<end
        }

        /// The original byte offset of normalised offset `offset` in run `r`: exact at the run's ends,
        /// and inside a run that was copied byte for byte (ASCII, at most lowercased); else nil.
        func originalOffset(_ offset: Int, run r: Int) -> Int? {
            let run = runs[r]
            let bounds = normalizedBounds(run: r)
            if offset == bounds.lowerBound { return run.originalStart }
            if offset == bounds.upperBound { return run.originalEnd }
            let length = run.originalEnd - run.originalStart
            guard bounds.count == length, bounds.contains(offset) else { return nil }
            for k in 0..<length {
                let o = original[run.originalStart + k]
                guard o < 0x80, UnicodeClass.asciiLower(o) == UnicodeClass.asciiLower(normalized[bounds.lowerBound + k])
                else { return nil }
            }
            return run.originalStart + (offset - bounds.lowerBound)
        }

        /// Exactly the tokens `range` (clamped to the text's tokens): the source's bytes from the first
        /// token's first byte to the last token's last byte when both map back exactly, else the
        /// normalised bytes of that stretch. Either way the quote normalises and tokenises to exactly
        /// those tokens.
        func quote(_ range: Range<Int>) -> String { located(range).text }

        /// ``quote(_:)`` and, when the quote is the source's own bytes, its UTF-8 offset in the source.
        func located(_ range: Range<Int>) -> (text: String, offset: Int?) {
            let range = range.clamped(to: 0..<tokens.count)
            guard !range.isEmpty, !runs.isEmpty else { return ("", nil) }
            let start = tokens[range.lowerBound].start
            let end = tokens[range.upperBound - 1].end
            if let first = originalOffset(start, run: ExcerptMaker.run(containing: start, in: runs)),
                let last = originalOffset(end, run: ExcerptMaker.run(containing: end - 1, in: runs)), first < last
            {
                return (String(decoding: original[first..<last], as: UTF8.self), first)
            }
            return (String(decoding: normalized[start..<end], as: UTF8.self), nil)
        }

        /// Normalised bytes that tokens `range` span.
        func bytes(_ range: Range<Int>) -> Int {
            range.isEmpty ? 0 : tokens[range.upperBound - 1].end - tokens[range.lowerBound].start
        }

        /// The most tokens from `range`'s start whose quote stays within `maxBytes` (at least one).
        func fitting(_ range: Range<Int>, maxBytes: Int) -> Int {
            let range = range.clamped(to: 0..<tokens.count)
            var count = range.count
            while count > 1 && bytes(range.lowerBound..<(range.lowerBound + count)) > maxBytes { count -= 1 }
            return count
        }
    }

    /// Exactly tokens `range` of `text` (token positions in the normalised text), cut to whole tokens
    /// within ``maxBytes`` ("…" when cut).
    func excerpt(_ text: String, tokens range: Range<Int>) -> String {
        let quoter = Quoter(text, normalization: normalization)
        guard !range.clamped(to: 0..<quoter.tokens.count).isEmpty else { return "" }
        let count = quoter.fitting(range, maxBytes: maxBytes)
        let cut = count < range.count
        return quoter.quote(range.lowerBound..<(range.lowerBound + count)) + (cut ? "…" : "")
    }

    /// The two sides of a shared passage of `length` tokens, each cut to the same number of whole
    /// tokens so both quotes stay token-for-token identical.
    func pair(
        suspect: String, suspectStart: Int, reference: String, referenceStart: Int, length: Int
    ) -> (suspect: (text: String, offset: Int?), reference: (text: String, offset: Int?), tokens: Int) {
        let s = Quoter(suspect, normalization: normalization)
        let r = Quoter(reference, normalization: normalization)
        let count = min(
            s.fitting(suspectStart..<(suspectStart + length), maxBytes: maxBytes),
            r.fitting(referenceStart..<(referenceStart + length), maxBytes: maxBytes))
        let cut = count < length ? "…" : ""
        var suspectQuote = s.located(suspectStart..<(suspectStart + count))
        var referenceQuote = r.located(referenceStart..<(referenceStart + count))
        suspectQuote.text += cut
        referenceQuote.text += cut
        return (suspectQuote, referenceQuote, count)
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
