/// Fast paths of the style profiler for all-ASCII documents, written through raw pointers.
///
/// For ASCII text ``TextNormalizer`` only lower-cases (NFKC and confusable folding leave ASCII
/// unchanged) and collapses white space; ``normalize(_:into:lowercase:collapse:)`` does the same
/// in one loop, byte for byte identical.
enum StyleASCII {
    /// Whether every byte of `p` is below 0x80 (eight bytes at a time).
    /// - Complexity: O(*n*) in the bytes.
    @inline(__always)
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var i = 0
        var acc: UInt64 = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        while i < n {
            acc |= UInt64(p[i])
            i &+= 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Writes the normalised form of ASCII `p` to `out` (room for `p.count` bytes); returns its length.
    /// With `collapse`, white space runs become one space and leading and trailing space is dropped,
    /// as ``WhitespaceWriter`` does.
    /// - Complexity: O(*n*) in the bytes.
    @inline(__always)
    static func normalize(
        _ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, lowercase: Bool, collapse: Bool
    ) -> Int {
        if collapse { return normalizeCollapsing(p, into: out, lowercase: lowercase) }
        // Without collapsing every byte stays, white space included (lower-casing leaves it alone).
        var o = 0
        for b in p {
            out[o] = lowercase ? UnicodeClass.asciiLower(b) : b
            o &+= 1
        }
        return o
    }

    /// ``normalize(_:into:lowercase:collapse:)`` with collapsing: a space is written when a white
    /// space run starts (not at the start of the output) and a trailing one is dropped at the end,
    /// the same output as writing a pending space before the next other byte. Eight bytes at a time
    /// (SWAR, Warren, *Hacker's Delight* 6-1) while a word holds no control byte, no two adjacent
    /// spaces and no space right after a written one; byte by byte otherwise.
    /// - Complexity: O(*n*) in the bytes.
    @inline(__always)
    static func normalizeCollapsing(
        _ p: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, lowercase: Bool
    ) -> Int {
        guard let base = p.baseAddress else { return 0 }
        let n = p.count
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var o = 0
        var i = 0
        while i < n {
            if i &+ 8 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Any byte below 0x20 (tab, newline, other controls): exact for ASCII words.
                let control = (x &- ones &* 0x20) & ~x & high
                // Exactly the bytes equal to 0x20.
                let t = x ^ (ones &* 0x20)
                let spaces = ~(((t & ~high) &+ ~high) | t | ~high)
                let afterSpace = o == 0 || out[o &- 1] == 0x20
                if control | (spaces & (spaces >> 8)) | (afterSpace ? spaces & 0x80 : 0) == 0 {
                    let word = lowercase ? lowercased(x) : x
                    UnsafeMutableRawPointer(out + o).storeBytes(of: word, as: UInt64.self)
                    o &+= 8
                    i &+= 8
                    continue
                }
            }
            let b = base[i]
            if UnicodeClass.isASCIISpace(b) {
                if o > 0 && out[o &- 1] != 0x20 {
                    out[o] = 0x20
                    o &+= 1
                }
            } else {
                out[o] = lowercase ? UnicodeClass.asciiLower(b) : b
                o &+= 1
            }
            i &+= 1
        }
        if o > 0 && out[o &- 1] == 0x20 { o &-= 1 }
        return o
    }

    /// Eight ASCII bytes with `A`–`Z` lower-cased: 0x80 marks the bytes ≥ `A` and the bytes > `Z`,
    /// and the bytes in between gain 0x20.
    @inline(__always)
    static func lowercased(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let atLeastA = x &+ ones &* (0x80 - 0x41)
        let aboveZ = x &+ ones &* (0x80 - 0x5B)
        let upper = (atLeastA ^ aboveZ) & (ones &* 0x80)
        return x | (upper >> 2)
    }
}
