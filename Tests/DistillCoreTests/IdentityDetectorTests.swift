import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

@Suite struct IdentityDetectorTests {
    static let detector = try! IdentityDetector()

    /// (sentence, identities it claims). Self-identification in English and Chinese must be found;
    /// negations, third-person mentions, comparisons, questions and quotations must not.
    static let cases: [(String, [String])] = [
        // Self-identification, English
        ("I am Claude, an AI assistant.", ["anthropic"]),
        ("Hi! I'm ChatGPT, how can I help?", ["openai"]),
        ("I’m Gemini, Google's assistant.", ["google"]),
        ("I am a large language model trained by OpenAI.", ["openai"]),
        ("I was created by Anthropic to be helpful.", ["anthropic"]),
        ("I was developed by the team at DeepSeek.", ["deepseek"]),
        ("I'm Qwen, a model built by Alibaba Cloud.", ["alibaba"]),
        ("As ChatGPT, I cannot browse the web.", ["openai"]),
        ("As an AI language model developed by OpenAI, I don't have opinions.", ["openai"]),
        ("My name is Grok and I like humour.", ["xai"]),
        ("I am Llama, a model from Meta.", ["meta"]),
        ("I am an AI assistant called Kimi.", ["moonshot"]),
        ("I'm Mistral, here to help.", ["mistral"]),
        ("I am ERNIE Bot.", ["baidu"]),
        ("I am ChatGLM, your assistant.", ["zhipu"]),
        ("I'm Yi, a bilingual model.", ["01ai"]),
        ("I have been trained by MiniMax.", ["minimax"]),
        ("As a GPT-4 model, I can write code.", ["openai"]),
        ("Call me Bard.", ["google"]),
        ("I am GPT-4o, the latest model.", ["openai"]),
        ("Sure! I am Claude. Unlike ChatGPT, I am made by Anthropic.", ["anthropic"]),
        ("I'm not ChatGPT; I am Claude.", ["anthropic"]),
        ("i am chatgpt", ["openai"]),
        // Self-identification, Chinese
        ("我是通义千问，由阿里云开发。", ["alibaba"]),
        ("你好，我是ChatGPT。", ["openai"]),
        ("我是由OpenAI开发的人工智能助手。", ["openai"]),
        ("我是文心一言。", ["baidu"]),
        ("我是一个由深度求索公司开发的AI助手。", ["deepseek"]),
        ("我叫Kimi，是月之暗面开发的助手。", ["moonshot"]),
        ("我的名字是Claude。", ["anthropic"]),
        ("我由百度开发。", ["baidu"]),
        ("作为ChatGPT，我无法浏览网页。", ["openai"]),
        ("我是智谱清言，很高兴为你服务。", ["zhipu"]),
        ("你好，我是Claude，由Anthropic开发。", ["anthropic"]),
        ("我是零一万物开发的Yi模型。", ["01ai"]),
        // Negations
        ("I am not ChatGPT.", []),
        ("I'm not Claude, and I was not made by Anthropic.", []),
        ("I was not created by OpenAI.", []),
        ("I am definitely not Gemini.", []),
        ("我不是ChatGPT。", []),
        ("我并非由OpenAI开发。", []),
        ("我不是通义千问，也不是文心一言。", []),
        // Third-person mentions and comparisons
        ("ChatGPT is made by OpenAI.", []),
        ("Claude was developed by Anthropic in 2023.", []),
        ("Models like ChatGPT and Gemini are popular.", []),
        ("I am a model like ChatGPT, but different.", []),
        ("I am similar to Claude in some ways.", []),
        ("Google released Gemini last year.", []),
        ("通义千问是阿里云开发的模型。", []),
        ("像ChatGPT这样的模型很受欢迎。", []),
        ("我是一个像ChatGPT一样的助手。", []),
        ("DeepSeek is a company based in Hangzhou.", []),
        ("I think Llama is an open model.", []),
        // Questions, hypotheticals, reports
        ("Users often ask whether I am ChatGPT.", []),
        ("If I were Claude, I would say so.", []),
        ("You might think I am Gemini.", []),
        ("如果我是ChatGPT，我会告诉你。", []),
        // Quotations and code
        ("He wrote: \"I am ChatGPT, made by OpenAI.\"", []),
        ("The bot replied “I'm Claude” in the transcript.", []),
        ("The character says 'I am Grok' in the story.", []),
        ("他说：「我是通义千问」。", []),
        ("> I am Claude, an assistant by Anthropic.", []),
        ("Use `I am ChatGPT` as the test string.", []),
        ("```\nprint(\"I am Gemini\")\nI am Gemini\n```", []),
        // Nothing to see
        ("The weather is nice today.", []),
        ("I am happy to help with your question.", []),
        ("I'm a helpful assistant.", []),
    ]

