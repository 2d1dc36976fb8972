/// Counts of the word n-grams of a corpus (n in a range, tokens of the normalised text, punctuation
/// included; n-grams made only of punctuation are skipped), keyed by the shingle hash of their ids
/// (DESIGN.md "Exact definitions"), with the text of each kept once.
public struct PhraseCounts: Sendable {
    public var widths: ClosedRange<Int>
    /// Counts per n.
    public var tables: [WordCountTable]
    public var documents = 0

    public init(widths: ClosedRange<Int>) {
        self.widths = widths
        tables = widths.map { _ in WordCountTable(capacity: 4096) }
    }

    /// Counts every n-gram of one document.
    /// - Complexity: O(tokens × widths).
    public mutating func add(utf8 raw: UnsafeBufferPointer<UInt8>, normalizer: TextNormalizer, scratch: inout [UInt8]) {
        documents += 1
        normalizer.normalize(utf8: raw, into: &scratch)
        var starts: [Int] = []
        var ends: [Int] = []
        var ids: [UInt64] = []
        var isWord: [Bool] = []
        scratch.withUnsafeBufferPointer { p in
            WordTokenizer.forEachToken(in: p) { start, end, id in
                starts.append(start)
                ends.append(end)
                ids.append(id)
                isWord.append(StyleProfiler.isWord(p, at: start))
            }
            for (t, n) in widths.enumerated() where ids.count >= n {
                for i in 0...(ids.count - n) {
                    var any = false
                    var h: UInt64 = 0
                    for k in i..<(i + n) {
                        any = any || isWord[k]
                        h = StableHash.splitmix64(h ^ ids[k])
                    }
                    if !any { continue }
                    tables[t].add(h, word: UnsafeBufferPointer(rebasing: p[starts[i]..<ends[i + n - 1]]))
                }
            }
        }
    }

    public mutating func merge(_ other: PhraseCounts) {
        documents += other.documents
        for t in tables.indices { tables[t].merge(other.tables[t]) }
    }

    /// Reads `paths` and counts their n-grams on all reader threads.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    public static func read(
        paths: [String], widths: ClosedRange<Int>, corpusOptions: CorpusOptions,
        normalization: NormalizationOptions = .standard
    ) throws -> PhraseCounts {
        final class State: @unchecked Sendable {
            // One worker fills it during a slice; the calling thread reads it afterwards.
            var counts: PhraseCounts
            var scratch: [UInt8] = []
            init(_ widths: ClosedRange<Int>) { counts = PhraseCounts(widths: widths) }
        }
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        let normalizer = TextNormalizer(options: normalization)
        var total = PhraseCounts(widths: widths)
        try reader.readTexts(
            worker: {
                let state = State(widths)
                return { view in
                    state.counts.add(utf8: view.text, normalizer: normalizer, scratch: &state.scratch)
                    return state
                }
            },
            consume: { states in
                if let state = states.last { total.merge(state.counts) }
            })
        return total
    }
}
