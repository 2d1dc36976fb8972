import Foundation

/// A versioned set of identity-leak patterns (`data/identity-patterns.json`, embedded as
/// ``defaultJSON``): the identities a model might claim, their aliases, and the claim patterns.
///
/// Users extend the set with their own files (`--identity-patterns FILE`), which are merged into the
/// default with ``merging(_:)``: identities with a known id gain aliases, new ones are added, and
/// claims and veto words are appended.
public struct IdentityPatterns: Sendable, Codable, Hashable {
    /// One identity a model may claim: a model family and its maker.
    public struct Identity: Sendable, Codable, Hashable {
        public var id: String
        public var label: String
        public var aliases: [String]

        public init(id: String, label: String, aliases: [String]) {
            self.id = id
            self.label = label
            self.aliases = aliases
        }
    }

    /// One claim pattern: an ICU regular expression with `{NAME}` and macro placeholders.
    public struct Claim: Sendable, Codable, Hashable {
        public var id: String
        public var pattern: String

        public init(id: String, pattern: String) {
            self.id = id
            self.pattern = pattern
        }
    }

    public var version: Int
    public var description: String?
    public var identities: [Identity]
    public var macros: [String: String]
    public var claims: [Claim]
    /// Words that, standing before a match in its clause, make it a question, report or hypothesis.
    public var vetoBefore: [String]

    public init(
        version: Int, description: String? = nil, identities: [Identity], macros: [String: String] = [:],
        claims: [Claim] = [], vetoBefore: [String] = []
    ) {
        self.version = version
        self.description = description
        self.identities = identities
        self.macros = macros
        self.claims = claims
        self.vetoBefore = vetoBefore
    }

    /// The embedded default set.
    public static let standard: IdentityPatterns = {
        // The embedded JSON is checked by a test against data/identity-patterns.json.
        try! IdentityPatterns.decode(Data(defaultJSON.utf8), path: "<embedded identity patterns>")
    }()

    /// Decodes a pattern file.
    /// - Throws: ``DistillError/malformedRecord(_:reason:)`` naming `path` when the JSON is not a pattern set.
    public static func decode(_ data: Data, path: String) throws(DistillError) -> IdentityPatterns {
        do {
            return try JSONDecoder().decode(IdentityPatterns.self, from: data)
        } catch {
            throw DistillError.malformedRecord(
                InputLocation(path: path),
                reason: "not an identity pattern file: \(DistillError.excerpt("\(error)", limit: 160))")
        }
    }

    /// Reads a pattern file from disk.
    public static func load(path: String) throws(DistillError) -> IdentityPatterns {
        guard let data = FileManager.default.contents(atPath: path) else {
            if !FileManager.default.fileExists(atPath: path) { throw DistillError.missingPath(path) }
            throw DistillError.unreadable(path: path, reason: "cannot read the file")
        }
        return try decode(data, path: path)
    }

    /// This set extended by `other`.
    public func merging(_ other: IdentityPatterns) -> IdentityPatterns {
        var out = self
        out.version = max(version, other.version)
        for identity in other.identities {
            if let k = out.identities.firstIndex(where: { $0.id == identity.id }) {
                for alias in identity.aliases where !out.identities[k].aliases.contains(alias) {
                    out.identities[k].aliases.append(alias)
                }
            } else {
                out.identities.append(identity)
            }
        }
        out.macros.merge(other.macros) { _, new in new }
        out.claims.append(contentsOf: other.claims)
        out.vetoBefore.append(contentsOf: other.vetoBefore.filter { !out.vetoBefore.contains($0) })
        return out
    }
}
