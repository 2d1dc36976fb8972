/// A quotation from one document, cut into segments so a renderer can highlight what is shared
/// with the other side without ever re-parsing the text.
public struct EvidencePassage: Sendable, Codable, Equatable {
    /// A run of text, shared with the other side or not.
    public struct Segment: Sendable, Codable, Equatable {
        public var text: String
        public var shared: Bool

        public init(_ text: String, shared: Bool) {
            self.text = text
            self.shared = shared
        }
    }

    public var documentID: String
    /// Token offsets of the shared part in the normalised document (absent when unknown).
    public var tokenStart: Int?
    public var tokenEnd: Int?
    public var segments: [Segment]

    public init(documentID: String, tokenStart: Int? = nil, tokenEnd: Int? = nil, segments: [Segment]) {
        self.documentID = documentID
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
        self.segments = segments
    }

    /// The text of all segments.
    public var text: String { segments.map(\.text).joined() }
}

/// One piece of side-by-side evidence: the suspect's passage beside the reference's.
public struct EvidencePair: Sendable, Codable, Equatable {
    /// The n-gram width that found it (0 when not an n-gram match).
    public var n: Int
    /// Shared tokens.
    public var tokens: Int
    public var suspect: EvidencePassage
    public var reference: EvidencePassage

    public init(n: Int, tokens: Int, suspect: EvidencePassage, reference: EvidencePassage) {
        self.n = n
        self.tokens = tokens
        self.suspect = suspect
        self.reference = reference
    }
}
