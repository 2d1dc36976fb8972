/// How far apart two style profiles are, feature family by feature family. Descriptive: the
/// calibrated decision between candidate sources is ``Attribution``'s.
public struct StyleComparison: Sendable, Hashable, Codable {
    /// Cosine of the function-word relative-frequency vectors.
    public var functionWordCosine: Double
    /// Jensen–Shannon divergence (base 2) of the function-word distributions.
    public var functionWordJSD: Double
    /// Cosine of the hashed character 3-gram and 4-gram profiles.
    public var charTrigramCosine: Double
    public var charFourgramCosine: Double
    /// Jensen–Shannon divergence of the character 3-gram profiles.
    public var charTrigramJSD: Double
    /// Jensen–Shannon divergence of the word-length and sentence-length distributions.
    public var wordLengthJSD: Double
    public var sentenceLengthJSD: Double
    /// Jensen–Shannon divergence of the punctuation distributions (over the punctuation of both).
    public var punctuationJSD: Double

    /// Compares `a` with `b`.
    /// - Complexity: O(2¹⁵ + distinct punctuation + function words).
    public init(_ a: StyleProfile, _ b: StyleProfile) {
        let fa = FunctionWords.ids.map { a.words.count(of: $0) }
        let fb = FunctionWords.ids.map { b.words.count(of: $0) }
        functionWordCosine = StyleDistance.cosineSimilarity(fa.map { Double($0) }, fb.map { Double($0) })
        functionWordJSD = StyleDistance.jensenShannon(fa, fb)
        charTrigramCosine = StyleDistance.cosineSimilarity(counts: a.charTrigrams, b.charTrigrams)
        charFourgramCosine = StyleDistance.cosineSimilarity(counts: a.charFourgrams, b.charFourgrams)
        charTrigramJSD = StyleDistance.jensenShannon(a.charTrigrams, b.charTrigrams)
        wordLengthJSD = StyleDistance.jensenShannon(a.wordLengths, b.wordLengths)
        sentenceLengthJSD = StyleDistance.jensenShannon(a.sentenceLengths, b.sentenceLengths)
        var keys = Set<UInt64>()
        a.punctuation.forEachEntry { k, _ in keys.insert(k) }
        b.punctuation.forEachEntry { k, _ in keys.insert(k) }
        let sorted = keys.sorted()
        punctuationJSD = StyleDistance.jensenShannon(
            sorted.map { a.punctuation.count(of: $0) }, sorted.map { b.punctuation.count(of: $0) })
    }
}
