import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct TextPipelineTests {
    @Test(arguments: [
        ("Hello  World", "hello world"),
        ("  trim me \n", "trim me"),
        ("ﬁle", "file"),
        ("Ａｂｃ１２３", "abc123"),
        ("e\u{301}clair", "éclair"),
        ("x\u{00A0}y\u{2028}z", "x y z"),
        ("wait…", "wait..."),
        ("Straße", "straße"),
        ("“Quoted” — dash", "“quoted” — dash"),
        ("我是通义千问", "我是通义千问"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(TextNormalizer().normalize(input) == expected)
    }

    @Test func confusableFoldIsOptIn() {
        let spoofed = "р\u{0430}ypal pass\u{200B}word"  // Cyrillic er and a, a zero-width space
        #expect(TextNormalizer().normalize(spoofed) != "paypal password")
        let folding = TextNormalizer(options: NormalizationOptions(foldConfusables: true))
        #expect(folding.normalize(spoofed) == "paypal password")
    }

    @Test func stepsCanBeSwitchedOff() {
        let none = TextNormalizer(options: .none)
        #expect(none.normalize("A  ﬁ") == "A  ﬁ")
        let onlyCase = TextNormalizer(
            options: NormalizationOptions(unicodeCompatibility: false, collapseWhitespace: false))
        #expect(onlyCase.normalize("A  ﬁ É") == "a  ﬁ é")
    }

    @Test(arguments: [
        ("don't", ["don", "'", "t"]),
        ("**note:**", ["*", "*", "note", ":", "*", "*"]),
        ("a1b2 c_d", ["a1b2", "c", "_", "d"]),
        ("naïve café", ["naïve", "café"]),
        ("😀👍", ["😀", "👍"]),
        ("e\u{301}", ["e\u{301}"]),
    ])
    func tokenizes(text: String, expected: [String]) {
        #expect(WordTokenizer.strings(of: text) == expected)
    }

    /// The Swift pipeline equals the independent Python reference on every committed vector.
    @Test func matchesReferenceVectors() throws {
        let vectors = try TextVectors.load()
        #expect(vectors.cases.count >= 300)
        var pipeline = TextPipeline()
        for c in vectors.cases {
            let normalized = TextNormalizer().normalize(c.input)
            #expect(normalized == c.normalized, "normalise \(c.input.debugDescription)")
            #expect(WordTokenizer.strings(of: normalized) == c.tokens, "tokens of \(c.input.debugDescription)")
            #expect(pipeline.wordIDs(of: c.input).map(String.init) == c.ids, "ids of \(c.input.debugDescription)")
        }
    }

    /// Property: the fused fast path gives exactly the ids of normalise-then-tokenise.
    @Test(arguments: [
        NormalizationOptions.standard, .none,
        NormalizationOptions(foldConfusables: true),
        NormalizationOptions(unicodeCompatibility: false),
        NormalizationOptions(lowercase: false),
    ])
    func fusedPathEqualsTwoStep(options: NormalizationOptions) {
        var rng = RepeatableRandomNumberGenerator(seed: 7)
        var pipeline = TextPipeline(options: options)
        let normalizer = TextNormalizer(options: options)
        for _ in 0..<500 {
            let text = CorpusBuilder.randomText(words: Int.random(in: 0..<40, using: &rng), unicode: true, using: &rng)
            let twoStep = WordTokenizer.tokens(of: normalizer.normalize(text)).map(\.id)
            #expect(pipeline.wordIDs(of: text) == twoStep, "\(text.debugDescription)")
            #expect(pipeline.tokenCount(of: text) == twoStep.count)
        }
    }

    @Test func tokenOffsetsPointAtTheToken() {
        let text = "ab, cd!"
        let tokens = WordTokenizer.tokens(of: text)
        let bytes = Array(text.utf8)
        #expect(tokens.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == ["ab", ",", "cd", "!"])
        #expect(tokens.map(\.id) == ["ab", ",", "cd", "!"].map { StableHash.fnv1a64($0) })
    }
}
