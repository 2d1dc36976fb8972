/// The one escaper for every piece of text that goes into HTML or inline SVG, in element content and
/// in attribute values alike.
///
/// `&`, `<`, `>`, `"` and `'` become character references (HTML Living Standard, "Character
/// references" and "Serialising HTML fragments"), so no text can open a tag, close an element
/// (`</style>`), end an attribute (`"onload=`) or a CDATA section (`]]>`). Characters that are parse
/// errors in an HTML document — C0 controls other than tab, line feed, form feed and carriage return,
/// DEL, C1 controls and Unicode noncharacters ("Preprocessing the input stream") — become U+FFFD, so
/// any Swift `String` (which already holds only valid scalars) escapes to valid HTML.
public enum HTMLEscaping {
    /// `text` escaped for element content or a quoted attribute value.
    /// - Complexity: O(*n*).
    public static func escape(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default:
                out.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return String(out)
    }

    /// Whether `scalar` may appear literally in an HTML document without a parse error.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x09, 0x0A, 0x0C, 0x0D: return true
        case 0x00..<0x20, 0x7F..<0xA0: return false
        case 0xFDD0...0xFDEF: return false
        default: return v & 0xFFFE != 0xFFFE
        }
    }
}
