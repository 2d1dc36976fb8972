/// The style profile of a corpus: what a writer does without thinking about it, as counts.
///
/// Every field is a sum (integers, or fixed-point integers for the fractional MTLD factors), so
/// profiles of shards merge exactly into the profile of the whole, in any order
/// (``merge(_:)``). Rates, distributions and diversity measures are derived from the counts when
/// reported (``StyleSummary``). Definitions are in `docs/stylometry.md`.
public struct StyleProfile: Sendable {
    /// Buckets of each hashed character n-gram profile (2¹⁵).
    public static let charNGramBuckets = 1 << 15
    /// Longest word length (in Unicode scalars) with its own histogram bin; longer words share the last.
    public static let maxWordLength = 30
    /// Longest sentence length (in words) with its own histogram bin; longer sentences share the last.
    public static let maxSentenceLength = 120
    /// Window of the moving-average type–token ratio (Covington & McFall 2010).
    public static let mattrWindow = 50
    /// Type–token ratio threshold of MTLD (McCarthy & Jarvis 2010).
    public static let mtldThreshold = 0.72
    /// Scale of the fixed-point MTLD factor sums (1e-9).
    public static let fixedPointScale = 1_000_000_000.0

    public var documents: UInt64 = 0
    /// UTF-8 bytes of the texts, before normalisation.
    public var bytes: UInt64 = 0
    /// Word tokens (runs of letters, marks and digits) by FNV-1a id, with their text.
    public var words = WordCountTable(capacity: 4096)
    /// Punctuation and symbol tokens (every other non-space character) by id, with their text.
    public var punctuation = WordCountTable(capacity: 64)
    /// Word-length histogram: index = length in Unicode scalars (0 unused), capped at ``maxWordLength``.
    public var wordLengths = [UInt64](repeating: 0, count: maxWordLength + 1)
    /// Sentence-length histogram in words, capped at ``maxSentenceLength``.
    public var sentenceLengths = [UInt64](repeating: 0, count: maxSentenceLength + 1)
    /// Character 3-grams of the normalised text, feature-hashed into ``charNGramBuckets`` buckets.
    public var charTrigrams = [UInt32](repeating: 0, count: charNGramBuckets)
    /// Character 4-grams, hashed the same way.
    public var charFourgrams = [UInt32](repeating: 0, count: charNGramBuckets)
    /// MATTR numerator: distinct words summed over every window (whole documents shorter than one).
    public var mattrDistinct: UInt64 = 0
    /// MATTR denominator: window sizes summed over the same windows.
    public var mattrWindowTokens: UInt64 = 0
    /// MTLD factors, forward plus backward, in units of 1e-9.
    public var mtldFactorsFixed: Int64 = 0
    /// Words the MTLD factors cover, forward plus backward (twice the words of scored documents).
    public var mtldTokens: UInt64 = 0
    /// Markdown and emoji habits.
    public var markdown = MarkdownHabits()
    /// Documents that open with each of ``StylePhrases/openings``, in that order.
    public var openings = [UInt64](repeating: 0, count: StylePhrases.openings.count)
    /// Documents that close with each of ``StylePhrases/closings``.
    public var closings = [UInt64](repeating: 0, count: StylePhrases.closings.count)
    /// Occurrences of each of ``StylePhrases/hedges``.
    public var hedges = [UInt64](repeating: 0, count: StylePhrases.hedges.count)
    /// Occurrences of each of ``StylePhrases/refusals``.
    public var refusals = [UInt64](repeating: 0, count: StylePhrases.refusals.count)

    public init() {}

    /// Word tokens counted.
    public var wordCount: UInt64 { words.total }
    /// Punctuation and symbol tokens counted.
    public var punctuationCount: UInt64 { punctuation.total }
    /// Sentences counted.
    public var sentenceCount: UInt64 { sentenceLengths.reduce(0, &+) }

    /// The relative frequency of word `id` (0 when no words were counted).
    public func relativeFrequency(of id: UInt64) -> Double {
        let total = words.total
        return total == 0 ? 0 : Double(words.count(of: id)) / Double(total)
    }
}
