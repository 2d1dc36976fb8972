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
    static func frequencies(_ ids: [UInt64], index: [UInt64: Int], width: Int) -> (values: [Double], words: Int) {
        frequencies(pooling: [ids], index: index, width: width)
    }

    /// The relative frequencies of the features over all of `documents` together.
    /// Counts are whole numbers (exact in a `Double` below 2^53), so counting slices of the documents
    /// on `threads` threads and adding the slices gives the same bits as one pass.
    static func frequencies(pooling documents: [[UInt64]], index: [UInt64: Int], width: Int, threads: Int = 1)
        -> (values: [Double], words: Int)
    {
        let slices = max(1, min(threads * 4, documents.count / 1_000))
        let parts = Parallel.map(count: slices, threads: threads) { s -> ([Double], Int) in
            var counts = [Double](repeating: 0, count: width)
            var words = 0
            for d in (s * documents.count / slices)..<((s + 1) * documents.count / slices) {
                let ids = documents[d]
                for id in ids { if let f = index[id] { counts[f] += 1 } }
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
        let index = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })

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
        var pooled = available.flatMap { r in
            probeRows[r].indices.filter { probeWords[r][$0] >= minimumWords }.map { probeRows[r][$0] }
        }
        pooled.sort { $0.lexicographicallyPrecedes($1) }
        let (mean, std) = StyleDistance.meanAndStd(pooled)
        let usable = (0..<width).filter { std[$0] > 0 }
        @Sendable func z(_ row: [Double]) -> [Double] { usable.map { (row[$0] - mean[$0]) / std[$0] } }
        func profile(_ docs: [[UInt64]]) -> [Double] {
            z(Self.frequencies(pooling: docs, index: index, width: width, threads: threads).values)
        }
        let profiles: [[Double]?] = refs.indices.map { available.contains($0) ? profile(probes[$0]!) : nil }

        @Sendable func similarity(_ row: [Double], words: Int, to target: [Double]) -> Double {
            words < minimumWords ? 0 : StyleDistance.cosineSimilarity(row, target)
        }
        // One pass over the suspect: each document's similarity to every reference's profile.
        let suspectValues: [[Double]] = Parallel.map(count: suspect.count, threads: threads) { d in
            let row = Self.frequencies(suspect.corpus.wordIDs[d], index: index, width: width)
            let zd = z(row.values)
            return profiles.map { $0.map { similarity(zd, words: row.words, to: $0) } ?? 0 }
        }
        let probeZ: [[[Double]]] = refs.indices.map { r in probeRows[r].map(z) }
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