    @Test func tableHasEnoughCases() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: Self.cases)
    func classifies(_ text: String, _ expected: [String]) throws {
        let got = try Self.detector.claims(in: text).map(\.identity)
        #expect(got == expected, "\(text)")
    }

    @Test func embeddedPatternsMatchTheDataFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("data/identity-patterns.json"))
        let file = try IdentityPatterns.decode(data, path: "data/identity-patterns.json")
        #expect(file == IdentityPatterns.standard)
        #expect(
            String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                == IdentityPatterns.defaultJSON.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func userPatternsExtendTheDefault() throws {
        let extra = IdentityPatterns(
            version: 1, description: nil,
            identities: [
                .init(id: "examplelabs", label: "TeacherLM / Example Labs", aliases: ["TeacherLM", "Example Labs"])
            ],
            macros: [:], claims: [], vetoBefore: [])
        let detector = try IdentityDetector(patterns: IdentityPatterns.standard.merging(extra))
        #expect(
            try detector.claims(in: "As a TeacherLM model developed by Example Labs, I do not.").map(\.identity) == [
                "examplelabs"
            ])
        #expect(try detector.claims(in: "I am not TeacherLM.").isEmpty)
    }

    @Test func badPatternIsAnError() {
        var patterns = IdentityPatterns.standard
        patterns.claims.append(.init(id: "broken", pattern: "I am ({NAME}"))
        #expect(throws: DistillError.self) { try IdentityDetector(patterns: patterns) }
        patterns.claims[patterns.claims.count - 1] = .init(id: "unknown", pattern: "{NOPE} {NAME}")
        #expect(throws: DistillError.self) { try IdentityDetector(patterns: patterns) }
        // A pattern that backtracks exponentially is refused when loaded, not met on a document.
        for runaway in ["(.*a){25}$ {NAME}", "(a|aa)+$ {NAME}", "((\\w+\\s?)+)!{NAME}"] {
            patterns.claims[patterns.claims.count - 1] = .init(id: "runaway", pattern: runaway)
            #expect(throws: DistillError.self, "\(runaway)") { try IdentityDetector(patterns: patterns) }
        }
        patterns.claims[patterns.claims.count - 1] = .init(id: "fine", pattern: "I am (?:called )?{NAME}")
        #expect(throws: Never.self) { try IdentityDetector(patterns: patterns) }
    }

    @Test(.timeLimit(.minutes(5))) func runawayPatternThatPassesTheLoadProbeFailsOnTheDocument() throws {
        // (x+x+)+y backtracks exponentially only on a run of x, which no load-time probe holds.
        var patterns = IdentityPatterns.standard
        patterns.claims.append(.init(id: "sneaky", pattern: "(x+x+)+y {NAME}"))
        let detector = try IdentityDetector(patterns: patterns)
        #expect(try detector.claims(in: "I am ChatGPT, made by OpenAI.").map(\.identity) == ["openai"])
        let hostile = String(repeating: "x", count: 40) + " ChatGPT"
        let start = Date()
        #expect {
            _ = try detector.claims(in: hostile, document: "doc-7")
        } throws: { error in
            "\(error)".contains("sneaky") && "\(error)".contains("document \"doc-7\"")
                && "\(error)".contains("step budget")
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func onlyTheShippedPatternsRunUnbounded() throws {
        // The shipped claims with their shipped macros are vetted (full speed); a claim of a pattern
        // file, or a shipped claim whose macro a file redefines, runs under the step budget.
        let standard = try IdentityDetector()
        let allVetted = standard.claims.allSatisfy { $0.vetted }
        #expect(allVetted)
        var patterns = IdentityPatterns.standard
        patterns.claims.append(.init(id: "extra", pattern: "I am {NAME}"))
        patterns.macros["SELF"] = "(?:I am|I'm|me)"
        let merged = try IdentityDetector(patterns: patterns)
        #expect(merged.claims.first { $0.id == "extra" }?.vetted == false)
        #expect(merged.claims.first { $0.id == "en-i-am" }?.vetted == false)
        let someVetted = merged.claims.contains { $0.vetted }
        #expect(someVetted)
        #expect(try merged.claims(in: "Hello, I am ChatGPT.").map(\.identity) == ["openai"])
    }

    @Test func ratesCarryWilsonIntervalsAndShortSnippets() throws {
        var tally = IdentityTally()
        for i in 0..<100 {
            let text =
                i < 10
                ? "Hello. I am Claude, made by Anthropic. " + String(repeating: "long text ", count: 200) : "Hello."
            tally.add(document: "d\(i)", claims: try Self.detector.claims(in: text))
        }
        let report = tally.report(patterns: IdentityPatterns.standard)
        #expect(report.documents == 100 && report.documentsWithClaims == 10)
        let rate = try! #require(report.rates.first)
        #expect(rate.identity == "anthropic" && rate.documents == 10 && rate.rate == 0.1)
        // Wilson 95% for 10/100: 0.0552 – 0.1744.
        #expect(abs(rate.lower - 0.05523) < 1e-4 && abs(rate.upper - 0.17437) < 1e-4)
        #expect(rate.examples.count == IdentityTally.maxExamples)
        #expect(rate.examples.allSatisfy { $0.snippet.count <= 104 && !$0.snippet.contains("\n") })
    }

    @Test func wilsonIntervalCoversTheTruthAtTheNominalRate() {
        // Null data: documents claim with probability 0.05; the 95% interval should cover 0.05 in
        // about 95% of 400 seeded trials.
        var rng = SplitMixRandom(seed: 7)
        var covered = 0
        for _ in 0..<400 {
            var k = 0
            for _ in 0..<200 where Double(rng.next() >> 11) / 9_007_199_254_740_992 < 0.05 { k += 1 }
            let (lo, hi) = IdentityTally.wilson(successes: k, trials: 200)
            if lo <= 0.05 && 0.05 <= hi { covered += 1 }
        }
        #expect(covered >= 360)
    }
}

