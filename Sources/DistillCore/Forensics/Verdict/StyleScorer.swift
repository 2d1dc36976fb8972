/// The style signal (corroborating): for each document, the cosine similarity of its z-scored
/// relative frequencies of the function words (``FunctionWords``) and the most frequent words of the
/// store's probe documents to the reference's profile — the document-level form of Cosine Delta
/// (Smith & Aldridge 2011; Evert et al. 2017, "Understanding and explaining Delta measures for
/// authorship attribution"). Means and standard deviations are taken over every reference's probe
/// documents, so the features and the basis depend only on the store. The null: the other references'
/// probe documents against the same profile.
///
/// Style is reported with its p-value but does not take part in the decision: models of one family,
/// or trained on the same public instruction data, share a style without one being distilled from
/// the other, and the references of a store cannot stand for every independent model's style.
public struct StyleScorer: SignalScorer {
    /// Frequent words added to the function words.
    public var frequentWords: Int
    /// Documents with fewer words get similarity 0 (too short to have a style).
    public var minimumWords: Int

    /// A scorer with the given frequent-word count and shortest scored document.
    /// - Complexity: O(1).
    public init(frequentWords: Int = 100, minimumWords: Int = 20) {
        self.frequentWords = frequentWords
        self.minimumWords = minimumWords
    }

    /// The style signal.
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] { [.style] }

    /// Dense relative frequencies of the features in one document (or a pooled corpus).
    static func frequencies(_ ids: [UInt64], index: FeatureIndex, width: Int) -> (values: [Double], words: Int) {
        frequencies(pooling: [ids], index: index, width: width)
    }

    /// The relative frequencies of the features over all of `documents` together.
    /// Counts are whole numbers (exact in a `Double` below 2^53), so counting slices of the documents
    /// on `threads` threads and adding the slices gives the same bits as one pass.
    static func frequencies(pooling documents: [[UInt64]], index: FeatureIndex, width: Int, threads: Int = 1)
        -> (values: [Double], words: Int)
    {
        let slices = max(1, min(threads * 4, documents.count / 1_000))
        let parts = Parallel.map(count: slices, threads: threads) { s -> ([Double], Int) in
            var counts = [Double](repeating: 0, count: width)
            var words = 0
            for d in (s * documents.count / slices)..<((s + 1) * documents.count / slices) {
                let ids = documents[d]
                for id in ids {
                    let f = index[id]
                    if f >= 0 { counts[f] += 1 }
                }
                words += ids.count
            }
            return (counts, words)
        }
        var counts = parts[0].0
        var words = parts[0].1
        for part in parts.dropFirst() {
            for f in 0..<width { counts[f] += part.0[f] }
            words += part.1
        }
        if words > 0 { for f in 0..<width { counts[f] /= Double(words) } }
        return (counts, words)
    }

    /// The style observation of each reference.
    /// - Complexity: O(*T* + *V* log *V*) to count the *T* probe and suspect tokens and rank the *V*
    ///   distinct probe words, O(*P* log *P* × *f*) to sort the *P* probe rows of *f* features into a
    ///   canonical order, then O((*N* + *P*) × *R* × *f*) for the cosine similarities of *N* suspect
    ///   documents and the probes against *R* reference profiles; documents in parallel.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let refs = source.references
        let minimumWords = minimumWords
        let method =
            "cosine similarity of the document's z-scored function-word and frequent-word frequencies to the "
            + "reference's (Cosine Delta); corroborating only, not used in the decision"
        var probes: [[[UInt64]]?] = []
        for r in refs.indices { probes.append(try source.probeWordIDs(reference: r)) }
        let available = refs.indices.filter { probes[$0].map { !$0.isEmpty } ?? false }
        guard available.count >= 2 else {
            return refs.indices.map {
                .untested(
                    .style, reference: $0, documents: suspect.count, method: method,
                    reason: "style needs probe texts of at least two references", usedInDecision: false)
            }
        }
        // Features: the function words, then the most frequent other words of all probes (ties by id).
        var unique: [UInt64] = []
        var seen = Set<UInt64>()
        for word in FunctionWords.english where seen.insert(StableHash.fnv1a64(word)).inserted {
            unique.append(StableHash.fnv1a64(word))
        }
        var frequency: [UInt64: Int] = [:]
        for r in available { for doc in probes[r]! { for id in doc { frequency[id, default: 0] += 1 } } }
        let frequent = frequency.filter { !seen.contains($0.key) }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }.prefix(frequentWords)
        unique.append(contentsOf: frequent.map(\.key))
        let width = unique.count
        let index = FeatureIndex(unique)

        // Basis: mean and standard deviation of each feature over every probe document.
        var probeRows: [[[Double]]] = Array(repeating: [], count: refs.count)
        var probeWords: [[Int]] = Array(repeating: [], count: refs.count)
        for r in available {
            let docs = probes[r]!
            let rows = Parallel.map(count: docs.count, threads: threads) {
                Self.frequencies(docs[$0], index: index, width: width)
            }
            probeRows[r] = rows.map(\.values)
            probeWords[r] = rows.map(\.words)
        }
        // Summed in a canonical order, so renaming or reordering references cannot move a bit.
        var pooled: [[Double]] = available.flatMap { r in
            probeRows[r].indices.filter { probeWords[r][$0] >= minimumWords }.map { probeRows[r][$0] }
        }
        pooled.sort { $0.lexicographicallyPrecedes($1) }
        let (mean, std) = StyleDistance.meanAndStd(pooled)
        pooled = []
        let usable = (0..<width).filter { std[$0] > 0 }
        @Sendable func z(_ row: [Double]) -> [Double] { usable.map { (row[$0] - mean[$0]) / std[$0] } }
        func profile(_ docs: [[UInt64]]) -> [Double] {
            z(Self.frequencies(pooling: docs, index: index, width: width, threads: threads).values)
        }
        let profiles: [[Double]?] = refs.indices.map { available.contains($0) ? profile(probes[$0]!) : nil }
        probes = []

        @Sendable func similarity(_ row: [Double], words: Int, to target: [Double]) -> Double {
            words < minimumWords ? 0 : StyleDistance.cosineSimilarity(row, target)
        }
        // One pass over the suspect: each document's similarity to every reference's profile.
        let suspectValues: [[Double]] = Parallel.map(count: suspect.count, threads: threads) { d in
            let row = Self.frequencies(suspect.corpus.wordIDs[d], index: index, width: width)
            let zd = z(row.values)
            return profiles.map { $0.map { similarity(zd, words: row.words, to: $0) } ?? 0 }
        }
        // Z-scored in place: each raw row is freed as its z-scored row replaces it.
        var probeZ = probeRows
        probeRows = []
        for r in probeZ.indices { for i in probeZ[r].indices { probeZ[r][i] = z(probeZ[r][i]) } }
        let suspectProfile = profile(suspect.corpus.wordIDs)
        var out: [SignalObservation] = []
        for r in refs.indices {
            guard let target = profiles[r] else {
                out.append(
                    .untested(
                        .style, reference: r, documents: suspect.count, method: method,
                        reason: "the reference has no probe texts (added by an older version): re-add it",
                        usedInDecision: false))
                continue
            }
            let values = suspectValues.map { $0[r] }
            var null: [SignalObservation.NullGroup] = []
            var nullProfile = -1.0
            for q in available where refs[q].family != refs[r].family {
                null.append(
                    .init(
                        reference: q,
                        values: probeZ[q].indices.map {
                            similarity(probeZ[q][$0], words: probeWords[q][$0], to: target)
                        }))
                nullProfile = max(nullProfile, StyleDistance.cosineSimilarity(profiles[q]!, target))
            }
            out.append(
                SignalObservation(
                    signal: .style, reference: r, suspect: values, null: null, floor: -1, method: method,
                    measures: [
                        "meanSimilarity": NearDuplicateScorer.mean(values),
                        "profileSimilarity": StyleDistance.cosineSimilarity(suspectProfile, target),
                        "nullProfileSimilarityMax": nullProfile, "features": Double(usable.count),
                    ], usedInDecision: false))
        }
        return out
    }
}

