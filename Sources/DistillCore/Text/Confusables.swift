/// The optional evasion-defence fold: zero-width and invisible format characters are dropped and
/// common Cyrillic and Greek homoglyphs of Latin letters become those letters.
///
/// The table is a small, documented subset of the confusables in Unicode TS #39 (Unicode Security
/// Mechanisms, `confusables.txt`): lower-case letters only, since it runs after lower-casing.
enum Confusables {
    /// Scalars removed outright: ZWSP, ZWNJ, ZWJ, word joiner, BOM/ZWNBSP, soft hyphen,
    /// Mongolian vowel separator, invisible times/separator/plus, function application.
    static let invisible: Set<UInt32> = [
        0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064,
    ]

    /// Homoglyph to Latin letter.
    static let homoglyphs: [UInt32: UInt8] = [
        // Cyrillic
        0x0430: 0x61, 0x0435: 0x65, 0x043E: 0x6F, 0x0440: 0x70, 0x0441: 0x63, 0x0443: 0x79,
        0x0445: 0x78, 0x0456: 0x69, 0x0458: 0x6A, 0x0455: 0x73, 0x0501: 0x64, 0x04BB: 0x68,
        0x0475: 0x76, 0x051B: 0x71, 0x051D: 0x77, 0x043A: 0x6B, 0x043C: 0x6D, 0x0442: 0x74,
        0x043D: 0x68,
        // Greek
        0x03BF: 0x6F, 0x03B1: 0x61, 0x03BD: 0x76, 0x03B9: 0x69, 0x03BA: 0x6B, 0x03C1: 0x70,
        0x03C5: 0x75, 0x03C7: 0x78, 0x03B5: 0x65, 0x03C4: 0x74,
        // Latin look-alikes outside ASCII
        0x0261: 0x67, 0x0251: 0x61, 0x0131: 0x69, 0x0269: 0x69, 0x01C3: 0x21,
    ]

    /// Folds `bytes` (valid UTF-8) in place.
    static func fold(_ bytes: inout [UInt8]) {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] < 0x80 {
                    out.append(p[i])
                    i += 1
                    continue
                }
                let (scalar, len) = UnicodeClass.decode(p, at: i)
                if invisible.contains(scalar.value) {
                    // dropped
                } else if let latin = homoglyphs[scalar.value] {
                    out.append(latin)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
                }
                i += len
            }
        }
        bytes = out
    }
}
