/// Characters a terminal acts on instead of showing: C0 controls, DEL, C1 controls (CSI, OSC) and the
/// Unicode bidirectional overrides and marks that reorder what is shown. Untrusted text (corpus text,
/// ids, file and reference names) has them written as visible escapes (`\u{1b}`) wherever it is shown.
public enum ControlCharacters {
    /// Whether `scalar` is written as an escape; line feed and tab are kept when `keepingLines`.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !keepingLines
        case 0..<0x20, 0x7F, 0x80..<0xA0: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// The escape of `scalar`: `\u{1b}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{\(String(scalar.value, radix: 16))}"
    }

    /// `text` with every character ``needsEscape(_:keepingLines:)`` picks written as its escape.
    public static func escaped(_ text: String, keepingLines: Bool) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLines: keepingLines) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLines: keepingLines) {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
