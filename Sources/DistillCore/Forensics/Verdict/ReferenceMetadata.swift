/// What a reference is, declared when it is added (`index add --family --role`) or later
/// (`index set`): the family it belongs to and its role. Independence is declared, not assumed
/// (DESIGN.md, "Forensic signals and verdicts"): the null of a reference is every reference of
/// another family, and a baseline is a model known to be independent that serves only as null.
public struct ReferenceMetadata: Sendable, Hashable, Codable {
    /// Maker or lineage ("openai", "anthropic"); a reference alone in its family by default.
    public var family: String
    public var role: ReferenceRole

    /// Metadata of a reference of `family` in `role`.
    /// - Complexity: O(1).
    public init(family: String, role: ReferenceRole = .candidate) {
        self.family = family
        self.role = role
    }

    /// Checks a family name: 1–200 characters, no control characters.
    /// - Returns: why it is not valid, or nil.
    /// - Complexity: O(*n*) in the name's length.
    public static func problem(family: String) -> String? {
        if family.isEmpty || family.count > 200 { return "a family name must be 1 to 200 characters" }
        if family.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a family name must not contain control characters"
        }
        return nil
    }
}

/// A reference's role in scoring.
public enum ReferenceRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A possible parent: tested, and named when the evidence holds.
    case candidate
    /// A model known to be independent: used only in the null of other families, never named.
    case baseline
}
