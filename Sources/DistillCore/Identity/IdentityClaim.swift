/// One place where a text names itself as a model or maker.
public struct IdentityClaim: Sendable, Hashable, Codable {
    /// The claimed identity's id (``IdentityPatterns/Identity/id``).
    public var identity: String
    /// The alias as written in the text.
    public var alias: String
    /// The claim pattern that matched.
    public var pattern: String
    /// A short excerpt around the match (at most about 100 characters, one line).
    public var snippet: String

    public init(identity: String, alias: String, pattern: String, snippet: String) {
        self.identity = identity
        self.alias = alias
        self.pattern = pattern
        self.snippet = snippet
    }
}
