import DistillCore
import Foundation

/// A seeded stand-in for a language model that answers prompts in text, for the family and paired
/// tests: each answer mixes the prompt's topic words with Zipf-distributed words in a model-specific
/// order (the function words come first for every model) and the model's stock phrases. Siblings
/// share a base (word order and phrases) and differ in their answers; a student answers a prompt as
/// its teacher would, with part of the words its own.
public struct SyntheticTextModel: Sendable {
    /// Pseudo-words shared by every model: the function words, then made-up words with varied endings.
    public static let vocabulary: [String] = {
        let endings = ["", "ing", "ed", "ly", "tion", "s", "er", "al"]
        let letters = Array("bcdfghklmnprstvz")
        let vowels = Array("aeiou")
        var words = FunctionWords.unique
        var i = 0
        while words.count < 2500 {
            var w = ""
            var x = i
            for _ in 0..<3 {
                w.append(letters[x % letters.count])
                x /= letters.count
                w.append(vowels[x % vowels.count])
                x /= vowels.count
            }
            words.append(w + endings[i % endings.count])
            i += 1
        }
        return words
    }()

    let order: [Int]
    let cumulative: [Double]
    let phrases: [[String]]
    let phraseRate: Double
    let answerSeed: UInt64

    /// - Parameters:
    ///   - base: the seed of the word order and phrases (siblings share it).
    ///   - answers: the seed of the answers themselves.
    ///   - phraseRate: chance of a stock phrase at each sentence start.
    public init(base: UInt64, answers: UInt64, phraseRate: Double) {
        var rng = RepeatableRandomNumberGenerator(seed: base)
        let shared = FunctionWords.unique.count
        var rest = Array(shared..<Self.vocabulary.count)
        rest.shuffle(using: &rng)
        order = Array(0..<shared) + rest
        var total = 0.0
        var cumulative: [Double] = []
        for r in 1...Self.vocabulary.count {
            total += 1 / Double(r)
            cumulative.append(total)
        }
        self.cumulative = cumulative.map { $0 / total }
        phrases = (0..<12).map { _ in
            (0..<Int.random(in: 4...9, using: &rng)).map { _ in Self.vocabulary.randomElement(using: &rng)! }
        }
        self.phraseRate = phraseRate
        answerSeed = answers
    }

    /// The topic words of prompt `prompt`, shared by every model's answer to it.
    public static func topic(_ prompt: Int) -> [String] {
        var rng = RepeatableRandomNumberGenerator(seed: 77_000 &+ UInt64(prompt))
        return (0..<8).map { _ in vocabulary[Int.random(in: 300..<vocabulary.count, using: &rng)] }
    }

    func word(_ rng: inout RepeatableRandomNumberGenerator) -> String {
        Self.vocabulary[order[SyntheticModel.rank(Double.random(in: 0..<1, using: &rng), in: cumulative)]]
    }

    /// The model's answer to prompt `prompt`, as words.
    public func answerWords(_ prompt: Int, words: Int = 60) -> [String] {
        var rng = RepeatableRandomNumberGenerator(seed: StableHash.splitmix64(answerSeed ^ UInt64(prompt)))
        let topic = Self.topic(prompt)
        var out: [String] = []
        while out.count < words {
            if Double.random(in: 0..<1, using: &rng) < phraseRate { out += phrases.randomElement(using: &rng)! }
            for _ in 0..<Int.random(in: 6...12, using: &rng) {
                out.append(Double.random(in: 0..<1, using: &rng) < 0.2 ? topic.randomElement(using: &rng)! : word(&rng))
            }
            out.append(".")
        }
        return out
    }

    /// The model's answer to prompt `prompt`.
    public func answer(_ prompt: Int) -> String { Self.text(answerWords(prompt)) }

    /// A student's answer: the teacher's answer to the prompt with each word replaced by one of the
    /// student's own at rate `ownRate`.
    public func answer(_ prompt: Int, learntFrom teacher: SyntheticTextModel, ownRate: Double) -> String {
        var rng = RepeatableRandomNumberGenerator(seed: StableHash.splitmix64(answerSeed ^ UInt64(prompt) ^ 0x5eed))
        let words = teacher.answerWords(prompt).map {
            Double.random(in: 0..<1, using: &rng) < ownRate && $0 != "." ? word(&rng) : $0
        }
        return Self.text(words)
    }

    static func text(_ words: [String]) -> String {
        words.joined(separator: " ").replacingOccurrences(of: " .", with: ".")
    }

    /// JSONL records `{"prompt": "prompt N", "output": ...}` for prompts `0..<count`.
    public static func jsonl(_ answers: [String]) -> String {
        answers.enumerated().map { i, text in
            let record = ["prompt": "prompt \(i)", "output": text]
            let data = (try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + "\n"
    }

    /// Writes ``jsonl(_:)`` of `answers` to `name`.jsonl in `directory`; returns its path.
    public static func writeJSONL(_ answers: [String], _ name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name + ".jsonl").path
        try jsonl(answers).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
