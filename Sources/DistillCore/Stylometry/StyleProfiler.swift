/// Builds ``StyleProfile``s from texts: one pass over each document's normalised bytes for character
/// n-grams, one over its tokens for words, punctuation, lengths, formulas and lexical diversity.
///
/// A profiler holds scratch buffers and a running profile: make one per thread and merge their
/// profiles (``StyleProfile/merge(_:)``); the result is the same for any split of the input.
public final class StyleProfiler {
    public private(set) var profile = StyleProfile()
    /// Bootstrap units (``StyleSegment``) of the documents seen, in order, when ``segmentWords`` is set.
    public private(set) var segments: [StyleSegment] = []
    /// Cut documents into segments of at most this many words (0: whole documents; nil: no segments).
    public let segmentWords: Int?
    private let normalizer: TextNormalizer
    private let matcher = PhraseMatcher.shared
    private var scratch = Scratch()
    /// Take the general path even for all-ASCII documents (tests compare the two paths).
    var usesASCIIPath = true

    /// Per-document buffers, reused from document to document (no allocation once they are large
    /// enough).
    struct Scratch {
        var normalized: [UInt8] = []
        var tokenIDs: [UInt64] = []
        var wordIDs: [UInt64] = []
        var wordStarts: [Int] = []
        var wordEnds: [Int] = []
        /// Tokens and words of the last document.
        var tokenCount = 0
        var wordCount = 0
        var counter = LocalCounter()

        /// Makes room for the tokens of a normalised text of `length` bytes.
        mutating func reserve(_ length: Int) {
            if tokenIDs.count >= length { return }
            tokenIDs = [UInt64](repeating: 0, count: length * 2)
            wordIDs = [UInt64](repeating: 0, count: length * 2)
            wordStarts = [Int](repeating: 0, count: length * 2)
            wordEnds = [Int](repeating: 0, count: length * 2)
        }

        /// Runs `body` on the first `length` normalised bytes and on pointers into the token buffers
        /// (``reserve(_:)`` them first).
        mutating func withSink<R>(
            length: Int, _ body: (UnsafeBufferPointer<UInt8>, StyleASCII.TokenSink) -> R
        ) -> R {
            normalized.withUnsafeBufferPointer { all in
                tokenIDs.withUnsafeMutableBufferPointer { tb in
                    wordIDs.withUnsafeMutableBufferPointer { wb in
                        wordStarts.withUnsafeMutableBufferPointer { ws in
                            wordEnds.withUnsafeMutableBufferPointer { we in
                                body(
                                    UnsafeBufferPointer(rebasing: all[0..<length]),
                                    StyleASCII.TokenSink(
                                        tokenIDs: tb.baseAddress!, wordIDs: wb.baseAddress!,
                                        wordStarts: ws.baseAddress!, wordEnds: we.baseAddress!))
                            }
                        }
                    }
                }
            }
        }
    }

    /// - Parameters:
    ///   - options: text normalisation (the default lower-cases, applies NFKC and collapses space).
    ///   - segmentWords: collect bootstrap segments of at most this many words (0: one per document).
    public init(options: NormalizationOptions = .standard, segmentWords: Int? = nil) {
        normalizer = TextNormalizer(options: options)
        self.segmentWords = segmentWords
    }

