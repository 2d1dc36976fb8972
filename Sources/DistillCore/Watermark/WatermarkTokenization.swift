/// How texts become the token ids a watermark is scored on.
public enum WatermarkTokenization: Sendable {
    /// Text mode: DistillScope's word ids (normalise, word tokens, FNV-1a 64; DESIGN.md "Text").
    case words(NormalizationOptions)
    /// Token mode: a model's subword tokeniser, applied to the raw text.
    case subword(SubwordTokenizer)

    /// A per-thread function from text to ids (it keeps scratch buffers).
    func makeEncoder() -> (String) -> [UInt64] {
        switch self {
        case .words(let options):
            var pipeline = TextPipeline(options: options)
            return { pipeline.wordIDs(of: $0) }
        case .subword(let tokenizer):
            var session = SubwordTokenizer.Session(tokenizer)
            var scratch: [Int32] = []
            return { text in
                scratch.removeAll(keepingCapacity: true)
                session.encode(text, into: &scratch)
                return scratch.map { UInt64(UInt32(bitPattern: $0)) }
            }
        }
    }
}
