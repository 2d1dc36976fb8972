/// The reportable view of a ``StyleProfile``: rates, distributions and diversity measures derived from
/// its counts. Dictionaries encode with sorted keys (``ReportJSON``), so the JSON is deterministic.
public struct StyleSummary: Sendable, Hashable, Codable {
    public var documents: Int
    public var words: Int
    public var sentences: Int
    public var meanWordLength: Double
    public var meanSentenceLength: Double
    /// Share of words of each length 1…30 (the last bin: 30 or more), index 0 = length 1.
    public var wordLengthShares: [Double]
    /// Punctuation and symbol tokens per 1000 words, for the 20 most frequent.
    public var punctuationPerThousandWords: [String: Double]
    /// Function words per 1000 words, for the 30 most frequent.
    public var functionWordsPerThousand: [String: Double]
    /// The 20 most frequent words.
    public var topWords: [String]
    public var typeTokenRatio: Double
    public var mattr: Double
    public var mtld: Double?
    public var yulesK: Double
    public var hapaxRate: Double
    public var markdown: MarkdownHabits
    /// Share of documents opening / closing with each formula seen (only those seen).
    public var openings: [String: Double]
    public var closings: [String: Double]
    /// Occurrences per 1000 words of each hedge / refusal phrase seen.
    public var hedgesPerThousandWords: [String: Double]
    public var refusalsPerThousandWords: [String: Double]

    /// Derives the summary of `p`.
    /// - Complexity: O(distinct words · log).
    public init(_ p: StyleProfile) {
        let words = Double(p.wordCount)
        let docs = Double(p.documents)
        func perThousand(_ x: UInt64) -> Double { words == 0 ? 0 : Double(x) / words * 1000 }
        func share(_ x: UInt64) -> Double { docs == 0 ? 0 : Double(x) / docs }
        documents = Int(p.documents)
        self.words = Int(p.wordCount)
        sentences = Int(p.sentenceCount)
        var lengthSum = 0.0
        for (len, c) in p.wordLengths.enumerated() { lengthSum += Double(len) * Double(c) }
        meanWordLength = words == 0 ? 0 : lengthSum / words
        var sentenceSum = 0.0
        for (len, c) in p.sentenceLengths.enumerated() { sentenceSum += Double(len) * Double(c) }
        meanSentenceLength = p.sentenceCount == 0 ? 0 : sentenceSum / Double(p.sentenceCount)
        wordLengthShares = p.wordLengths.dropFirst().map { words == 0 ? 0 : Double($0) / words }
        let punct = p.punctuation.entries().sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        punctuationPerThousandWords = Dictionary(
            punct.prefix(20).map { ($0.word ?? "?", perThousand($0.count)) }, uniquingKeysWith: { a, _ in a })
        let fw = zip(FunctionWords.unique, FunctionWords.ids).map { ($0, p.words.count(of: $1)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        functionWordsPerThousand = Dictionary(
            fw.prefix(30).map { ($0.0, perThousand($0.1)) }, uniquingKeysWith: { a, _ in a })
        topWords = p.words.entries().sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
            .prefix(20).map { $0.word ?? "?" }
        typeTokenRatio = words == 0 ? 0 : Double(p.words.count) / words
        mattr = p.mattrWindowTokens == 0 ? 0 : Double(p.mattrDistinct) / Double(p.mattrWindowTokens)
        mtld =
            p.mtldFactorsFixed > 0
            ? Double(p.mtldTokens) / (Double(p.mtldFactorsFixed) / StyleProfile.fixedPointScale) : nil
        yulesK = LexicalDiversity.yulesK(p.words)
        hapaxRate = LexicalDiversity.hapaxRate(p.words)
        markdown = p.markdown
        func seen(_ names: [String], _ counts: [UInt64], _ f: (UInt64) -> Double) -> [String: Double] {
            var out: [String: Double] = [:]
            for (name, c) in zip(names, counts) where c > 0 { out[name] = f(c) }
            return out
        }
        openings = seen(StylePhrases.openings, p.openings, share)
        closings = seen(StylePhrases.closings, p.closings, share)
        hedgesPerThousandWords = seen(StylePhrases.hedges, p.hedges, perThousand)
        refusalsPerThousandWords = seen(StylePhrases.refusals, p.refusals, perThousand)
    }
}