    /// Adds one document.
    public func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add(utf8: $0) }
    }

    /// Most bytes of one document that the style profile reads: a longer document is profiled from its
    /// first 1 MiB (cut at a character boundary). Style is a set of frequencies, which a megabyte
    /// estimates well, and the per-document scratch buffers grow with the text (about 70 bytes per
    /// byte: a 15 MB record took 1 GB per worker).
    public static let maxDocumentBytes = 1 << 20

    /// `raw` cut to ``maxDocumentBytes`` at a UTF-8 character boundary.
    static func bounded(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard raw.count > maxDocumentBytes else { return raw }
        var cut = maxDocumentBytes
        while cut > 0 && raw[cut] & 0xC0 == 0x80 { cut -= 1 }
        return UnsafeBufferPointer(rebasing: raw[0..<cut])
    }

    /// Adds one document given as valid UTF-8 (its first ``maxDocumentBytes``).
    /// - Complexity: O(*n*) expected in the bytes of the text.
    public func add(utf8 raw: UnsafeBufferPointer<UInt8>) {
        // The profile and the scratch buffers are distinct stored properties: both can be passed
        // inout at once, with one exclusivity check each per document (none per element).
        Self.add(
            Self.bounded(raw), normalizer: normalizer, matcher: matcher, asciiPath: usesASCIIPath, profile: &profile,
            scratch: &scratch)
        if let segmentWords {
            let document = Int(profile.documents) - 1
            let count = scratch.wordCount
            scratch.wordIDs.withUnsafeBufferPointer {
                appendSegments(UnsafeBufferPointer(rebasing: $0[0..<count]), size: segmentWords, document: document)
            }
        }
    }

    /// The work of ``add(utf8:)`` on the profile and scratch buffers.
    private static func add(
        _ raw: UnsafeBufferPointer<UInt8>, normalizer: TextNormalizer, matcher: PhraseMatcher, asciiPath: Bool,
        profile: inout StyleProfile, scratch: inout Scratch
    ) {
        profile.documents &+= 1
        profile.bytes &+= UInt64(raw.count)
        profile.markdown.add(document: raw)
        let options = normalizer.options
        let length: Int
        if raw.count > 0 && asciiPath && StyleASCII.isASCII(raw) {
            // ASCII needs only lower-casing and space collapsing: one pointer loop, then one scan
            // for tokens and n-grams.
            if scratch.normalized.count < raw.count {
                scratch.normalized.append(contentsOf: repeatElement(0, count: raw.count - scratch.normalized.count))
            }
            length = scratch.normalized.withUnsafeMutableBufferPointer {
                StyleASCII.normalize(
                    raw, into: $0.baseAddress!, lowercase: options.lowercase, collapse: options.collapseWhitespace)
            }
            scratch.reserve(length + 1)
            let counts = scratch.withSink(length: length) { p, sink in
                let counts = StyleASCII.scan(p, into: sink, profile: &profile)
                let words = counts.words
                profile.wordLengths.withUnsafeMutableBufferPointer { wl in
                    for k in 0..<words {
                        wl[min(sink.wordEnds[k] &- sink.wordStarts[k], StyleProfile.maxWordLength)] &+= 1
                    }
                }
                return counts
            }
            (scratch.tokenCount, scratch.wordCount) = counts
        } else {
            normalizer.normalize(utf8: raw, into: &scratch.normalized)
            length = scratch.normalized.count
            scratch.reserve(length + 1)
            scratch.normalized.withUnsafeBufferPointer { all in
                let p = UnsafeBufferPointer(rebasing: all[0..<length])
                addCharNGrams(p, ascii: false, trigrams: &profile.charTrigrams, fourgrams: &profile.charFourgrams)
                (scratch.tokenCount, scratch.wordCount) = addTokens(p, profile: &profile, scratch: &scratch)
            }
        }
        let tokens = scratch.tokenCount
        scratch.tokenIDs.withUnsafeBufferPointer {
            matcher.accumulate(UnsafeBufferPointer(rebasing: $0[0..<tokens]), into: &profile)
        }
        let words = scratch.wordCount
        scratch.normalized.withUnsafeBufferPointer { text in
            scratch.wordIDs.withUnsafeBufferPointer { ids in
                scratch.wordStarts.withUnsafeBufferPointer { starts in
                    scratch.wordEnds.withUnsafeBufferPointer { ends in
                        LexicalDiversity.accumulate(
                            UnsafeBufferPointer(rebasing: ids[0..<words]),
                            spans: LexicalDiversity.WordSpans(
                                text: UnsafeBufferPointer(rebasing: text[0..<length]),
                                starts: UnsafeBufferPointer(rebasing: starts[0..<words]),
                                ends: UnsafeBufferPointer(rebasing: ends[0..<words])),
                            into: &profile, scratch: &scratch.counter)
                    }
                }
            }
        }
    }

    /// The token loop of the general path: words, punctuation, word and sentence lengths of
    /// normalised UTF-8 `p`, with every token's id and every word's id and range kept in `scratch`.
    /// - Returns: the numbers of tokens and of words.
    private static func addTokens(
        _ p: UnsafeBufferPointer<UInt8>, profile: inout StyleProfile, scratch: inout Scratch
    ) -> (tokens: Int, words: Int) {
        var tokenCount = 0
        var wordCount = 0
        var sentenceWords = 0
        scratch.tokenIDs.withUnsafeMutableBufferPointer { tb in
            scratch.wordIDs.withUnsafeMutableBufferPointer { wb in
                scratch.wordStarts.withUnsafeMutableBufferPointer { ws in
                    scratch.wordEnds.withUnsafeMutableBufferPointer { we in
                        profile.wordLengths.withUnsafeMutableBufferPointer { wl in
                            profile.sentenceLengths.withUnsafeMutableBufferPointer { sl in
                                WordTokenizer.forEachToken(in: p) { start, end, id in
                                    tb[tokenCount] = id
                                    tokenCount &+= 1
                                    let span = UnsafeBufferPointer(rebasing: p[start..<end])
                                    if Self.isWord(p, at: start) {
                                        ws[wordCount] = start
                                        we[wordCount] = end
                                        var scalars = 0
                                        for b in span where b & 0xC0 != 0x80 { scalars &+= 1 }
                                        wl[min(scalars, StyleProfile.maxWordLength)] &+= 1
                                        wb[wordCount] = id
                                        wordCount &+= 1
                                        sentenceWords &+= 1
                                    } else {
                                        profile.punctuation.add(id, word: span)
                                        if sentenceWords > 0 && Self.isSentenceEnd(span) {
                                            sl[min(sentenceWords, StyleProfile.maxSentenceLength)] &+= 1
                                            sentenceWords = 0
                                        }
                                    }
                                }
                                if sentenceWords > 0 {
                                    sl[min(sentenceWords, StyleProfile.maxSentenceLength)] &+= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return (tokenCount, wordCount)
    }

    /// Whether the token starting at `i` is a word (letters, marks, digits) rather than punctuation.
    @inline(__always) static func isWord(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b < 0x80 { return UnicodeClass.isASCIIWord(b) }
        return UnicodeClass.isWordScalar(UnicodeClass.decode(p, at: i).0)
    }

    /// `.`, `!`, `?`, `…` and the full-width `。！？`.
    static func isSentenceEnd(_ span: UnsafeBufferPointer<UInt8>) -> Bool {
        if span.count == 1 { return span[0] == 0x2E || span[0] == 0x21 || span[0] == 0x3F }
        if span.count == 3 {
            let s = (UInt32(span[0] & 0x0F) << 12) | (UInt32(span[1] & 0x3F) << 6) | UInt32(span[2] & 0x3F)
            return s == 0x3002 || s == 0xFF01 || s == 0xFF1F || s == 0x2026
        }
        return false
    }

    /// Character 3- and 4-grams of normalised UTF-8, spaces included: with code points c₁c₂c₃c₄
    /// (c₄ the newest), `p₃ = c₂ << 42 | c₃ << 21 | c₄`, the 3-gram's bucket is
    /// `(p₃ · 0x9E3779B97F4A7C15) >> 49` and the 4-gram's `((p₃ ^ c₁ · 0xD6E8FEB86659FD93) ·
    /// 0x9E3779B97F4A7C15) >> 49` (wrapping multiplies; Fibonacci hashing, Knuth TAOCP 6.4).
    @inline(__always)
    static func addCharNGrams(
        _ p: UnsafeBufferPointer<UInt8>, ascii: Bool, trigrams: inout [UInt32], fourgrams: inout [UInt32]
    ) {
        trigrams.withUnsafeMutableBufferPointer { t3 in
            fourgrams.withUnsafeMutableBufferPointer { t4 in
                if ascii {
                    // One byte per character: each n-gram is read straight from the text.
                    let n = p.count
                    if n < 3 { return }
                    let first = UInt64(p[0]) << 42 | UInt64(p[1]) << 21 | UInt64(p[2])
                    t3[Int(truncatingIfNeeded: (first &* 0x9E37_79B9_7F4A_7C15) >> 49)] &+= 1
                    var i = 3
                    while i < n {
                        let p3 = UInt64(p[i &- 2]) << 42 | UInt64(p[i &- 1]) << 21 | UInt64(p[i])
                        t3[Int(truncatingIfNeeded: (p3 &* 0x9E37_79B9_7F4A_7C15) >> 49)] &+= 1
                        let p4 = (p3 ^ (UInt64(p[i &- 3]) &* 0xD6E8_FEB8_6659_FD93)) &* 0x9E37_79B9_7F4A_7C15
                        t4[Int(truncatingIfNeeded: p4 >> 49)] &+= 1
                        i &+= 1
                    }
                    return
                }
                var c1: UInt64 = 0
                var c2: UInt64 = 0
                var c3: UInt64 = 0
                var seen = 0
                var i = 0
                let n = p.count
                while i < n {
                    let b = p[i]
                    let c: UInt64
                    if b < 0x80 {
                        c = UInt64(b)
                        i &+= 1
                    } else {
                        let (s, len) = UnicodeClass.decode(p, at: i)
                        c = UInt64(s.value)
                        i &+= len
                    }
                    seen &+= 1
                    let p3 = c2 << 42 | c3 << 21 | c
                    if seen >= 3 { t3[Int(truncatingIfNeeded: (p3 &* 0x9E37_79B9_7F4A_7C15) >> 49)] &+= 1 }
                    if seen >= 4 {
                        let p4 = (p3 ^ (c1 &* 0xD6E8_FEB8_6659_FD93)) &* 0x9E37_79B9_7F4A_7C15
                        t4[Int(truncatingIfNeeded: p4 >> 49)] &+= 1
                    }
                    c1 = c2
                    c2 = c3
                    c3 = c
                }
            }
        }
    }

    private func appendSegments(_ ids: UnsafeBufferPointer<UInt64>, size: Int, document: Int) {
        let n = ids.count
        if n == 0 {
            segments.append(StyleSegment(document: document, words: 0, keys: [], counts: []))
            return
        }
        let step = size > 0 ? size : n
        var start = 0
        while start < n {
            let end = min(n, start + step)
            segments.append(
                StyleSegment(document: document, ids: UnsafeBufferPointer(rebasing: ids[start..<end]))
            )
            start = end
        }
    }

    /// Merges the profile into `total` and empties it in place, keeping its buffers for the next
    /// documents (a profiler reused from slice to slice allocates nothing more).
    /// - Returns: the segments, which the profiler then forgets.
    func drain(into total: inout StyleProfile) -> [StyleSegment] {
        total.merge(profile)
        profile.removeAll()
        let out = segments
        segments = []
        return out
    }

    /// Moves the profile and segments out, leaving the profiler empty.
    public func take() -> (profile: StyleProfile, segments: [StyleSegment]) {
        let out = (profile, segments)
        profile = StyleProfile()
        segments = []
        return out
    }
}
