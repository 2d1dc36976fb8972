extension StyleASCII {
    /// Where ``scan(_:into:profile:)`` writes a document's tokens: room for as many entries as the
    /// text has bytes (tokens never outnumber bytes).
    struct TokenSink {
        /// Every token's id (words and punctuation), in order.
        let tokenIDs: UnsafeMutablePointer<UInt64>
        /// Every word's id and byte range in the text, in order.
        let wordIDs: UnsafeMutablePointer<UInt64>
        let wordStarts: UnsafeMutablePointer<Int>
        let wordEnds: UnsafeMutablePointer<Int>
    }

    /// What ``WordTokenizer/forEachToken(in:_:)`` and the general token loop do, for normalised
    /// ASCII text `p`: records every token and word (ids by FNV-1a 64, DESIGN.md "Exact
    /// definitions"), counts punctuation and sentence lengths into `profile`; then adds the
    /// character 3- and 4-grams (``StyleProfiler/addCharNGrams(_:ascii:trigrams:fourgrams:)``).
    ///
    /// The word state machine runs without branches on the bytes: a word's id, start and end are
    /// written at every byte and kept (the counts advance) only where a word ends. Punctuation, rare
    /// in text, branches. The n-grams take a loop of their own: folded into this one (measured),
    /// they ran no faster, the two loops' state not fitting in registers together.
    /// - Returns: the numbers of tokens and of words written to `sink`.
    /// - Complexity: O(*n*) in the bytes.
    @inline(__always)
    static func scan(
        _ p: UnsafeBufferPointer<UInt8>, into sink: TokenSink, profile: inout StyleProfile
    ) -> (tokens: Int, words: Int) {
        guard let base = p.baseAddress, p.count > 0 else { return (0, 0) }
        let n = p.count
        let offset = StableHash.fnvOffsetBasis
        let prime = StableHash.fnvPrime
        var h = offset
        var start = 0
        var inWord = false
        var tokens = 0
        var words = 0
        var sentenceWords = 0
        var sentenceLengths = profile.sentenceLengths
        profile.sentenceLengths = []
        defer { profile.sentenceLengths = sentenceLengths }
        sentenceLengths.withUnsafeMutableBufferPointer { sl in
            for i in 0..<n {
                let c = base[i]
                let word = UnicodeClass.isASCIIWord(c)
                // The word running up to here is written out, and kept only if it ends here.
                sink.wordIDs[words] = h
                sink.wordStarts[words] = start
                sink.wordEnds[words] = i
                sink.tokenIDs[tokens] = h
                let ended = inWord && !word ? 1 : 0
                words &+= ended
                tokens &+= ended
                sentenceWords &+= ended
                let continues = inWord && word
                h = ((continues ? h : offset) ^ UInt64(c)) &* prime
                start = continues ? start : i
                inWord = word
                if !word && !UnicodeClass.isASCIISpace(c) {
                    // A punctuation token; `h` is its id.
                    sink.tokenIDs[tokens] = h
                    tokens &+= 1
                    profile.punctuation.add(h, word: UnsafeBufferPointer(start: base + i, count: 1))
                    if sentenceWords > 0 && (c == 0x2E || c == 0x21 || c == 0x3F) {
                        sl[min(sentenceWords, StyleProfile.maxSentenceLength)] &+= 1
                        sentenceWords = 0
                    }
                }
            }
            if inWord {
                sink.wordIDs[words] = h
                sink.wordStarts[words] = start
                sink.wordEnds[words] = n
                sink.tokenIDs[tokens] = h
                words &+= 1
                tokens &+= 1
                sentenceWords &+= 1
            }
            if sentenceWords > 0 { sl[min(sentenceWords, StyleProfile.maxSentenceLength)] &+= 1 }
        }
        StyleProfiler.addCharNGrams(p, ascii: true, trigrams: &profile.charTrigrams, fourgrams: &profile.charFourgrams)
        return (tokens, words)
    }
}
