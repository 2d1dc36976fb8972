/// Pre-tokenisation: the split of a text into pieces before byte-pair merging, implemented by
/// hand (no regex library) with the exact leftmost-alternative, greedy-with-backtracking
/// semantics of each published pattern:
///
/// - `gpt2`: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
///   (GPT-2, Radford et al. 2019; Hugging Face `ByteLevel` with `use_regex`).
/// - `cl100k`: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
///   ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+` (tiktoken `cl100k_base`; Llama 3).
/// - `qwen2`: the same with `\p{N}` (single digits) instead of `\p{N}{1,3}` (Qwen 2).
/// - `o200k`: tiktoken `o200k_base`, whose letter runs split at case changes
///   (`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+` and the reverse) and whose
///   punctuation runs take trailing `[\r\n/]*`.
///
/// `\s` is the Unicode White_Space property, `\p{L}` general category L*, `\p{N}` N*.
public enum PreTokenizer: String, Sendable, Hashable, Codable, CaseIterable {
    case gpt2, cl100k, qwen2, o200k

    /// Scalar classes (bit set).
    enum Class {
        static let letter: UInt16 = 1
        static let number: UInt16 = 2
        static let space: UInt16 = 4  // White_Space
        static let newline: UInt16 = 8  // \r or \n
        static let upper: UInt16 = 16  // Lu Lt Lm Lo M (o200k)
        static let lower: UInt16 = 32  // Ll Lm Lo M (o200k)
        static let apostrophe: UInt16 = 64  // U+0027
        static let blank: UInt16 = 128  // U+0020
        static let slash: UInt16 = 256  // U+002F
        static let sLetter: UInt16 = 512  // s, S, ſ (for 's)
    }

    /// The end (scalar index) of the piece starting at `i`.
    /// - Parameters:
    ///   - i: start, `< classes.count`.
    ///   - classes: the class of every scalar of the text.
    ///   - scalars: the scalar values (for the contractions).
    @inline(__always)
    func pieceEnd(at i: Int, classes c: UnsafeBufferPointer<UInt16>, scalars: UnsafeBufferPointer<UInt32>) -> Int {
        switch self {
        case .gpt2: return Self.gpt2End(i, c, scalars)
        case .cl100k: return Self.cl100kEnd(i, c, scalars, maxDigits: 3)
        case .qwen2: return Self.cl100kEnd(i, c, scalars, maxDigits: 1)
        case .o200k: return Self.o200kEnd(i, c, scalars)
        }
    }

    @inline(__always) static func isOther(_ c: UInt16) -> Bool { c & (Class.space | Class.letter | Class.number) == 0 }

    /// `'s|'t|'re|'ve|'m|'ll|'d` at `i` (an apostrophe), optionally case-insensitive.
    static func contractionEnd(_ i: Int, _ s: UnsafeBufferPointer<UInt32>, caseInsensitive: Bool) -> Int? {
        let n = s.count
        guard i + 1 < n else { return nil }
        let fold: (UInt32) -> UInt32 = { v in
            guard caseInsensitive else { return v }
            if v >= 0x41 && v <= 0x5A { return v + 0x20 }
            if v == 0x17F { return 0x73 }  // ſ folds to s
            return v
        }
        let a = fold(s[i + 1])
        switch a {
        case 0x73, 0x74, 0x6D, 0x64: return i + 2  // s t m d
        case 0x72, 0x76:  // re ve
            return i + 2 < n && fold(s[i + 2]) == 0x65 ? i + 3 : nil
        case 0x6C:  // ll
            return i + 2 < n && fold(s[i + 2]) == 0x6C ? i + 3 : nil
        default: return nil
        }
    }

    @inline(__always)
    static func run(_ j: Int, _ c: UnsafeBufferPointer<UInt16>, while mask: UInt16) -> Int {
        var j = j
        while j < c.count && c[j] & mask != 0 { j += 1 }
        return j
    }

    @inline(__always)
    static func otherRun(_ j: Int, _ c: UnsafeBufferPointer<UInt16>) -> Int {
        var j = j
        while j < c.count && isOther(c[j]) { j += 1 }
        return j
    }

    /// `\s*[\r\n]+|\s+(?!\S)|\s+` (with `withNewlineRule`), or `\s+(?!\S)|\s+`, at white space `i`.
    @inline(__always)
    static func spaceEnd(_ i: Int, _ c: UnsafeBufferPointer<UInt16>, withNewlineRule: Bool) -> Int {
        var j = i
        var lastNewline = -1
        while j < c.count && c[j] & Class.space != 0 {
            if c[j] & Class.newline != 0 { lastNewline = j }
            j += 1
        }
        if withNewlineRule && lastNewline >= 0 { return lastNewline + 1 }
        if j == c.count || j - i < 2 { return j }
        return j - 1
    }

