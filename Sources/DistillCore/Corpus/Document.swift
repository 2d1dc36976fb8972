/// One model output: the unit every signal works on.
public struct Document: Sendable, Hashable {
    /// The record's `id` (with `#n` for the n-th assistant turn of a multi-turn record), or
    /// `path:line` when the record has none.
    public var id: String
    /// Whether ``id`` came from the record itself; only such ids pair corpora.
    public var hasExplicitID: Bool
    /// The prompt the text answers, when the record has one.
    public var prompt: String?
    /// The model output.
    public var text: String
    /// The model that wrote the text, when the record says.
    public var model: String?
    /// Where the record starts.
    public var location: InputLocation

    public init(
        id: String, hasExplicitID: Bool = true, prompt: String? = nil, text: String, model: String? = nil,
        location: InputLocation
    ) {
        self.id = id
        self.hasExplicitID = hasExplicitID
        self.prompt = prompt
        self.text = text
        self.model = model
        self.location = location
    }
}

/// Field names that override record-shape detection (`--text-field`, `--prompt-field`, `--id-field`).
public struct FieldOverrides: Sendable, Hashable, Codable {
    public var textField: String?
    public var promptField: String?
    public var idField: String?

    public init(textField: String? = nil, promptField: String? = nil, idField: String? = nil) {
        self.textField = textField
        self.promptField = promptField
        self.idField = idField
    }
}

/// The record shapes the readers recognise (DESIGN.md "Input formats").
public enum RecordShape: String, Sendable, Codable, CaseIterable, Comparable {
    /// `{"text": ...}` (or a field named by `--text-field`).
    case text
    /// `{"completion"|"response"|"output"|"answer"|"content": ..., "prompt"|...: ...}`.
    case promptResponse = "prompt-response"
    /// OpenAI chat `{"messages": [...]}`.
    case openAIChat = "openai-chat"
    /// ShareGPT `{"conversations": [...]}`.
    case shareGPT = "sharegpt"
    /// Alpaca `{"instruction", "input", "output"}`.
    case alpaca
    /// A whole `.txt` file.
    case plainText = "plain-text"

    public static func < (a: RecordShape, b: RecordShape) -> Bool { a.rawValue < b.rawValue }
}

/// How a file's bytes are laid out.
public enum ContainerFormat: String, Sendable, Codable {
    /// One JSON record per line.
    case jsonl
    /// One JSON array of records.
    case jsonArray = "json-array"
    /// JSON records one after another, possibly spanning lines (a `.json` file that is not an array).
    case jsonStream = "json-stream"
    /// A plain text file: one document.
    case text
}

/// A document seen without copying its text: valid only inside the call it is passed to.
public struct TextView {
    public var id: String
    public var hasExplicitID: Bool
    public var prompt: String?
    public var model: String?
    /// The text's UTF-8 bytes (valid UTF-8).
    public var text: UnsafeBufferPointer<UInt8>
    public var location: InputLocation
}