/// The feature number of a word id (−1 for none): an open-addressing table of a few hundred ids, small
/// enough to stay in the first-level cache — a lookup per token of every suspect and probe document.
struct FeatureIndex: Sendable {
    private let keys: [UInt64]
    /// Feature number + 1 (0: empty slot).
    private let values: [Int32]
    private let shift: UInt64

    /// Feature `i` is `ids[i]` (distinct).
    /// - Complexity: O(*n*) for *n* ids.
    init(_ ids: [UInt64]) {
        var logSlots = 4
        while (1 << logSlots) < 4 * ids.count { logSlots += 1 }
        var keys = [UInt64](repeating: 0, count: 1 << logSlots)
        var values = [Int32](repeating: 0, count: 1 << logSlots)
        let shift = UInt64(64 - logSlots)
        let mask = (1 << logSlots) - 1
        for (f, id) in ids.enumerated() {
            var i = Self.slot(id, shift)
            while values[i] != 0 && keys[i] != id { i = (i + 1) & mask }
            if values[i] == 0 {
                keys[i] = id
                values[i] = Int32(f + 1)
            }
        }
        self.keys = keys
        self.values = values
        self.shift = shift
    }

    @inline(__always)
    private static func slot(_ id: UInt64, _ shift: UInt64) -> Int { Int((id &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The feature number of `id`, or −1.
    @inline(__always)
    subscript(id: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Self.slot(id, shift)
        while true {
            let v = values[i]
            if v == 0 { return -1 }
            if keys[i] == id { return Int(v) - 1 }
            i = (i + 1) & mask
        }
    }
}
