import DistillCore

/// A seeded random number generator (SplitMix64) for repeatable tests.
public struct RepeatableRandomNumberGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builders for small synthetic corpora.
public enum CorpusBuilder {
    /// A random text of `words` words over a small vocabulary, with some punctuation and
    /// occasionally non-ASCII characters when `unicode` is set.
    public static func randomText(words: Int, unicode: Bool = false, using rng: inout RepeatableRandomNumberGenerator)
        -> String
    {
        let vocabulary = [
            "the", "model", "answer", "Data", "is", "a", "of", "Certainly", "42", "x1",
            "TeacherLM", "hello", "world", "and", "to", "in",
        ]
        let exotic = [
            "café", "naïve", "Ａｂｃ", "ﬁle", "中文", "“quoted”", "don’t", "Σίσυφος", "e\u{301}clair",
            "İstanbul", "x\u{00A0}y", "…", "½", "①", "ｶﾀｶﾅ", "Straße", "😀👍", "\u{200B}hid",
        ]
        let punctuation = [",", ".", "!", "?", ":", ";", "(", ")", "'", "\"", "-", "*", "#"]
        var parts: [String] = []
        for _ in 0..<words {
            let r = Int.random(in: 0..<100, using: &rng)
            if unicode && r < 15 {
                parts.append(exotic.randomElement(using: &rng)!)
            } else if r < 25 {
                parts.append(vocabulary.randomElement(using: &rng)! + punctuation.randomElement(using: &rng)!)
            } else {
                parts.append(vocabulary.randomElement(using: &rng)!)
            }
        }
        let separators = [" ", " ", " ", "  ", "\n", "\t"]
        var out = ""
        for (i, p) in parts.enumerated() {
            if i > 0 { out += separators.randomElement(using: &rng)! }
            out += p
        }
        return out
    }
}
