/// Finds the formula phrases of ``StylePhrases`` in a document's token ids: each phrase is tokenised
/// once with the same pipeline, and a 4096-bit filter on first ids keeps the per-token cost to one
/// bit test.
struct PhraseMatcher: Sendable {
    /// Token ids of each phrase, per category.
    let openings: [[UInt64]]
    let closings: [[UInt64]]
    let hedges: [[UInt64]]
    let refusals: [[UInt64]]
    private let firstFilter: [UInt64]
    /// The same filter for the first ids of the closings, and those first ids.
    private let closingFilter: [UInt64]
    private let closingFirsts: [UInt64]
    /// Indexes of the hedges and refusals that start with a given first id.
    private let starts: [UInt64: [(category: Int, index: Int)]]

    static let shared = PhraseMatcher()

    /// Tokens among which closing formulas are looked for.
    static let closingTail = 40

    init() {
        var pipeline = TextPipeline()
        openings = StylePhrases.openings.map { pipeline.wordIDs(of: $0) }
        closings = StylePhrases.closings.map { pipeline.wordIDs(of: $0) }
        hedges = StylePhrases.hedges.map { pipeline.wordIDs(of: $0) }
        refusals = StylePhrases.refusals.map { pipeline.wordIDs(of: $0) }
        var filter = [UInt64](repeating: 0, count: 64)
        var starts: [UInt64: [(category: Int, index: Int)]] = [:]
        for (category, list) in [hedges, refusals].enumerated() {
            for (index, ids) in list.enumerated() where !ids.isEmpty {
                let bit = Int(ids[0] & 4095)
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
                starts[ids[0], default: []].append((category, index))
            }
        }
        firstFilter = filter
        self.starts = starts
        var closingFilter = [UInt64](repeating: 0, count: 64)
        for ids in closings where !ids.isEmpty {
            let bit = Int(ids[0] & 4095)
            closingFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.closingFilter = closingFilter
        closingFirsts = closings.map { $0.first ?? 0 }
    }

    @inline(__always) static func matches(_ phrase: [UInt64], _ ids: UnsafeBufferPointer<UInt64>, at i: Int) -> Bool {
        if phrase.isEmpty || i + phrase.count > ids.count { return false }
        for k in 0..<phrase.count where ids[i + k] != phrase[k] { return false }
        return true
    }

    /// Adds one document's formula counts (all tokens, words and punctuation) to `profile`.
    /// - Complexity: O(*n*) in the tokens, plus O(phrase length) per candidate start.
    func accumulate(_ ids: UnsafeBufferPointer<UInt64>, into profile: inout StyleProfile) {
        let n = ids.count
        guard n > 0 else { return }
        for (k, phrase) in openings.enumerated() where Self.matches(phrase, ids, at: 0) { profile.openings[k] &+= 1 }
        let tail = max(0, n - Self.closingTail)
        if closings.count <= 64 {
            // One pass over the tail: a closing is looked at only where the filter holds its first
            // id, and counted once per document however often it matches.
            var found: UInt64 = 0
            closingFilter.withUnsafeBufferPointer { filter in
                for i in tail..<n {
                    let bit = Int(ids[i] & 4095)
                    if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { continue }
                    for (k, first) in closingFirsts.enumerated()
                    where first == ids[i] && found & (1 << UInt64(k)) == 0 && Self.matches(closings[k], ids, at: i) {
                        found |= 1 << UInt64(k)
                    }
                }
            }
            for k in closings.indices where found & (1 << UInt64(k)) != 0 { profile.closings[k] &+= 1 }
        } else {
            for (k, phrase) in closings.enumerated() {
                for i in tail..<n where Self.matches(phrase, ids, at: i) {
                    profile.closings[k] &+= 1
                    break
                }
            }
        }
        firstFilter.withUnsafeBufferPointer { filter in
            for i in 0..<n {
                let bit = Int(ids[i] & 4095)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { continue }
                guard let candidates = starts[ids[i]] else { continue }
                for c in candidates {
                    if c.category == 0 {
                        if Self.matches(hedges[c.index], ids, at: i) { profile.hedges[c.index] &+= 1 }
                    } else if Self.matches(refusals[c.index], ids, at: i) {
                        profile.refusals[c.index] &+= 1
                    }
                }
            }
        }
    }
}
