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

    /// Features from three sorted sets of distinct keys.
    /// - Complexity: O(1); O(*n*) in the keys when internal checks are on.
    public init(lexical: [UInt64], template: [UInt64], format: [UInt64]) {
        self.lexical = lexical
        self.template = template
        self.format = format
        InternalChecks.require(
            [lexical, template, format].allSatisfy(InternalChecks.strictlyIncreasing), "answer features not sorted sets"
        )
    }

    /// The features of `text`.
    /// - Complexity: O(*n*) in the text's length, plus sorting the keys. Words are classed from their
    ///   UTF-8 bytes (an ASCII fast path; other words through ``templateClass(_:)``), so no word is
    ///   turned into a `String` but the three opening and four closing ones.
    public init(text: String) {
        var normalized = TextNormalizer(options: .standard).normalize(text)
        var ids: [UInt64] = []
        var classes: [UInt64] = []
        var opening: [String] = []
        var closing: [String] = []
        normalized.withUTF8 { p in
            var ranges: [(start: Int, end: Int)] = []
            WordTokenizer.forEachToken(in: p) { start, end, id in
                ids.append(id)
                ranges.append((start, end))
                classes.append(Self.templateClass(bytes: UnsafeBufferPointer(rebasing: p[start..<end]), id: id))
            }
            func word(_ k: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: p[ranges[k].start..<ranges[k].end]), as: UTF8.self)
            }
            opening = (0..<min(3, ranges.count)).map(word)
            closing = (max(0, ranges.count - 4)..<ranges.count).map(word)
        }
        lexical = Self.sortedSet(Shingler.hashes(of: ids, n: Self.lexicalWidth))
        template = Self.sortedSet(Shingler.hashes(of: classes, n: Self.templateWidth))
        format = Self.sortedSet(
            Self.formatTokens(text: text, opening: opening, closing: closing, wordCount: ids.count).map {
                StableHash.fnv1a64($0)
            })
        InternalChecks.require(
            [lexical, template, format].allSatisfy(InternalChecks.strictlyIncreasing), "answer features not sorted sets"
        )
    }

    /// The similarity of two answers under one measure.
    /// - Complexity: O(*a* + *b*) in the two answers' keys of that measure, a linear merge.
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
    /// - Complexity: O(*a* + *b*), a linear merge.
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
        // Without a branch on the comparison (which a merge of hash keys mispredicts half the time).
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0
                var j = 0
                var common = 0
                while i < a.count && j < b.count {
                    let (x, y) = (a[i], b[j])
                    common &+= x == y ? 1 : 0
                    i &+= x <= y ? 1 : 0
                    j &+= y <= x ? 1 : 0
                }
                return common
            }
        }
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
    static let functionWordIDs: Set<UInt64> = Set(FunctionWords.english.map { StableHash.fnv1a64($0) })
    static let suffixMarker = UInt8(ascii: "W")

    /// The template class id of a normalised word token given as its UTF-8 bytes and id (FNV-1a 64 of
    /// the bytes); equal to ``templateClass(_:)`` of the word's string.
    static func templateClass(bytes w: UnsafeBufferPointer<UInt8>, id: UInt64) -> UInt64 {
        guard let first = w.first, w.allSatisfy({ $0 < 0x80 }) else {
            return templateClass(String(decoding: w, as: UTF8.self))
        }
        if functionWordIDs.contains(id) { return id }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let isLetter = { (b: UInt8) in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        if !(isLetter(first) || isDigit(first)) { return id }  // punctuation: itself
        if w.allSatisfy(isDigit) { return numberClass }
        var h = StableHash.fnvOffsetBasis
        h = (h ^ UInt64(suffixMarker)) &* StableHash.fnvPrime
        for b in w.suffix(2) { h = (h ^ UInt64(b)) &* StableHash.fnvPrime }
        return h
    }

    static let numberClass = StableHash.fnv1a64("#")

    /// The template class id of a normalised word token.
    static func templateClass(_ word: String) -> UInt64 {
        if functionWords.contains(word) { return StableHash.fnv1a64(word) }
        guard let first = word.unicodeScalars.first else { return 0 }
        if !(first.properties.isAlphabetic || first.properties.numericType != nil) {
            return StableHash.fnv1a64(word)  // punctuation: itself
        }
        if word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) { return numberClass }
        return StableHash.fnv1a64("W" + String(word.unicodeScalars.suffix(2).map(Character.init)))
    }

    /// The layout tokens of an answer (see the type's summary). Lines are cut at line feeds and read
    /// as UTF-8 bytes; a "Label:" lead is a colon followed by a space within the line's first 40
    /// Unicode scalars.
    static func formatTokens(text: String, opening: [String], closing: [String], wordCount: Int) -> [String] {
        var tokens: [String] = []
        var previous = "^"
        var text = text
        text.withUTF8 { p in
            var start = 0
            while start <= p.count {
                var end = start
                while end < p.count && p[end] != 0x0A { end += 1 }
                var s = start
                while s < end && (p[s] == 0x20 || p[s] == 0x09) { s += 1 }
                start = end + 1
                if s == end { continue }
                let line = UnsafeBufferPointer(rebasing: p[s..<end])
                let kind = lineKind(line)
                tokens.append("line:" + kind)
                tokens.append("pair:" + previous + kind)
                previous = kind
                if containsBold(line) { tokens.append("bold:" + kind) }
                if hasLabel(line) { tokens.append("label:" + kind) }
            }
        }
        tokens.append("pair:" + previous + "$")
        tokens.append("open:" + opening.joined(separator: " "))
        tokens.append("close:" + closing.joined(separator: " "))
        tokens.append("length:\(Int(log2(Double(wordCount + 1))))")
        return tokens
    }

    /// Whether the bytes hold `**`.
    static func containsBold(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in line {
            if b == UInt8(ascii: "*") && previous == b { return true }
            previous = b
        }
        return false
    }

    /// Whether the line's first colon comes within its first 40 Unicode scalars and is followed by a space.
    static func hasLabel(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var scalars = 0
        for (i, b) in line.enumerated() {
            if b == UInt8(ascii: ":") {
                return scalars <= 40 && i + 1 < line.count && line[i + 1] == 0x20
            }
            if b & 0xC0 != 0x80 { scalars += 1 }
        }
        return false
    }

    static func lineKind(_ line: UnsafeBufferPointer<UInt8>) -> String {
        func starts(_ prefix: StaticString) -> Bool {
            let n = prefix.utf8CodeUnitCount
            guard line.count >= n else { return false }
            let bytes = prefix.utf8Start
            for k in 0..<n where line[k] != bytes[k] { return false }
            return true
        }
        if starts("```") { return "code" }
        if starts("#") { return "header" }
        if starts("|") { return "table" }
        if starts(">") { return "quote" }
        if starts("- ") || starts("* ") || starts("• ") || starts("+ ") { return "bullet" }
        var digits = 0
        while digits < line.count && line[digits] >= 0x30 && line[digits] <= 0x39 { digits += 1 }
        if digits > 0 && digits < line.count && (line[digits] == UInt8(ascii: ".") || line[digits] == UInt8(ascii: ")"))
        {
            return "numbered"
        }
        if starts("**") { return "boldlead" }
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
