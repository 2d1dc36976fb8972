/// One document as the watermark tests see it.
public struct WatermarkDocument: Sendable, Hashable {
    /// The document id (or file:line).
    public var id: String
    /// Token ids of the prompt (empty when there is none or prompts were not asked for).
    public var promptIDs: [UInt64]
    /// Token ids of the text.
    public var textIDs: [UInt64]
}
