/// Statistics of one corpus, as `distillscope inspect` reports them.
public struct CorpusInspection: Sendable, Codable, Equatable {
    /// Pairing of this corpus with a reference corpus (by id, else by identical prompt).
    public struct Pairing: Sendable, Codable, Equatable {
        /// Index of the corpus paired against (0-based, in the order given).
        public var against: Int
        /// Documents of this corpus whose explicit id occurs in the other corpus.
        public var byID: Int
        /// Documents of this corpus whose prompt occurs (byte for byte) in the other corpus.
        public var byPrompt: Int
        /// The rule that applies: `id` when both corpora carry ids and some match, else `prompt`.
        public var method: String
        /// Pairs under that rule.
        public var pairs: Int
    }

    public var paths: [String]
    public var documents = 0
    public var documentsWithPrompt = 0
    public var documentsWithID = 0
    public var emptyDocuments = 0
    /// Word tokens after normalisation (DESIGN.md "Text").
    public var tokens = 0
    public var minTokens = 0
    public var maxTokens = 0
    /// UTF-8 bytes of the document texts.
    public var textBytes = 0
    /// Documents per `model` field value (`(none)` when absent); at most 20 values, the rest summed
    /// under `(other)`.
    public var models: [String: Int] = [:]
    public var pairing: Pairing?
    public var summary: CorpusSummary

    public var meanTokens: Double { documents == 0 ? 0 : Double(tokens) / Double(documents) }
}

/// Reads corpora and computes ``CorpusInspection``s.
public enum CorpusInspector {
    struct DocumentStats: Sendable {
        var tokens: Int
        var textBytes: Int
        var idKey: UInt64?
        var promptKey: UInt64?
        var model: String?
    }

    /// Keys of one corpus for pairing: 64-bit FNV-1a of ids and prompts (collisions are
    /// negligible at corpus sizes below billions; exact pairing is done where texts are compared).
    struct PairingKeys {
        var ids: Set<UInt64> = []
        var prompts: Set<UInt64> = []
        var allHaveIDs = true
    }

    /// Inspects each corpus in `corpora` (each a list of paths); corpora after the first are paired
    /// against the first.
    /// - Parameter progress: called with (corpus index, progress) after each batch.
    public static func inspect(
        corpora: [[String]], options: CorpusOptions, normalization: NormalizationOptions = .standard,
        progress: ((Int, ReadProgress) -> Void)? = nil
    ) throws -> [CorpusInspection] {
        var results: [CorpusInspection] = []
        var firstKeys: PairingKeys?
        // Keys of the first corpus are kept only when there is another corpus to pair with.
        let pairing = corpora.count > 1
        for (index, paths) in corpora.enumerated() {
            let reader = try CorpusReader(paths: paths, options: options)
            var inspection = CorpusInspection(paths: paths, summary: CorpusSummary())
            var keys = PairingKeys()
            var pairsByID = 0
            var pairsByPrompt = 0
            var models: [String: Int] = [:]
            inspection.minTokens = Int.max
            let summary = try reader.readTexts(
                worker: {
                    var pipeline = TextPipeline(options: normalization)
                    return { doc in
                        DocumentStats(
                            tokens: pipeline.tokenCount(utf8: doc.text), textBytes: doc.text.count,
                            idKey: doc.hasExplicitID ? StableHash.fnv1a64(doc.id) : nil,
                            promptKey: doc.prompt.map { StableHash.fnv1a64($0) }, model: doc.model)
                    }
                },
                consume: { (stats: [DocumentStats]) in
                    for s in stats {
                        inspection.documents += 1
                        inspection.tokens += s.tokens
                        inspection.minTokens = min(inspection.minTokens, s.tokens)
                        inspection.maxTokens = max(inspection.maxTokens, s.tokens)
                        inspection.textBytes += s.textBytes
                        if s.tokens == 0 { inspection.emptyDocuments += 1 }
                        models[s.model ?? "(none)", default: 0] += 1
                        if let id = s.idKey {
                            inspection.documentsWithID += 1
                            if index == 0 {
                                if pairing { keys.ids.insert(id) }
                            } else if firstKeys?.ids.contains(id) == true {
                                pairsByID += 1
                            }
                        } else {
                            keys.allHaveIDs = false
                        }
                        if let p = s.promptKey {
                            inspection.documentsWithPrompt += 1
                            if index == 0 {
                                if pairing { keys.prompts.insert(p) }
                            } else if firstKeys?.prompts.contains(p) == true {
                                pairsByPrompt += 1
                            }
                        }
                    }
                },
                progress: { p in progress?(index, p) })
            if inspection.documents == 0 { inspection.minTokens = 0 }
            inspection.summary = summary
            inspection.models = capModels(models)
            if index == 0 {
                firstKeys = keys
            } else if let first = firstKeys {
                let useID = first.allHaveIDs && keys.allHaveIDs && pairsByID > 0
                inspection.pairing = CorpusInspection.Pairing(
                    against: 0, byID: pairsByID, byPrompt: pairsByPrompt, method: useID ? "id" : "prompt",
                    pairs: useID ? pairsByID : pairsByPrompt)
            }
            results.append(inspection)
        }
        return results
    }

    static func capModels(_ models: [String: Int], limit: Int = 20) -> [String: Int] {
        guard models.count > limit else { return models }
        let ranked = models.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var out: [String: Int] = [:]
        for (k, v) in ranked.prefix(limit) { out[k] = v }
        out["(other)"] = ranked.dropFirst(limit).reduce(0) { $0 + $1.value }
        return out
    }
}
