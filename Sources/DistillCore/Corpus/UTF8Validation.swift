/// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// The offset of the first byte that is not part of valid UTF-8, or nil when all is valid.
    /// - Complexity: O(*n*); ASCII stretches are skipped eight bytes at a time.
    static func firstInvalidOffset(_ p: UnsafeRawBufferPointer) -> Int? {
        let n = p.count
        var i = 0
        while i < n {
            // Fast skip of ASCII, a machine word at a time.
            while i + 8 <= n {
                let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                hi = 0x9F
            case 0xF0:
                need = 3
                lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                hi = 0x8F
            default: return i
            }
            if i + need >= n { return i }
            let b1 = p[i + 1]
            if b1 < lo || b1 > hi { return i }
            for k in 2...max(2, need) where k <= need {
                let b = p[i + k]
                if b < 0x80 || b > 0xBF { return i }
            }
            i += need + 1
        }
        return nil
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { firstInvalidOffset($0) == nil }
    }
}
