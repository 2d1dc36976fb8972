import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

/// The paired test's answer features: the byte-level fast path gives exactly the keys of the
/// definition (words as strings, classed one by one), and the similarity measures behave.
@Suite struct AnswerFeaturesTests {
    /// The features as defined, computed the slow way: every word a `String`.
    static func definition(_ text: String) -> AnswerFeatures {
        let normalized = TextNormalizer(options: .standard).normalize(text)
        let words = WordTokenizer.strings(of: normalized)
        let ids = words.map { StableHash.fnv1a64($0) }
        let lexical = AnswerFeatures.sortedSet(Shingler.hashes(of: ids, n: AnswerFeatures.lexicalWidth))
        let template = AnswerFeatures.sortedSet(
            Shingler.hashes(of: words.map { AnswerFeatures.templateClass($0) }, n: AnswerFeatures.templateWidth))
        let format = AnswerFeatures.sortedSet(
            AnswerFeatures.formatTokens(
                text: text, opening: Array(words.prefix(3)), closing: Array(words.suffix(4)), wordCount: words.count
            ).map { StableHash.fnv1a64($0) })
        return AnswerFeatures(lexical: lexical, template: template, format: format)
    }

    static let samples = [
        "", "Hi", "42", "The quick brown fox jumps over the lazy dog 12 times, quickly!",
        "# Title\n\n1. **First**: do this\n2. Then that\n- a bullet\n\n```swift\nlet x = 1\n```\n> quoted",
        "Café naïve résumé — Ünïcödé wörds, 東京 と 大阪, числа ١٢٣ and ½ and x²; emoji 🙂 e\u{301}",
        "snake_case and CamelCase, e-mail a.b@c.d, 3.14 and 1,000 and 2nd and x1 and ab",
        "**bold** * single * ** spaced ** ***triple***\n|table|row|\n+ plus\n• dot\n3) three",
    ]

    @Test func fastPathEqualsTheDefinition() {
        var rng = SplitMixRandom(seed: 12)
        let alphabet = Array("abcXYZ019 .,;:!?*#-\n\t_éß東🙂\u{301}")
        var texts = Self.samples
        for _ in 0..<300 {
            let length = Int(rng.next() % 120)
            texts.append(String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
        }
        for text in texts {
            #expect(AnswerFeatures(text: text) == Self.definition(text), "\(text.debugDescription)")
        }
    }

    @Test func templateClassesFollowTheDocumentedApproximation() {
        let c: (String) -> UInt64 = AnswerFeatures.templateClass
        #expect(c("the") == StableHash.fnv1a64("the"))
        #expect(c("running") == c("singing"))  // both -ng
        #expect(c("running") != c("quickly"))
        #expect(c("2024") == c("7"))
        #expect(c(",") == StableHash.fnv1a64(","))
        #expect(c("größe") == StableHash.fnv1a64("Wße"))
    }

    @Test func similarityMeasures() {
        let a = AnswerFeatures(text: "Here are some tips to stay healthy: eat well, sleep well and move every day.")
        let b = AnswerFeatures(text: "Here are some tips to stay healthy: eat well, sleep well and move every day.")
        let c = AnswerFeatures(text: "Photosynthesis converts light into chemical energy in chloroplasts.")
        for m in PairedMeasure.allCases {
            #expect(a.similarity(to: b, measure: m) == 1)
            #expect(a.similarity(to: c, measure: m) < 0.5)
        }
        #expect(AnswerFeatures.overlap([1, 2, 3], [2, 3]) == 1)
        #expect(AnswerFeatures.jaccard([1, 2, 3], [2, 3, 4]) == 0.5)
        #expect(AnswerFeatures.jaccard([], []) == 0)
    }

    @Test func layoutTokensNameEachLineKind() {
        let text =
            "Intro: here\n\n# Head\n  - item **bold**\n2) two\n10. ten\n```\n| a |\n> q\n• dot\n**Lead** text\nplain"
        let tokens = AnswerFeatures.formatTokens(text: text, opening: ["a"], closing: ["b"], wordCount: 7)
        let lines = tokens.filter { $0.hasPrefix("line:") }.map { $0.dropFirst(5) }
        #expect(
            lines == [
                "text", "header", "bullet", "numbered", "numbered", "code", "table", "quote", "bullet", "boldlead",
                "text",
            ])
        #expect(tokens.contains("label:text") && tokens.contains("bold:bullet") && tokens.contains("pair:^text"))
        #expect(tokens.contains("pair:text$") && tokens.contains("length:3") && tokens.contains("open:a"))
        let farColon = String(repeating: "é", count: 41) + ": x"
        #expect(
            !AnswerFeatures.formatTokens(text: farColon, opening: [], closing: [], wordCount: 1).contains("label:text"))
    }
}
