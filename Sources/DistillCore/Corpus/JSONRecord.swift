import Foundation

/// A small validating JSON parser (RFC 8259) for one record, built for speed on JSONL corpora.
///
/// Strings are not decoded while parsing: a value keeps the byte range of its contents and whether
/// it holds escapes, and only the fields a record shape needs are decoded. Nesting is limited so that
/// hostile input cannot exhaust the stack.
struct JSONRecord {
    /// A string's contents (between the quotes) in the record buffer.
    struct StringRef {
        var start: Int
        var end: Int
        var hasEscapes: Bool
    }

    indirect enum Value {
        case object([Member])
        case array([Value])
        case string(StringRef)
        case number(Range<Int>)
        case bool(Bool)
        case null
    }

    struct Member {
        var key: StringRef
        var value: Value
    }

    /// A syntax error at a byte offset within the record.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    static let maximumDepth = 256

    let bytes: UnsafeRawBufferPointer

    // MARK: Parsing

    /// Parses the whole buffer as exactly one JSON value (surrounding white space allowed).
    func parse() throws(SyntaxError) -> Value {
        var i = 0
        skipSpace(&i)
        let value = try parseValue(&i, depth: 0)
        skipSpace(&i)
        if i != bytes.count { throw SyntaxError(offset: i, message: "unexpected data after the JSON value") }
        return value
    }

