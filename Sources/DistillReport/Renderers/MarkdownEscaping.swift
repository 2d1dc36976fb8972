/// Escaping of untrusted text for CommonMark / GitHub Flavored Markdown.
///
/// `&`, `<` and `>` become HTML character references (so no raw HTML or autolink can form, CommonMark
/// §6.6 and §6.5), inline Markdown punctuation gets a backslash (§2.4), and characters that are invalid in
/// HTML become U+FFFD (``HTMLEscaping/isAllowed(_:)``). Line breaks become spaces: every escaped text
/// is one line, safe in a table cell or a list item.
public enum MarkdownEscaping {
    /// Punctuation that can start emphasis, code, links, strikethrough or a table cell anywhere in
    /// a line. Block markers (`#`, `-`, `1.`) need no escape: escaped text never starts a line.
    private static let punctuation: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "|", "~"]

    /// `text` escaped as one line of inline Markdown.
    /// - Complexity: O(*n*).
    public static func escape(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\n", "\r", "\t", "\u{0C}": out.append(" ")
            default:
                if punctuation.contains(scalar) {
                    out.append("\\")
                    out.append(scalar)
                } else {
                    out.append(HTMLEscaping.isAllowed(scalar) ? scalar : "\u{FFFD}")
                }
            }
        }
        return String(out)
    }
}
