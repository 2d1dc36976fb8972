import Foundation

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

/// One document as the watermark tests see it.
public struct WatermarkDocument: Sendable, Hashable {
    /// The document id (or file:line).
    public var id: String
    /// Token ids of the prompt (empty when there is none or prompts were not asked for).
    public var promptIDs: [UInt64]
    /// Token ids of the text.
    public var textIDs: [UInt64]
}

/// Reads a corpus into token-id sequences for the watermark tests.
public enum WatermarkCorpus {
    /// Tokenises every document of the corpus at `paths`, in input order.
    /// - Parameters:
    ///   - paths: corpus paths (DESIGN.md "Input formats").
    ///   - options: how to read them.
    ///   - tokenization: text or token mode.
    ///   - prompts: whether to tokenise prompts too.
    ///   - progress: called after each batch on the calling thread.
    /// - Returns: the documents and what was read.
    /// - Throws: ``DistillError`` for unreadable or bad input.
    /// - Complexity: O(total text), parallel over documents.
    public static func read(
        paths: [String], options: CorpusOptions, tokenization: WatermarkTokenization, prompts: Bool,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> (documents: [WatermarkDocument], summary: CorpusSummary) {
        let reader = try CorpusReader(paths: paths, options: options)
        var documents: [WatermarkDocument] = []
        let summary = try reader.read(
            transform: { batch in
                let encode = tokenization.makeEncoder()
                return batch.map { doc in
                    WatermarkDocument(
                        id: doc.id, promptIDs: prompts ? doc.prompt.map(encode) ?? [] : [], textIDs: encode(doc.text))
                }
            }, consume: { documents.append(contentsOf: $0) }, progress: progress)
        return (documents, summary)
    }
}
