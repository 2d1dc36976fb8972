/// Character classes the text pipeline needs, with ASCII fast paths.
@usableFromInline
enum UnicodeClass {
    /// ASCII white space as the pipeline sees it: HT, LF, VT, FF, CR, space.
    @inlinable @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool {
        b == 0x20 || (b &- 0x09) < 5
    }

    /// ASCII letter or digit.
    @inlinable @inline(__always)
    static func isASCIIWord(_ b: UInt8) -> Bool {
        ((b | 0x20) &- 0x61) < 26 || (b &- 0x30) < 10
    }

    /// ASCII lower-casing.
    @inlinable @inline(__always)
    static func asciiLower(_ b: UInt8) -> UInt8 {
        (b &- 0x41) < 26 ? b | 0x20 : b
    }

    /// A word character: general category Letter, Mark or Number.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Unicode `White_Space`.
    static func isSpaceScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace
    }

    /// True when NFKC and lower-casing are certain to leave this scalar unchanged *and* it cannot
    /// compose with a neighbour, so a run made only of such scalars can be copied as it is.
    ///
    /// Conservative: `Changes_When_NFKC_Casefolded` is false only for scalars that NFKC, case
    /// folding and lower-casing all leave alone; marks and Hangul vowel/trailing jamo may compose
    /// with the scalar before them, so they always take the full path.
    static func isNormalizationStable(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (0x1160...0x11FF).contains(v) { return false }  // Hangul jungseong and jongseong
        let p = s.properties
        if p.changesWhenNFKCCaseFolded { return false }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: return p.canonicalCombiningClass == .notReordered
        }
    }

    /// Decodes one scalar from valid UTF-8 at `i`; returns the scalar and its length in bytes.
    /// Invalid sequences decode as U+FFFD of length 1 (inputs are validated upstream).
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        let n = p.count
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n {
            let v = ((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n {
            let v = ((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        if b0 >= 0xF0 && b0 < 0xF5 && i + 3 < n {
            let v =
                ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
                | (UInt32(p[i + 3]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", 1)
    }
}
