/// The word tokeniser (DESIGN.md "Text"): a token is a maximal run of word characters (Unicode
/// general category Letter, Mark or Number), or any other single non-space character. White space
/// (Unicode `White_Space`) separates tokens and is never a token.
///
/// A token's id in text mode is FNV-1a 64 over its UTF-8 bytes (``StableHash/fnv1a64(_:)-swift.type.method``).
public enum WordTokenizer {
    /// A token: its byte range in the text it was cut from, and its id.
    public struct Token: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var id: UInt64
    }

    /// Tokens of already-normalised UTF-8 text.
    public static func tokens(of text: String) -> [Token] {
        var out = [Token]()
        var copy = text
        copy.withUTF8 { buf in
            forEachToken(in: buf) { start, end, id in out.append(Token(start: start, end: end, id: id)) }
        }
        return out
    }

    /// The token strings of already-normalised text, for display and tests.
    public static func strings(of text: String) -> [String] {
        let bytes = Array(text.utf8)
        return tokens(of: text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    /// Calls `body(start, end, id)` for each token of valid UTF-8 `p`, in order.
    /// - Complexity: O(*n*) in the number of bytes.
    @inline(__always)
    static func forEachToken(
        in p: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, UInt64) -> Void
    ) {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if UnicodeClass.isASCIIWord(b) {
                    let start = i
                    var h = StableHash.fnvOffsetBasis
                    wordLoop: while i < n {
                        let c = p[i]
                        if c < 0x80 {
                            if !UnicodeClass.isASCIIWord(c) { break wordLoop }
                            h = (h ^ UInt64(c)) &* StableHash.fnvPrime
                            i += 1
                        } else {
                            let (s, len) = UnicodeClass.decode(p, at: i)
                            if !UnicodeClass.isWordScalar(s) { break wordLoop }
                            for k in i..<(i + len) { h = (h ^ UInt64(p[k])) &* StableHash.fnvPrime }
                            i += len
                        }
                    }
                    body(start, i, h)
                } else if UnicodeClass.isASCIISpace(b) {
                    i += 1
                } else {
                    body(i, i + 1, (StableHash.fnvOffsetBasis ^ UInt64(b)) &* StableHash.fnvPrime)
                    i += 1
                }
                continue
            }
            let (s, len) = UnicodeClass.decode(p, at: i)
            if UnicodeClass.isSpaceScalar(s) {
                i += len
            } else if UnicodeClass.isWordScalar(s) {
                let start = i
                var h = StableHash.fnvOffsetBasis
                for k in i..<(i + len) { h = (h ^ UInt64(p[k])) &* StableHash.fnvPrime }
                i += len
                wordLoop: while i < n {
                    let c = p[i]
                    if c < 0x80 {
                        if !UnicodeClass.isASCIIWord(c) { break wordLoop }
                        h = (h ^ UInt64(c)) &* StableHash.fnvPrime
                        i += 1
                    } else {
                        let (s2, len2) = UnicodeClass.decode(p, at: i)
                        if !UnicodeClass.isWordScalar(s2) { break wordLoop }
                        for k in i..<(i + len2) { h = (h ^ UInt64(p[k])) &* StableHash.fnvPrime }
                        i += len2
                    }
                }
                body(start, i, h)
            } else {
                var h = StableHash.fnvOffsetBasis
                for k in i..<(i + len) { h = (h ^ UInt64(p[k])) &* StableHash.fnvPrime }
                body(i, i + len, h)
                i += len
            }
        }
    }
}
