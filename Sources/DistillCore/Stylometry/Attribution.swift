/// Ranks candidate sources of a suspect corpus by stylistic distance, with a bootstrap confidence
/// and a calibrated *none of these* outcome.
///
/// Features are the ``FunctionWords`` plus the most frequent words of the references; each corpus is
/// a bag of segments (documents, or stretches of words of long documents). Distances are Burrows' or
/// Cosine Delta on z-scored relative frequencies (``StyleDistance``).
///
/// *None of these*: the suspect is attributed to its closest reference R only when it is closer to R
/// than samples of the same size drawn from the *other* references are: the null distribution of
/// "an unrelated source, as different from R as the references are from each other". The p-value is
/// the share of null draws at most as close (with the +1 correction of Davison & Hinkley 1997, *Bootstrap
/// Methods*, §4.2); at level α the rate of false attributions under that null is at most α.
/// Confidence is the share of bootstrap replicates (suspect and reference segments resampled with
/// replacement; Efron & Tibshirani 1993) that reach the same outcome.
public enum Attribution {
    /// A corpus as attribution sees it: sparse feature counts per segment.
    struct Sample {
        var features: [[(index: Int32, count: Float)]]
        var words: [Float]
        var totalWords: Double
        var profile: [Double]
    }

    /// Attributes `suspect` to one of `references` (two or more), or to none of them.
    /// - Parameters:
    ///   - suspect: the suspect corpus, read with segments.
    ///   - references: named reference corpora, read with segments.
    ///   - threads: worker threads for the bootstrap (results do not depend on it).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` named `references` with fewer than two
    ///   references or one without words, `suspect` for a suspect without words, `features` when the
    ///   references share no feature word.
    /// - Complexity: O(*B* · Σ segments · features per segment) for *B* bootstrap replicates.
    public static func attribute(
        suspect: StyleCorpus, references: [(name: String, corpus: StyleCorpus)], options: AttributionOptions,
        threads: Int = 1
    ) throws(DistillError) -> AttributionResult {
        guard references.count >= 2 else {
            throw .invalidOption(name: "references", reason: "attribution needs two or more references")
        }
        for (name, corpus) in references where corpus.profile.wordCount == 0 {
            throw .invalidOption(name: "references", reason: "reference \(name) holds no words")
        }
        guard suspect.profile.wordCount > 0 else { throw .invalidOption(name: "suspect", reason: "no words") }
        let vocabulary = selectVocabulary(references.map(\.corpus.profile), options: options)
        guard !vocabulary.isEmpty else {
            throw .invalidOption(
                name: "features", reason: "no features: the references share no function or frequent words")
        }
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1.id, Int32($0)) })
        let refs = references.map { sample($0.corpus, index: index, width: vocabulary.count) }
        let sus = sample(suspect, index: index, width: vocabulary.count)
        let (mean, std) = basis(refs, suspect: sus, options.basis, width: vocabulary.count)

        @Sendable func distances(_ s: [Double], _ r: [[Double]]) -> [(burrows: Double, cosine: Double)] {
            let zs = StyleDistance.zScores(s, mean: mean, std: std)
            return r.map { p in
                let zr = StyleDistance.zScores(p, mean: mean, std: std)
                return (StyleDistance.burrowsDelta(zs, zr), StyleDistance.cosineDelta(zs, zr))
            }
        }
        @Sendable func pick(_ d: (burrows: Double, cosine: Double)) -> Double {
            options.distance == .cosine ? d.cosine : d.burrows
        }
        let point = distances(sus.profile, refs.map(\.profile))
        let k = refs.count
        let n = sus.features.count
        let draws = max(1, options.bootstrap)

        // Null draws: for each reference i, samples of n segments from the other references.
        let nullDistances: [[Double]] = Parallel.map(count: k, threads: threads) { i in
            var out: [Double] = []
            out.reserveCapacity(draws)
            for b in 0..<draws {
                let j = (i + 1 + b % (k - 1)) % k
                var rng = SplitMixRandom(
                    seed: StableHash.splitmix64(options.seed ^ 0x4E55_4C4C) ^ UInt64(i * draws + b))
                let profile = resample(refs[j], count: n, rng: &rng)
                let zs = StyleDistance.zScores(profile, mean: mean, std: std)
                let zr = StyleDistance.zScores(refs[i].profile, mean: mean, std: std)
                out.append(
                    options.distance == .cosine
                        ? StyleDistance.cosineDelta(zs, zr) : StyleDistance.burrowsDelta(zs, zr))
            }
            return out.sorted()
        }
        let thresholds = nullDistances.map { Distribution.nearestRank($0, options.alpha) }
        @Sendable func pValue(_ i: Int, _ d: Double) -> Double {
            let atMost = nullDistances[i].prefix { $0 <= d }.count
            return Double(1 + atMost) / Double(1 + nullDistances[i].count)
        }

        // Bootstrap replicates: (index of the closest reference, whether it passes the test).
        let replicates: [(best: Int, attributed: Bool)] = Parallel.map(count: draws, threads: threads) { b in
            var rng = SplitMixRandom(seed: StableHash.splitmix64(options.seed) ^ UInt64(b))
            let s = resample(sus, count: n, rng: &rng)
            let r = refs.map { resample($0, count: $0.features.count, rng: &rng) }
            let d = distances(s, r).map(pick)
            let best = argmin(d)
            return (best, pValue(best, d[best]) <= options.alpha)
        }

        let best = argmin(point.map(pick))
        let attributed = pValue(best, pick(point[best])) <= options.alpha
        var firsts = [Int](repeating: 0, count: k)
        var agree = 0
        var none = 0
        for r in replicates {
            firsts[r.best] += 1
            if !r.attributed { none += 1 }
            if attributed ? (r.best == best && r.attributed) : !r.attributed { agree += 1 }
        }
        var rows: [AttributionResult.Reference] = []
        for i in 0..<k {
            rows.append(
                AttributionResult.Reference(
                    name: references[i].name, segments: refs[i].features.count, words: Int(refs[i].totalWords),
                    burrowsDelta: point[i].burrows, cosineDelta: point[i].cosine, distance: pick(point[i]),
                    rankFirstFraction: Double(firsts[i]) / Double(draws), pValue: pValue(i, pick(point[i])),
                    noneThreshold: thresholds[i]))
        }
        rows.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
        let confidence = Double(agree) / Double(draws)
        // Below the decision threshold the closest reference is reported, never attributed.
        let inconclusive = attributed && confidence < AttributionResult.minimumConfidence
        return AttributionResult(
            suspectSegments: n, suspectWords: Int(sus.totalWords), references: rows,
            attributedTo: attributed && !inconclusive ? references[best].name : nil,
            inconclusive: inconclusive ? true : nil, confidence: confidence,
            noneFraction: Double(none) / Double(draws), vocabulary: vocabulary.map(\.word), options: options)
    }

    static func argmin(_ d: [Double]) -> Int {
        var best = 0
        for i in d.indices where d[i] < d[best] { best = i }
        return best
    }

    /// The features: function words seen in the references, then the most frequent words of the pooled
    /// references (two or more letters, ties by word) not already listed.
    static func selectVocabulary(_ profiles: [StyleProfile], options: AttributionOptions) -> [(
        id: UInt64, word: String
    )] {
        var pooled = WordCountTable(capacity: 4096)
        for p in profiles { pooled.merge(p.words) }
        var out: [(id: UInt64, word: String)] = []
        var taken = Set<UInt64>()
        if options.functionWords {
            for (id, word) in zip(FunctionWords.ids, FunctionWords.unique) where pooled.count(of: id) > 0 {
                out.append((id, word))
                taken.insert(id)
            }
        }
        if options.mostFrequentWords > 0 {
            let candidates = pooled.entries().filter { e in
                guard let w = e.word, !taken.contains(e.key) else { return false }
                return w.unicodeScalars.count >= 2 && w.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
            }.sorted { a, b in
                a.count != b.count ? a.count > b.count : a.word!.utf8.lexicographicallyPrecedes(b.word!.utf8)
            }
            for e in candidates.prefix(options.mostFrequentWords) { out.append((e.key, e.word!)) }
        }
        return out
    }

    static func sample(_ corpus: StyleCorpus, index: [UInt64: Int32], width: Int) -> Sample {
        var features: [[(index: Int32, count: Float)]] = []
        var words: [Float] = []
        var sums = [Double](repeating: 0, count: width)
        var total = 0.0
        for segment in corpus.segments {
            var row: [(index: Int32, count: Float)] = []
            for (key, count) in zip(segment.keys, segment.counts) {
                if let f = index[key] {
                    row.append((f, Float(count)))
                    sums[Int(f)] += Double(count)
                }
            }
            row.sort { $0.index < $1.index }
            features.append(row)
            words.append(Float(segment.words))
            total += Double(segment.words)
        }
        let profile = total > 0 ? sums.map { $0 / total } : sums
        return Sample(features: features, words: words, totalWords: total, profile: profile)
    }

    /// Relative frequencies of `count` segments drawn with replacement.
    static func resample(_ s: Sample, count: Int, rng: inout SplitMixRandom) -> [Double] {
        var sums = [Double](repeating: 0, count: s.profile.count)
        var total = 0.0
        let m = s.features.count
        guard m > 0 else { return sums }
        for _ in 0..<count {
            let j = Int(rng.next() % UInt64(m))
            for f in s.features[j] { sums[Int(f.index)] += Double(f.count) }
            total += Double(s.words[j])
        }
        if total > 0 { for i in sums.indices { sums[i] /= total } }
        return sums
    }

    /// Mean and standard deviation of each feature under `basis`.
    static func basis(_ refs: [Sample], suspect: Sample, _ basis: StyleDistance.ZScoreBasis, width: Int) -> (
        [Double], [Double]
    ) {
        switch basis {
        case .corpora:
            return StyleDistance.meanAndStd(refs.map(\.profile))
        case .segments:
            var rows: [[Double]] = []
            for r in refs + [suspect] {
                for (row, w) in zip(r.features, r.words) where w > 0 {
                    var v = [Double](repeating: 0, count: width)
                    for f in row { v[Int(f.index)] = Double(f.count) / Double(w) }
                    rows.append(v)
                }
            }
            return StyleDistance.meanAndStd(rows)
        }
    }
}

/// SplitMix64 as a random number generator (Steele, Lea & Flood 2014): seeded, portable, repeatable.
public struct SplitMixRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.splitmix64(state &- 0x9E37_79B9_7F4A_7C15)
    }
}
