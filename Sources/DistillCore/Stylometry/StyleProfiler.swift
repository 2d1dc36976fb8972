/// Builds ``StyleProfile``s from texts: one pass over each document's normalised bytes for character
/// n-grams, one over its tokens for words, punctuation, lengths, formulas and lexical diversity.
///
/// A profiler holds scratch buffers and a running profile: make one per thread and merge their
/// profiles (``StyleProfile/merge(_:)``); the result is the same for any split of the input.
public final class StyleProfiler {
    public private(set) var profile = StyleProfile()
    private static let empty = StyleProfile()
    /// Bootstrap units (``StyleSegment``) of the documents seen, in order, when ``segmentWords`` is set.
    public private(set) var segments: [StyleSegment] = []
    /// Cut documents into segments of at most this many words (0: whole documents; nil: no segments).
    public let segmentWords: Int?
    private let normalizer: TextNormalizer
    private let matcher = PhraseMatcher.shared
    private var normalized: [UInt8] = []
    private var wordIDs: [UInt64] = []
    private var tokenIDs: [UInt64] = []
    private var wordStarts: [Int] = []
    private var wordEnds: [Int] = []
    private var counter = LocalCounter()

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

    /// Adds one document given as valid UTF-8.
    /// - Complexity: O(*n*) expected in the bytes of the text.
    public func add(utf8 raw: UnsafeBufferPointer<UInt8>) {
        // Work on a local profile: the class property cannot be borrowed twice at once (exclusivity),
        // and parking the shared empty profile in it keeps the local copy's buffers unique.
        var profile = self.profile
        self.profile = Self.empty
        // The scratch buffers move into locals for the same reason: class properties are checked
        // for exclusive access at run time on every touch.
        var normalized: [UInt8] = []
        var wordIDs: [UInt64] = []
        var tokenIDs: [UInt64] = []
        var wordStarts: [Int] = []
        var wordEnds: [Int] = []
        var counter = LocalCounter()
        swap(&normalized, &self.normalized)
        swap(&wordIDs, &self.wordIDs)
        swap(&tokenIDs, &self.tokenIDs)
        swap(&wordStarts, &self.wordStarts)
        swap(&wordEnds, &self.wordEnds)
        swap(&counter, &self.counter)
        defer {
            self.profile = profile
            swap(&normalized, &self.normalized)
            swap(&wordIDs, &self.wordIDs)
            swap(&tokenIDs, &self.tokenIDs)
            swap(&wordStarts, &self.wordStarts)
            swap(&wordEnds, &self.wordEnds)
            swap(&counter, &self.counter)
        }
        profile.documents &+= 1
        profile.bytes &+= UInt64(raw.count)
        profile.markdown.add(document: raw)
        let length: Int
        let options = normalizer.options
        let ascii = StyleASCII.isASCII(raw)
        if raw.count > 0 && ascii {
            // ASCII needs only lower-casing and space collapsing: one pointer loop.
            if normalized.count < raw.count {
                normalized.append(contentsOf: repeatElement(0, count: raw.count - normalized.count))
            }
            length = normalized.withUnsafeMutableBufferPointer {
                StyleASCII.normalize(
                    raw, into: $0.baseAddress!, lowercase: options.lowercase, collapse: options.collapseWhitespace)
            }
        } else {
            normalizer.normalize(utf8: raw, into: &normalized)
            length = normalized.count
        }
        // Tokens never outnumber bytes: size the id buffers once and write them through pointers.
        if tokenIDs.count < length {
            tokenIDs = [UInt64](repeating: 0, count: length * 2)
            wordIDs = [UInt64](repeating: 0, count: length * 2)
            wordStarts = [Int](repeating: 0, count: length * 2)
            wordEnds = [Int](repeating: 0, count: length * 2)
        }
        var tokenCount = 0
        var wordCount = 0
        var sentenceWords = 0
        var wordLengths = profile.wordLengths
        var sentenceLengths = profile.sentenceLengths
        profile.wordLengths = []
        profile.sentenceLengths = []
        normalized.withUnsafeBufferPointer { all in
            let p = UnsafeBufferPointer(rebasing: all[0..<length])
            Self.addCharNGrams(
                p, ascii: ascii, trigrams: &profile.charTrigrams, fourgrams: &profile.charFourgrams)
            tokenIDs.withUnsafeMutableBufferPointer { tb in
                wordIDs.withUnsafeMutableBufferPointer { wb in
                    wordStarts.withUnsafeMutableBufferPointer { ws in
                        wordEnds.withUnsafeMutableBufferPointer { we in
                            wordLengths.withUnsafeMutableBufferPointer { wl in
                                sentenceLengths.withUnsafeMutableBufferPointer { sl in
                                    WordTokenizer.forEachToken(in: p) { start, end, id in
                                        tb[tokenCount] = id
                                        tokenCount &+= 1
                                        let span = UnsafeBufferPointer(rebasing: p[start..<end])
                                        if Self.isWord(p, at: start) {
                                            ws[wordCount] = start
                                            we[wordCount] = end
                                            var scalars = span.count
                                            if !ascii {
                                                scalars = 0
                                                for b in span where b & 0xC0 != 0x80 { scalars &+= 1 }
                                            }
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
                            profile.words.addAll(
                                UnsafeBufferPointer(rebasing: wb[0..<wordCount]),
                                starts: UnsafeBufferPointer(rebasing: ws[0..<wordCount]),
                                ends: UnsafeBufferPointer(rebasing: we[0..<wordCount]), text: p)
                        }
                    }
                }
            }
        }
        profile.wordLengths = wordLengths
        profile.sentenceLengths = sentenceLengths
        tokenIDs.withUnsafeBufferPointer {
            matcher.accumulate(UnsafeBufferPointer(rebasing: $0[0..<tokenCount]), into: &profile)
        }
        wordIDs.withUnsafeBufferPointer { all in
            let ids = UnsafeBufferPointer(rebasing: all[0..<wordCount])
            LexicalDiversity.accumulate(ids, into: &profile, scratch: &counter)
            if let segmentWords {
                appendSegments(ids, size: segmentWords, document: Int(profile.documents) - 1)
            }
        }
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

    /// Moves the profile and segments out, leaving the profiler empty.
    public func take() -> (profile: StyleProfile, segments: [StyleSegment]) {
        let out = (profile, segments)
        profile = StyleProfile()
        segments = []
        return out
    }
}
