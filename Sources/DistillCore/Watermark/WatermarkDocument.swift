/// One document as the watermark tests see it.
public struct WatermarkDocument: Sendable, Hashable {
    /// The document id (or file:line).
    public var id: String
    /// Token ids of the prompt (empty when there is none or prompts were not asked for).
    public var promptIDs: [UInt64]
    /// Token ids of the text.
    public var textIDs: [UInt64]

    /// A document from its id and token ids.
    public init(id: String, promptIDs: [UInt64] = [], textIDs: [UInt64]) {
        self.id = id
        self.promptIDs = promptIDs
        self.textIDs = textIDs
    }
}
