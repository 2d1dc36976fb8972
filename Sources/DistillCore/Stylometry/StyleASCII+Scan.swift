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
        /// Per byte: the buckets of the character 3- and 4-gram ending there.
        let trigramBuckets: UnsafeMutablePointer<UInt16>
        let fourgramBuckets: UnsafeMutablePointer<UInt16>
    }

    /// One pass over normalised ASCII text `p` that does what ``WordTokenizer/forEachToken(in:_:)``
    /// followed by the token loop and ``StyleProfiler/addCharNGrams(_:ascii:trigrams:fourgrams:)``
    /// do: it records every token and word (ids by FNV-1a 64, DESIGN.md "Exact definitions"), counts
    /// punctuation and sentence lengths into `profile`, and adds the character 3- and 4-grams.
    ///
    /// The word state machine runs without branches on the bytes: a word's id, start and end are
    /// written at every byte and kept (the counts advance) only where a word ends, so the FNV chains
    /// of neighbouring words overlap. Punctuation, rare in text, branches. The n-gram buckets are
    /// noted per byte and counted after the loop, where many increments of the large tables can be
    /// in flight at once.
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
        var p3: UInt64 = 0
        var sentenceLengths = profile.sentenceLengths
        profile.sentenceLengths = []
        defer { profile.sentenceLengths = sentenceLengths }
        let g3 = sink.trigramBuckets
        let g4 = sink.fourgramBuckets
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
                        // Character n-grams ending here (see StyleProfiler.addCharNGrams).
                        // (before the third and fourth byte the buckets noted are not counted).
                        p3 = (p3 << 21 | UInt64(c)) & 0x7FFF_FFFF_FFFF_FFFF
                        g3[i] = UInt16(truncatingIfNeeded: (p3 &* 0x9E37_79B9_7F4A_7C15) >> 49)
                        let c1 = i >= 3 ? UInt64(base[i &- 3]) : 0
                        let p4 = (p3 ^ (c1 &* 0xD6E8_FEB8_6659_FD93)) &* 0x9E37_79B9_7F4A_7C15
                        g4[i] = UInt16(truncatingIfNeeded: p4 >> 49)
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
        profile.charTrigrams.withUnsafeMutableBufferPointer { t3 in
            var i = 2
            while i < n {
                t3[Int(g3[i])] &+= 1
                i &+= 1
            }
        }
        profile.charFourgrams.withUnsafeMutableBufferPointer { t4 in
            var i = 3
            while i < n {
                t4[Int(g4[i])] &+= 1
                i &+= 1
            }
        }
        return (tokens, words)
    }
}
