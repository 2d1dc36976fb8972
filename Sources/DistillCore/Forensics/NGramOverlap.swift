/// Exact word n-gram overlap of a suspect corpus with a reference corpus.
///
/// Definitions (for one width n):
/// - a *window* is a run of n consecutive word tokens of a suspect document;
/// - a window is *shared* when its n-gram occurs anywhere in the reference corpus;
/// - a shared window is *boilerplate* when its n-gram occurs in at least `boilerplateMinDocuments`
///   distinct reference documents, or anywhere in the background corpus when one is given —
///   common phrasing ("I'm sorry, but I can't ...") is not evidence;
/// - a document's *containment* is shared non-boilerplate windows / (windows − boilerplate windows),
///   and the corpus containment is the same ratio over all documents;
/// - a *span* is a maximal run of consecutive shared windows, covering tokens
///   [first window, last window + n); it is *evidence* when at least one of its windows is not
///   boilerplate, and boilerplate otherwise.
public enum NGramOverlap {
    /// One maximal shared span in a suspect document.
    public struct Span: Sendable, Hashable, Codable {
        /// Token range in the suspect document.
        public var start: Int
        public var end: Int
        /// Windows in the span that are not boilerplate.
        public var evidenceWindows: Int
        /// The n-gram that ties the span to the reference: its first non-boilerplate window (its
        /// first window when all are boilerplate), as a hash and as a window offset from `start`.
        public var anchorHash: UInt64
        public var anchorOffset: Int
        /// The reference document where the anchor first occurs; -1 until
        /// ``NGramOverlap/locate(_:suspect:reference:corpus:threads:)`` fills it in.
        public var referenceDocument: Int = -1
        /// The exact shared passage around the anchor: suspect tokens
        /// [`matchStart`, `matchStart + matchLength`) equal reference tokens
        /// [`referenceStart`, `referenceStart + matchLength`) of `referenceDocument` one for one. It may
        /// be shorter than the span: a span's windows can match different places of the reference.
        public var referenceStart: Int = -1
        public var matchStart: Int = -1
        public var matchLength: Int = 0

        public var tokenCount: Int { end - start }
        public var isBoilerplate: Bool { evidenceWindows == 0 }
    }

    /// Overlap of one suspect document.
    public struct DocumentResult: Sendable, Hashable {
        public var windows = 0
        public var shared = 0
        public var boilerplate = 0
        public var spans: [Span] = []

        /// Shared non-boilerplate windows over non-boilerplate windows (0 when there are none).
        public var containment: Double {
            let denominator = windows - boilerplate
            return denominator <= 0 ? 0 : Double(shared - boilerplate) / Double(denominator)
        }
    }

    /// Which reference n-grams count as boilerplate.
    public struct BoilerplateRule: Sendable {
        /// Document frequency at which an n-gram is boilerplate; 0 turns the rule off.
        public var minDocuments: Int
        /// Background corpus index with the same n; any n-gram in it is boilerplate.
        public var background: NGramIndex?

        /// A rule with the given document-frequency cut-off and optional background index.
        /// - Complexity: O(1).
        public init(minDocuments: Int, background: NGramIndex? = nil) {
            self.minDocuments = minDocuments
            self.background = background
        }

        @inline(__always)
        func isBoilerplate(_ hash: UInt64, frequency: Int) -> Bool {
            if minDocuments > 0 && frequency >= minDocuments { return true }
            if let background, background.lookup(hash) != nil { return true }
            return false
        }
    }

