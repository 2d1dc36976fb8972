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
        var o = 0
        if collapse {
            // Branch-free: a pending space and the byte are both written, and kept or not.
            var pending = 0
            for b in p {
                let space = UnicodeClass.isASCIISpace(b) ? 1 : 0
                out[o] = 0x20
                o &+= pending & (1 &- space)
                out[o] = lowercase ? UnicodeClass.asciiLower(b) : b
                o &+= 1 &- space
                pending = space & (o > 0 ? 1 : 0)
            }
            return o
        }
        var pending = false
        for b in p {
            if UnicodeClass.isASCIISpace(b) {
                if collapse {
                    pending = o > 0
                } else {
                    out[o] = b
                    o &+= 1
                }
                continue
            }
            if pending {
                out[o] = 0x20
                o &+= 1
                pending = false
            }
            out[o] = lowercase ? UnicodeClass.asciiLower(b) : b
            o &+= 1
        }
        return o
    }
}
