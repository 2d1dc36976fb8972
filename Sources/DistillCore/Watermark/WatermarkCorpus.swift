import Foundation

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
    /// - Throws: ``DistillError`` for unreadable or bad input (with ``WatermarkTokenization/tokenIDs``,
    ///   a text or prompt that is not a list of ids).
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
        if case .tokenIDs = tokenization,
            let bad = documents.first(where: {
                $0.textIDs.contains(WatermarkTokenization.invalidID)
                    || $0.promptIDs.contains(WatermarkTokenization.invalidID)
            })
        {
            throw DistillError.invalidOption(
                name: "WatermarkCorpus.tokenIDs",
                reason: "document \(DistillError.excerpt(bad.id, limit: 80)): the text or prompt is not a list of "
                    + "decimal token ids (white space or commas between them)")
        }
        return (documents, summary)
    }

    /// The token ids of each text of the teacher corpus `paths` (none when `paths` is empty): the
    /// contexts a radioactivity test keeps with a teacher filter.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    static func teacherTexts(paths: [String], options: CorpusOptions, tokenization: WatermarkTokenization) throws
        -> [[UInt64]]
    {
        guard !paths.isEmpty else { return [] }
        return try read(paths: paths, options: options, tokenization: tokenization, prompts: false).documents.map(
            \.textIDs)
    }
}
