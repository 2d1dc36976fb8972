import DistillTestSupport
import Testing

@testable import DistillCore

/// The all-ASCII fast path of ``StyleProfiler`` (SWAR normalisation, the fused token and n-gram
/// scan) must give exactly the profile of the general path.
@Suite struct StyleASCIIPathTests {
    /// Seeded ASCII texts rich in what the fast paths special-case: runs and mixes of white space
    /// (tabs, newlines, CR, VT, FF, leading and trailing), control bytes, capitals, digits,
    /// punctuation, Markdown markers and bold pairs, one- to three-byte documents.
    static func awkwardTexts(_ count: Int, seed: UInt64) -> [String] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        let pieces = [
            "the", "The", "AND", "of", "x", "Zebra42", "a1b2", "9", "end.", "Wait!", "why?", "--", "**bold**",
            "__u__", "- item", "1. one", "# Head", "```", "| a | b |", "~~~", "e.g.", "\u{01}", "\u{7F}", "A", "Z",
            "@", "[", "`", "{", "...", "!?", "In conclusion,", "I hope this helps",
        ]
        let spaces = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", " \n ", "   \t"]
        return (0..<count).map { k in
            if k % 17 == 0 { return String(repeating: "a", count: k % 4) }
            var text = rng.next() % 3 == 0 ? spaces[Int(rng.next() % UInt64(spaces.count))] : ""
            for _ in 0..<(Int(rng.next() % 120)) {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
                text += spaces[Int(rng.next() % UInt64(spaces.count))]
                if rng.next() % 5 == 0 { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            }
            return text
        }
    }

    static func profile(_ texts: [String], options: NormalizationOptions, asciiPath: Bool) -> StyleProfiler {
        let profiler = StyleProfiler(options: options, segmentWords: 50)
        profiler.usesASCIIPath = asciiPath
        for t in texts { profiler.add(t) }
        return profiler
    }

    @Test(arguments: [
        NormalizationOptions.standard, NormalizationOptions(lowercase: false),
        NormalizationOptions(collapseWhitespace: false), NormalizationOptions.none,
    ])
    func asciiPathMatchesGeneralPath(options: NormalizationOptions) {
        let texts = Self.awkwardTexts(400, seed: 20_251_202)
        let fast = Self.profile(texts, options: options, asciiPath: true)
        let general = Self.profile(texts, options: options, asciiPath: false)
        let a = fast.profile
        let b = general.profile
        #expect(a.words.entries().map { "\($0)" } == b.words.entries().map { "\($0)" })
        #expect(a.punctuation.entries().map { "\($0)" } == b.punctuation.entries().map { "\($0)" })
        #expect(a.wordLengths == b.wordLengths && a.sentenceLengths == b.sentenceLengths)
        #expect(a.charTrigrams == b.charTrigrams && a.charFourgrams == b.charFourgrams)
        #expect(a.mattrDistinct == b.mattrDistinct && a.mattrWindowTokens == b.mattrWindowTokens)
        #expect(a.mtldFactorsFixed == b.mtldFactorsFixed && a.mtldTokens == b.mtldTokens)
        #expect(a.markdown == b.markdown && a.bytes == b.bytes && a.documents == b.documents)
        #expect(a.openings == b.openings && a.closings == b.closings)
        #expect(a.hedges == b.hedges && a.refusals == b.refusals)
        #expect(fast.segments.map(\.keys) == general.segments.map(\.keys))
        #expect(fast.segments.map(\.counts) == general.segments.map(\.counts))
    }

    @Test func drainedProfilerStartsFromNothing() {
        let texts = Self.awkwardTexts(120, seed: 7)
        let reused = Self.profile(Array(texts[0..<60]), options: .standard, asciiPath: true)
        var total = StyleProfile()
        _ = reused.drain(into: &total)
        for t in texts[60...] { reused.add(t) }
        let fresh = Self.profile(Array(texts[60...]), options: .standard, asciiPath: true)
        let a = reused.profile
        let b = fresh.profile
        #expect(a.words.entries().map { "\($0)" } == b.words.entries().map { "\($0)" })
        #expect(a.charTrigrams == b.charTrigrams && a.wordLengths == b.wordLengths && a.documents == b.documents)
        #expect(StyleSummary(a) == StyleSummary(b))
        #expect(total.documents == 60)
    }

    @Test func swarLowercasingMatchesBytewise() {
        var rng = RepeatableRandomNumberGenerator(seed: 3)
        for _ in 0..<2000 {
            let x = rng.next() & 0x7F7F_7F7F_7F7F_7F7F
            var expected: UInt64 = 0
            for k in 0..<8 {
                let b = UInt8(truncatingIfNeeded: x >> (8 * k))
                expected |= UInt64(UnicodeClass.asciiLower(b)) << (8 * k)
            }
            #expect(StyleASCII.lowercased(x) == expected)
        }
    }
}
