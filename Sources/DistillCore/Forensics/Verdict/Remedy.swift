/// What would let an untested signal be tested, as a typed value: the library's reasons are plain
/// sentences, and each front end names its own way to do it (the CLI its flags, an app its settings).
/// In JSON a remedy is its raw value (`"declare-identity"`), beside the reason it belongs to.
public enum Remedy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Declare the reference's own identity when adding it to the store.
    case declareIdentity = "declare-identity"
    /// Add models independent of the reference: another family, or baselines.
    case addIndependentModels = "add-independent-models"
    /// Give the key of the reference's watermark for this run.
    case giveWatermarkKey = "give-watermark-key"
    /// Give the SynthID key set of the reference's watermark for this run.
    case giveSynthIDKeys = "give-synthid-keys"
    /// Give the tokenizer of a token-mode watermark for this run.
    case giveWatermarkTokenizer = "give-watermark-tokenizer"
    /// Store a watermark configuration with a reference.
    case configureWatermark = "configure-watermark"
}