@Suite struct IdentityPrefilterTests {
    /// The alias prefilter passes over aliases run on into a letter or digit (the patterns' `{NAME}`
    /// never matches them) and keeps every text the patterns can match.
    @Test func prefilterFollowsTheNameBoundary() throws {
        let detector = try IdentityDetector()
        #expect(!detector.mentionsAlias("I keep saying the metadata is fine."))
        #expect(detector.mentionsAlias("I am Yi."))
        #expect(detector.mentionsAlias("i'm META ai"))
        #expect(detector.mentionsAlias("我是通义千问"))
        #expect(detector.mentionsAlias("Made by OpenAI"))
        #expect(!detector.mentionsAlias("GPT4all"))
        #expect(try detector.claims(in: "I keep saying the metadata is fine.").isEmpty)
        #expect(try detector.claims(in: "I am Yi, made by 01.AI.").map(\.identity).count == 1)
    }
}

/// The windowed search (vetted patterns run only around the aliases) finds exactly what running every
/// pattern over the whole text finds, on texts built to sit on the windows' edges.
@Suite struct IdentityWindowTests {
    static let fragments = [
        "I am", "I'm", "I’m", "i AM", "As", "as an", "AI", "language", "model", "assistant", "developed", "trained",
        "fine-tuned", "made", "by", "the team at", "originally", "my name is", "call me", "I go by", "I was",
        "I've been", "not", "if", "whether", "ChatGPT", "chatgpt", "GPT-4", "GPT-4o", "gpt-4x", "GPT-3.5", "OpenAI",
        "Open AI", "Claude", "Anthropic", "Gemini", "Google DeepMind", "Meta AI", "Mistral", "Miﬆral", "ſ",
        "Kimi", "01.AI", "Yi", "saying", "metadata", "我是", "我", "由", "作为", "一个", "人工智能", "通义千问", "克劳德",
        "，", "，我", "。", ",", ", I", ", my", ".", ";", "!", "?", "\n", "\n\n", "   ", "\t", "\u{00A0}", "\u{3000}",
        "\"", "“", "”", "`", "```\n", "> ", "7", "2024", "(", ")", "-", "'", "😀", "e\u{301}", "my", "I",
    ]

    static func text(_ rng: inout RepeatableRandomNumberGenerator) -> String {
        let count = Int(rng.next() % 40) + 1
        var parts: [String] = []
        for _ in 0..<count {
            let f = fragments[Int(rng.next() % UInt64(fragments.count))]
            let sep = rng.next() % 4 == 0 ? "" : (rng.next() % 5 == 0 ? String(repeating: " ", count: 30) : " ")
            parts.append(f + sep)
        }
        return parts.joined()
    }

    @Test func windowedSearchFindsWhatTheWholeTextSearchFinds() throws {
        let detector = try IdentityDetector()
        var rng = RepeatableRandomNumberGenerator(seed: 2026)
        var withClaims = 0
        for _ in 0..<4000 {
            let text = Self.text(&rng)
            let windowed = try detector.claims(in: text, document: nil, windowed: true)
            let whole = try detector.claims(in: text, document: nil, windowed: false)
            #expect(windowed == whole, "\(text.debugDescription)")
            if !whole.isEmpty { withClaims += 1 }
        }
        // The generator must reach the patterns often enough for the comparison to mean something.
        #expect(withClaims > 400)
    }

    @Test func windowsCoverEveryAliasAndStopAtClauseMarks() throws {
        let detector = try IdentityDetector()
        let text = "Data 42. Hello there, I am   a helpful model trained by OpenAI, truly."
        let units = Array(text.utf16)
        let windows = try #require(detector.aliasWindows(units))
        #expect(windows.count == 1)
        let window = String(decoding: units[windows[0]], as: UTF16.self)
        #expect(window.hasPrefix(" I am"))
        // An alias with no self-reference word before it in its clause opens no window.
        #expect(detector.aliasWindows(Array("The yi dril gous. Rand yi prea.".utf16)) == [])
        #expect(window.hasSuffix("truly."))
        // Characters that case-fold to ASCII send the text to the whole-text search.
        #expect(detector.aliasWindows(Array("I am Miﬆral".utf16)) == nil)
    }
}
