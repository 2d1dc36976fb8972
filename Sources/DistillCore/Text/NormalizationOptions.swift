/// Which normalisation steps to apply before tokenising (DESIGN.md "Text"). Each step is switchable.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    /// Unicode compatibility normalisation (NFKC, UAX #15).
    public var unicodeCompatibility: Bool
    /// Lower-casing by the Unicode default (context-free) lower-case mapping.
    public var lowercase: Bool
    /// Collapse every run of white space to one U+0020 and trim both ends.
    public var collapseWhitespace: Bool
    /// Evasion defence: drop zero-width and soft-hyphen characters, and fold common Cyrillic and
    /// Greek homoglyphs of Latin letters to those letters (after NFKC and lower-casing).
    public var foldConfusables: Bool

    public init(
        unicodeCompatibility: Bool = true,
        lowercase: Bool = true,
        collapseWhitespace: Bool = true,
        foldConfusables: Bool = false
    ) {
        self.unicodeCompatibility = unicodeCompatibility
        self.lowercase = lowercase
        self.collapseWhitespace = collapseWhitespace
        self.foldConfusables = foldConfusables
    }

    /// NFKC, lower-case, collapse white space; no confusable folding.
    public static let standard = NormalizationOptions()
    /// No normalisation at all: text is tokenised as it is.
    public static let none = NormalizationOptions(
        unicodeCompatibility: false, lowercase: false, collapseWhitespace: false)
}
