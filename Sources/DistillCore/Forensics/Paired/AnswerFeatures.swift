import Foundation

/// The features of one answer that the paired per-prompt test compares: three views of how an
/// answer is written, each a sorted set of 64-bit keys compared by Jaccard similarity.
///
/// - ``lexical``: word 3-grams (standard normalisation, FNV-1a word ids, DESIGN.md shingle hash).
/// - ``template``: syntactic template 5-grams. Words are tagged into coarse classes — a function
///   word (``FunctionWords``) is its own class, a number is `#`, punctuation is itself, every other
///   word is its last two letters (a suffix class standing in for its part of speech: `-ly`, `-ed`,
///   `-ng`, `-on`). A documented approximation of the part-of-speech templates that Wadhwa et al.
///   2025 ("Who Taught You That? Tracing Teachers in Model Distillation", ACL Findings) found to
///   identify a teacher where n-grams fail, with no tagger model to ship.
/// - ``format``: layout and formulas — the kind of each line (header, bullet, numbered item, table,
///   code, quote, paragraph) and of each pair of consecutive lines, bold and "Label:" leads, the
///   opening three and closing four words, and the answer's length on a log scale.
public struct AnswerFeatures: Sendable, Hashable {
    public var lexical: [UInt64]
    public var template: [UInt64]
    public var format: [UInt64]

    /// Width of the lexical word n-grams.
    public static let lexicalWidth = 3
    /// Width of the template n-grams.
    public static let templateWidth = 5

    public init(lexical: [UInt64], template: [UInt64], format: [UInt64]) {
        self.lexical = lexical
        self.template = template
        self.format = format
    }

    /// The features of `text`.
    /// - Complexity: O(*n*) in the text's length, plus sorting the keys.
    public init(text: String) {
        let normalized = TextNormalizer(options: .standard).normalize(text)
        let words = WordTokenizer.strings(of: normalized)
        let ids = words.map { StableHash.fnv1a64($0) }
        lexical = Self.sortedSet(Shingler.hashes(of: ids, n: Self.lexicalWidth))
        let classes = words.map(Self.templateClass)
        template = Self.sortedSet(Shingler.hashes(of: classes, n: Self.templateWidth))
        format = Self.sortedSet(Self.formatTokens(text: text, words: words).map { StableHash.fnv1a64($0) })
    }

    /// The similarity of two answers under one measure.
    public func similarity(to other: AnswerFeatures, measure: PairedMeasure) -> Double {
        switch measure {
        case .lexical: Self.overlap(lexical, other.lexical)
        case .template: Self.overlap(template, other.template)
        case .format: Self.jaccard(format, other.format)
        }
    }

    /// The overlap coefficient |A ∩ B| / min(|A|, |B|) of two sorted sets of distinct keys (0 when
    /// either is empty). Unlike Jaccard it does not reward answers for having the reference's length:
    /// on real outputs Jaccard made every short-answer model look like the short-answer reference.
    public static func overlap(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let smaller = min(a.count, b.count)
        return smaller == 0 ? 0 : Double(common(a, b)) / Double(smaller)
    }

    /// Jaccard similarity of two sorted sets of distinct keys (0 when both are empty).
    /// - Complexity: O(*a* + *b*).
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        let shared = common(a, b)
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// |A ∩ B| of two sorted sets of distinct keys.
    /// - Complexity: O(*a* + *b*).
    static func common(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return common
    }

    static func sortedSet(_ keys: [UInt64]) -> [UInt64] {
        var sorted = keys.sorted()
        var out = 0
        for k in sorted.indices where out == 0 || sorted[out - 1] != sorted[k] {
            sorted[out] = sorted[k]
            out += 1
        }
        sorted.removeLast(sorted.count - out)
        return sorted
    }

    static let functionWords: Set<String> = Set(FunctionWords.english)

    /// The template class id of a normalised word token.
    static func templateClass(_ word: String) -> UInt64 {
        if functionWords.contains(word) { return StableHash.fnv1a64(word) }
        guard let first = word.unicodeScalars.first else { return 0 }
        if !(first.properties.isAlphabetic || first.properties.numericType != nil) {
            return StableHash.fnv1a64(word)  // punctuation: itself
        }
        if word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) { return StableHash.fnv1a64("#") }
        return StableHash.fnv1a64("W" + String(word.unicodeScalars.suffix(2).map(Character.init)))
    }

    /// The layout tokens of an answer (see the type's summary).
    static func formatTokens(text: String, words: [String]) -> [String] {
        var tokens: [String] = []
        var previous = "^"
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty { continue }
            let kind = lineKind(line)
            tokens.append("line:" + kind)
            tokens.append("pair:" + previous + kind)
            previous = kind
            if line.contains("**") { tokens.append("bold:" + kind) }
            if let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 40,
                line[line.index(after: colon)...].first == " "
            {
                tokens.append("label:" + kind)
            }
        }
        tokens.append("pair:" + previous + "$")
        tokens.append("open:" + words.prefix(3).joined(separator: " "))
        tokens.append("close:" + words.suffix(4).joined(separator: " "))
        tokens.append("length:\(Int(log2(Double(words.count + 1))))")
        return tokens
    }

    static func lineKind(_ line: Substring) -> String {
        if line.hasPrefix("```") { return "code" }
        if line.hasPrefix("#") { return "header" }
        if line.hasPrefix("|") { return "table" }
        if line.hasPrefix(">") { return "quote" }
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("• ") || line.hasPrefix("+ ") {
            return "bullet"
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = line.dropFirst(digits.count).first, next == "." || next == ")" {
            return "numbered"
        }
        if line.hasPrefix("**") { return "boldlead" }
        return "text"
    }
}

/// The similarity measures of the paired per-prompt test, each a signal of its own.
public enum PairedMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    case lexical
    case template
    case format

    /// Whether the measure decides. Layout is corroborating only: on real outputs it separates model
    /// generations (2023 plain paragraphs against 2024 Markdown lists), not teachers — it named the
    /// short-answer reference for human-tuned controls.
    public var decides: Bool { self != .format }

    public var signal: Signal {
        switch self {
        case .lexical: .pairedLexical
        case .template: .pairedTemplate
        case .format: .pairedFormat
        }
    }

    /// What the measure compares, in words.
    public var summary: String {
        switch self {
        case .lexical: "word \(AnswerFeatures.lexicalWidth)-gram overlap coefficient"
        case .template:
            "syntactic-template \(AnswerFeatures.templateWidth)-gram overlap coefficient (function words kept, other words "
                + "classed by their last two letters, numbers and punctuation by kind)"
        case .format:
            "layout Jaccard (line kinds and their sequence, bold and labels, opening and closing words, length)"
        }
    }
}