    @inline(__always)
    private func skipSpace(_ i: inout Int) {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { break }
        }
    }

    private func parseValue(_ i: inout Int, depth: Int) throws(SyntaxError) -> Value {
        guard i < bytes.count else { throw SyntaxError(offset: i, message: "unexpected end of record") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject(&i, depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(&i, depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString(&i))
        case UInt8(ascii: "t"):
            try literal(&i, "true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal(&i, "false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal(&i, "null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber(&i))
        default:
            throw SyntaxError(offset: i, message: "unexpected character \(Self.describe(bytes[i]))")
        }
    }

    private func literal(_ i: inout Int, _ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw SyntaxError(offset: i, message: "unexpected end of record") }
        let w = word.utf8Start
        for k in 0..<n where bytes[i + k] != w[k] {
            throw SyntaxError(offset: i + k, message: "invalid literal")
        }
        i += n
    }

    private func parseNumber(_ i: inout Int) throws(SyntaxError) -> Range<Int> {
        let start = i
        let n = bytes.count
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { throw SyntaxError(offset: i, message: "invalid number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if (bytes[i] &- 0x31) < 9 {
            while i < n && (bytes[i] &- 0x30) < 10 { i += 1 }
        } else {
            throw SyntaxError(offset: i, message: "invalid number")
        }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, (bytes[i] &- 0x30) < 10 else { throw SyntaxError(offset: i, message: "invalid number") }
            while i < n && (bytes[i] &- 0x30) < 10 { i += 1 }
        }
        if i < n && (bytes[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < n, (bytes[i] &- 0x30) < 10 else { throw SyntaxError(offset: i, message: "invalid number") }
            while i < n && (bytes[i] &- 0x30) < 10 { i += 1 }
        }
        return start..<i
    }

    private func parseString(_ i: inout Int) throws(SyntaxError) -> StringRef {
        let open = i
        i += 1
        let start = i
        var escapes = false
        let n = bytes.count
        while i < n {
            // Skip eight plain bytes at a time: none a quote, a backslash or a control character.
            // SWAR tests after "Bit Twiddling Hacks" (Anderson): a byte of x is zero iff
            // (x - 0x01..) & ~x & 0x80.. flags it; below n iff (x - n·0x01..) & ~x & 0x80.. does.
            while i + 8 <= n {
                let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222
                let slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let flags =
                    ((quote &- 0x0101_0101_0101_0101) & ~quote)
                    | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                    | ((w &- 0x2020_2020_2020_2020) & ~w)
                if flags & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let ref = StringRef(start: start, end: i, hasEscapes: escapes)
                i += 1
                return ref
            }
            if b == UInt8(ascii: "\\") {
                escapes = true
                guard i + 1 < n else { break }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 5 < n else { throw SyntaxError(offset: i, message: "unterminated string") }
                    for k in 2...5 where Self.hexValue(bytes[i + k]) == nil {
                        throw SyntaxError(offset: i, message: "invalid \\u escape")
                    }
                    i += 6
                default:
                    throw SyntaxError(offset: i, message: "invalid escape \\\(Self.describe(bytes[i + 1]))")
                }
                continue
            }
            if b < 0x20 {
                throw SyntaxError(offset: i, message: "control character \(Self.describe(b)) inside a string")
            }
            i += 1
        }
        throw SyntaxError(offset: open, message: "unterminated string")
    }

    private func parseArray(_ i: inout Int, depth: Int) throws(SyntaxError) -> Value {
        if depth > Self.maximumDepth {
            throw SyntaxError(offset: i, message: "nesting deeper than \(Self.maximumDepth)")
        }
        i += 1
        var items: [Value] = []
        skipSpace(&i)
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .array(items)
        }
        while true {
            skipSpace(&i)
            items.append(try parseValue(&i, depth: depth))
            skipSpace(&i)
            guard i < bytes.count else { throw SyntaxError(offset: i, message: "unterminated array") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            throw SyntaxError(offset: i, message: "expected ',' or ']' in array, found \(Self.describe(bytes[i]))")
        }
    }

    private func parseObject(_ i: inout Int, depth: Int) throws(SyntaxError) -> Value {
        if depth > Self.maximumDepth {
            throw SyntaxError(offset: i, message: "nesting deeper than \(Self.maximumDepth)")
        }
        i += 1
        var members: [Member] = []
        skipSpace(&i)
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipSpace(&i)
            guard i < bytes.count else { throw SyntaxError(offset: i, message: "unterminated object") }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw SyntaxError(offset: i, message: "expected a string key, found \(Self.describe(bytes[i]))")
            }
            let key = try parseString(&i)
            skipSpace(&i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw SyntaxError(offset: i, message: "expected ':' after an object key")
            }
            i += 1
            skipSpace(&i)
            let value = try parseValue(&i, depth: depth)
            members.append(Member(key: key, value: value))
            skipSpace(&i)
            guard i < bytes.count else { throw SyntaxError(offset: i, message: "unterminated object") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            throw SyntaxError(offset: i, message: "expected ',' or '}' in object, found \(Self.describe(bytes[i]))")
        }
    }

    // MARK: Access

    /// The value of `key` in `members`; with duplicated keys the last one wins (as Python's json).
    func member(_ members: [Member], _ key: StaticString) -> Value? {
        let k = UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        return member(members, bytes: k)
    }

    func member(_ members: [Member], named key: String) -> Value? {
        var copy = key
        return copy.withUTF8 { member(members, bytes: UnsafeRawBufferPointer($0)) }
    }

    private func member(_ members: [Member], bytes key: UnsafeRawBufferPointer) -> Value? {
        for m in members.reversed() where keyEquals(m.key, key) {
            return m.value
        }
        return nil
    }

    private func keyEquals(_ ref: StringRef, _ key: UnsafeRawBufferPointer) -> Bool {
        if ref.hasEscapes {
            var repaired = 0
            return decodeBytes(ref, repaired: &repaired).elementsEqual(key)
        }
        guard ref.end - ref.start == key.count else { return false }
        for k in 0..<key.count where bytes[ref.start + k] != key[k] { return false }
        return true
    }

    /// All keys of an object, decoded, in order (for error messages).
    func keys(_ members: [Member]) -> [String] {
        members.map { m in
            var repaired = 0
            return String(decoding: decodeBytes(m.key, repaired: &repaired), as: UTF8.self)
        }
    }

    /// Decodes a string value. Lone surrogate escapes become U+FFFD and are counted in `repaired`.
    func string(_ ref: StringRef, repaired: inout Int) -> String {
        if !ref.hasEscapes {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[ref.start..<ref.end]), as: UTF8.self)
        }
        return String(decoding: decodeBytes(ref, repaired: &repaired), as: UTF8.self)
    }

    /// The UTF-8 bytes of a string value with its escapes resolved.
    func decodeBytes(_ ref: StringRef, repaired: inout Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(ref.end - ref.start)
        var i = ref.start
        while i < ref.end {
            // Copy the stretch up to the next backslash in one go.
            let rest = ref.end - i
            let stop: Int
            if let hit = memchr(bytes.baseAddress! + i, 0x5C, rest) {
                stop = UnsafeRawPointer(hit) - bytes.baseAddress!
            } else {
                stop = ref.end
            }
            if stop > i {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<stop]))
                i = stop
                continue
            }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i + 2)
                i += 6
                if (0xD800...0xDBFF).contains(scalar) {
                    if i + 5 < ref.end && bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "u") {
                        let low = hex4(at: i + 2)
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        } else {
                            scalar = 0xFFFD
                            repaired += 1
                        }
                    } else {
                        scalar = 0xFFFD
                        repaired += 1
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                    repaired += 1
                }
                Self.appendUTF8(UInt32(scalar), to: &out)
                continue
            default: out.append(e)  // \" \\ \/
            }
            i += 2
        }
        return out
    }

    private func hex4(at i: Int) -> Int {
        var v = 0
        for k in 0..<4 { v = v << 4 | Int(Self.hexValue(bytes[i + k]) ?? 0) }
        return v
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "0x" + String(b, radix: 16, uppercase: true)
    }

    /// The literal text of a number value.
    func numberText(_ r: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }
}