    static func gpt2End(_ i: Int, _ c: UnsafeBufferPointer<UInt16>, _ s: UnsafeBufferPointer<UInt32>) -> Int {
        let k = c[i]
        if k & Class.apostrophe != 0, let e = contractionEnd(i, s, caseInsensitive: false) { return e }
        let hasNext = i + 1 < c.count
        let p = k & Class.blank != 0 && hasNext ? i + 1 : i
        if c[p] & Class.letter != 0 { return run(p, c, while: Class.letter) }
        if k & Class.letter != 0 { return run(i, c, while: Class.letter) }
        if c[p] & Class.number != 0 { return run(p, c, while: Class.number) }
        if k & Class.number != 0 { return run(i, c, while: Class.number) }
        if isOther(c[p]) { return otherRun(p, c) }
        if isOther(k) { return otherRun(i, c) }
        return spaceEnd(i, c, withNewlineRule: false)
    }

    static func cl100kEnd(
        _ i: Int, _ c: UnsafeBufferPointer<UInt16>, _ s: UnsafeBufferPointer<UInt32>, maxDigits: Int
    ) -> Int {
        let n = c.count
        let k = c[i]
        if k & Class.apostrophe != 0, let e = contractionEnd(i, s, caseInsensitive: true) { return e }
        if k & Class.letter != 0 { return run(i, c, while: Class.letter) }
        if k & (Class.newline | Class.number) == 0 && i + 1 < n && c[i + 1] & Class.letter != 0 {
            return run(i + 1, c, while: Class.letter)
        }
        if k & Class.number != 0 {
            var j = i + 1
            while j < n && j - i < maxDigits && c[j] & Class.number != 0 { j += 1 }
            return j
        }
        let p = k & Class.blank != 0 && i + 1 < n && isOther(c[i + 1]) ? i + 1 : i
        if isOther(c[p]) { return run(otherRun(p, c), c, while: Class.newline) }
        return spaceEnd(i, c, withNewlineRule: true)
    }

    static func o200kEnd(_ i: Int, _ c: UnsafeBufferPointer<UInt16>, _ s: UnsafeBufferPointer<UInt32>) -> Int {
        let n = c.count
        let k = c[i]
        let prefixable = k & (Class.newline | Class.letter | Class.number) == 0
        func withContraction(_ e: Int) -> Int {
            if e < n && c[e] & Class.apostrophe != 0, let f = contractionEnd(e, s, caseInsensitive: true) { return f }
            return e
        }
        // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+, backtracking the first run.
        func upperThenLowerRun(_ p: Int) -> Int? {
            guard p < n else { return nil }
            let u = run(p, c, while: Class.upper)
            var q = u
            while true {
                if q < n && c[q] & Class.lower != 0 { return run(q, c, while: Class.lower) }
                if q == p { return nil }
                q -= 1
            }
        }
        // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*
        func upperRunThenLower(_ p: Int) -> Int? {
            guard p < n else { return nil }
            let u = run(p, c, while: Class.upper)
            return u == p ? nil : run(u, c, while: Class.lower)
        }
        if prefixable, let e = upperThenLowerRun(i + 1) { return withContraction(e) }
        if let e = upperThenLowerRun(i) { return withContraction(e) }
        if prefixable, let e = upperRunThenLower(i + 1) { return withContraction(e) }
        if let e = upperRunThenLower(i) { return withContraction(e) }
        if k & Class.number != 0 {
            var j = i + 1
            while j < n && j - i < 3 && c[j] & Class.number != 0 { j += 1 }
            return j
        }
        let p = k & Class.blank != 0 && i + 1 < n && isOther(c[i + 1]) ? i + 1 : i
        if isOther(c[p]) { return run(otherRun(p, c), c, while: Class.newline | Class.slash) }
        return spaceEnd(i, c, withNewlineRule: true)
    }
}

extension PreTokenizer {
    /// The pieces of `text` (no normalisation applied).
    /// - Complexity: O(*n*).
    public func split(_ text: String) -> [String] {
        var scalars: [UInt32] = []
        var classes: [UInt16] = []
        var offsets: [Int32] = []
        var cache: [UInt16] = []
        var copy = text
        return copy.withUTF8 { bytes in
            ScalarClassifier.decode(bytes, scalars: &scalars, classes: &classes, offsets: &offsets, bmpCache: &cache)
            var pieces: [String] = []
            scalars.withUnsafeBufferPointer { s in
                classes.withUnsafeBufferPointer { c in
                    var i = 0
                    while i < c.count {
                        let end = pieceEnd(at: i, classes: c, scalars: s)
                        pieces.append(String(decoding: bytes[Int(offsets[i])..<Int(offsets[end])], as: UTF8.self))
                        i = end
                    }
                }
            }
            return pieces
        }
    }
}