    /// Overlap of every suspect document (word ids) with the indexed reference. Spans come back
    /// without their reference location; ``locate(_:reference:corpus:threads:)`` adds it to the ones
    /// that are quoted.
    /// - Complexity: O(total suspect tokens × n) hashing and O(windows) expected lookups.
    public static func analyze(
        suspect: [[UInt64]], reference: NGramIndex, boilerplate: BoilerplateRule, threads: Int
    ) -> [DocumentResult] {
        let n = reference.n
        let slices = max(1, min(suspect.count, threads * 8))
        return reference.withLookup { lookup in
            nonisolated(unsafe) let lookup = lookup
            let parts: [[DocumentResult]] = Parallel.map(count: slices, threads: threads) { s in
                let lo = suspect.count * s / slices
                let hi = suspect.count * (s + 1) / slices
                var hashes: [UInt64] = []
                var frequencies: [Int] = []
                var slots: [Int] = []
                var maybe: [UInt8] = []
                var out: [DocumentResult] = []
                out.reserveCapacity(hi - lo)
                for d in lo..<hi {
                    hashes.removeAll(keepingCapacity: true)
                    suspect[d].withUnsafeBufferPointer { Shingler.appendHashes(of: $0, n: n, to: &hashes) }
                    // All lookups first: they are independent, so their cache misses overlap.
                    lookup.frequencies(hashes, maybe: &maybe, slots: &slots, into: &frequencies)
                    out.append(spans(hashes: hashes, frequencies: frequencies, n: n, boilerplate: boilerplate))
                }
                return out
            }
            return parts.flatMap { $0 }
        }
    }

    /// Fills in where each span's anchor first occurs in the reference (lowest document, then lowest
    /// offset) and the exact shared passage there: the anchor window extended token by token, within
    /// the span, while suspect and reference agree. A span whose anchor's words do not match (a hash
    /// collision) stays unlocated.
    /// - Parameters:
    ///   - spans: spans with the index of the suspect document each was found in.
    ///   - suspect: the suspect's word ids, as given to ``analyze(suspect:reference:boilerplate:threads:)``.
    ///   - corpus: the reference's word ids, the documents `reference` was built from.
    /// - Complexity: one pass over the reference's words.
    public static func locate(
        _ spans: [(document: Int, span: Span)], suspect: [[UInt64]], reference: NGramIndex, corpus: [[UInt64]],
        threads: Int
    ) -> [Span] {
        let n = reference.n
        let windows = spans.map { item -> [UInt64] in
            let words = suspect[item.document]
            let w = item.span.start + item.span.anchorOffset
            return w + n <= words.count ? Array(words[w..<(w + n)]) : []
        }
        let places = reference.firstOccurrences(of: windows, in: corpus, threads: threads)
        return spans.map { item in
            var located = item.span
            guard let place = places[item.span.anchorHash] else { return located }
            let words = suspect[item.document]
            let teacher = corpus[place.document]
            let a = item.span.start + item.span.anchorOffset
            let p = place.position
            guard a + n <= words.count, p + n <= teacher.count, words[a..<(a + n)] == teacher[p..<(p + n)] else {
                return located
            }
            var left = 0
            while a - left > item.span.start && p - left > 0 && words[a - left - 1] == teacher[p - left - 1] {
                left += 1
            }
            var right = n
            while a + right < item.span.end && p + right < teacher.count && words[a + right] == teacher[p + right] {
                right += 1
            }
            located.referenceDocument = place.document
            located.referenceStart = p - left
            located.matchStart = a - left
            located.matchLength = left + right
            return located
        }
    }

    /// Counts and spans of one document from its windows' document frequencies (0: absent).
    static func spans(
        hashes: [UInt64], frequencies: [Int], n: Int, boilerplate: BoilerplateRule
    ) -> DocumentResult {
        var result = DocumentResult()
        result.windows = hashes.count
        var span: Span?
        for (i, h) in hashes.enumerated() {
            let frequency = frequencies[i]
            guard frequency > 0 else {
                if let open = span {
                    result.spans.append(open)
                    span = nil
                }
                continue
            }
            result.shared += 1
            let common = boilerplate.isBoilerplate(h, frequency: frequency)
            if common { result.boilerplate += 1 }
            if span == nil {
                span = Span(start: i, end: i + n, evidenceWindows: 0, anchorHash: h, anchorOffset: 0)
            }
            span!.end = i + n
            if !common {
                if span!.evidenceWindows == 0 {
                    span!.anchorHash = h
                    span!.anchorOffset = i - span!.start
                }
                span!.evidenceWindows += 1
            }
        }
        if let open = span { result.spans.append(open) }
        return result
    }
}
