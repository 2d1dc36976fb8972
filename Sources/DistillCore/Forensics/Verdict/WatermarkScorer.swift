import Foundation

/// The watermark signal: the radioactivity test of Sander et al. 2024 ("Watermarking Makes Language
/// Models Radioactive") of the whole suspect corpus under a reference's watermark (``RadioactivityTest``:
/// each distinct (seed, token) tuple scored once, contexts that occur in a document's own prompt
/// skipped; text mode with word ids of the standard normalisation, or token mode with the tokenizer
/// the configuration names, matched by the SHA-256 of its file). Its p-value is exact under the null
/// (text not produced from the key's green lists), so it needs no null from the store; the same test
/// on each other reference's probe documents is reported beside it as a check (`probeLog10P.NAME`).
///
/// The key comes from the store when it was stored with the reference, else from the keys given for
/// this run, matched by fingerprint; without it the signal is not tested.
public struct WatermarkScorer: SignalScorer {
    public var keys: [WatermarkKey]
    /// SynthID key sets for references whose keys the store does not keep (matched by fingerprint).
    public var synthIDKeys: [[Int64]]
    /// Subword tokenizers for token-mode watermarks, by the SHA-256 (hex) of their file.
    public var tokenizers: [String: SubwordTokenizer]

    /// A scorer with this run's watermark keys and token-mode tokenizers.
    /// - Complexity: O(1).
    public init(
        keys: [WatermarkKey] = [], tokenizers: [String: SubwordTokenizer] = [:], synthIDKeys: [[Int64]] = []
    ) {
        self.keys = keys
        self.synthIDKeys = synthIDKeys
        self.tokenizers = tokenizers
    }

    /// Token ids of every text, in order, with one encoder per worker.
    static func encode(_ texts: [String], _ tokenization: WatermarkTokenization, threads: Int) -> [[UInt64]] {
        let chunks = max(1, min(texts.count, threads * 8))
        let parts: [[[UInt64]]] = Parallel.map(count: chunks, threads: threads) { c in
            let encode = tokenization.makeEncoder()
            let range = (c * texts.count / chunks)..<((c + 1) * texts.count / chunks)
            return range.map { encode(texts[$0]) }
        }
        return parts.flatMap { $0 }
    }

    /// The watermark signal.
    /// - Complexity: O(1).
    public func signals(options: ScoringOptions) -> [Signal] { [.watermark] }

    /// A reference's probes as token ids.
    struct ProbeIDs {
        var prompts: [[UInt64]]
        var text: [[UInt64]]
    }

    /// The watermark observation of each reference that has a watermark.
    /// - Complexity: per watermarked reference, O(*T* × *h*) expected for the suspect's *T* tokens and
    ///   context width *h*, and the same test over every other reference's probe tokens; texts are
    ///   tokenised once per tokenization, in parallel.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let refs = source.references
        // Suspect ids per tokenization (nil: text mode), computed once.
        var suspectIDs: [String?: (text: [[UInt64]], prompts: [[UInt64]])] = [:]
        let documents = suspect.corpus.documents
        // Other references' probes as (prompt ids, text ids), per tokenization (nil: text mode) and reference.
        var probeIDs: [String?: [Int: ProbeIDs?]] = [:]
        var out: [SignalObservation] = []
        for r in refs.indices {
            guard let config = try source.watermark(reference: r) else { continue }
            let method =
                "radioactivity test (Sander et al. 2024) under the reference's \(config.scheme) watermark (key "
                + "\(config.keyFingerprint), "
                + (config.deployed.map { d in
                    "vocab_size = \(d.vocabSize ?? 0), gamma = \(d.gamma ?? 0), prefix_length = \(d.prefixLength ?? 0), "
                        + (d.fScheme.map { "f_scheme \($0), " } ?? d.seedingScheme.map { "seeding_scheme \($0), " }
                            ?? "")
                } ?? "h = \(config.contextWidth), \(config.seeding) seeding, ")
                + (config.tokenizerDigest == nil
                    ? "word ids"
                    : "tokens of \(config.tokenizer.map { DistillError.excerpt($0, limit: 80) } ?? "a tokenizer")")
                + "): each distinct "
                + "tuple scored once, contexts of each document's prompt skipped, exact "
                + (config.scheme == WatermarkScheme.gumbel.rawValue ? "Gamma" : "binomial") + " tail"
            let parameters = config.parameters.flatMap { (try? $0.validate()) != nil ? $0 : nil }
            guard parameters != nil || config.deployed != nil else {
                out.append(
                    .untested(
                        .watermark, reference: r, documents: suspect.count, method: method,
                        reason: "the stored watermark configuration is not one this version knows"))
                continue
            }
            let isSynthID = config.scheme == WatermarkScheme.synthID.rawValue
            let synthIDKeySet =
                config.synthIDKeys
                ?? synthIDKeys.first { DeployedWatermark.synthIDKeyFingerprint($0) == config.keyFingerprint }
            let key =
                isSynthID
                ? synthIDKeySet.map { _ in WatermarkKey(0) }
                : config.key.map(WatermarkKey.init) ?? keys.first { $0.fingerprint == config.keyFingerprint }
            guard let key else {
                out.append(
                    .untested(
                        .watermark, reference: r, documents: suspect.count, method: method,
                        reason: "the key of the reference's watermark (fingerprint \(config.keyFingerprint)) was not "
                            + (isSynthID ? "given (its SynthID key set)" : "given"),
                        remedy: isSynthID ? .giveSynthIDKeys : .giveWatermarkKey))
                continue
            }
            let tokenization: WatermarkTokenization
            if let digest = config.tokenizerDigest {
                guard let tokenizer = tokenizers[digest] else {
                    out.append(
                        .untested(
                            .watermark, reference: r, documents: suspect.count, method: method,
                            reason: "the watermark is in token mode: give its tokenizer "
                                + "\(config.tokenizer.map { DistillError.excerpt($0, limit: 80) } ?? "file") "
                                + "(SHA-256 \(digest.prefix(16))…)",
                            remedy: .giveWatermarkTokenizer))
                    continue
                }
                tokenization = .subword(tokenizer)
            } else {
                tokenization = .words(.standard)
            }
            if suspectIDs[config.tokenizerDigest] == nil {
                let text =
                    config.tokenizerDigest == nil
                    ? suspect.corpus.wordIDs : Self.encode(documents.map(\.text), tokenization, threads: threads)
                let prompts = Self.encode(documents.map { $0.prompt ?? "" }, tokenization, threads: threads)
                suspectIDs[config.tokenizerDigest] = (text, prompts)
            }
            let ids = suspectIDs[config.tokenizerDigest]!
            // A deployed scheme (kgw) is rebuilt from the record and the key; its ids must be the model's.
            var deployed: DeployedWatermark?
            if config.deployed != nil {
                deployed =
                    isSynthID
                    ? synthIDKeySet.flatMap { config.deployedWatermark(synthIDKeys: $0) }
                    : config.deployedWatermark(key: key)
                let documents = zip(ids.text, ids.prompts).map { WatermarkDocument(id: "", promptIDs: $1, textIDs: $0) }
                guard let watermark = deployed, (try? watermark.validate(documents)) != nil else {
                    out.append(
                        .untested(
                            .watermark, reference: r, documents: suspect.count, method: method,
                            reason: deployed == nil
                                ? "the stored watermark configuration is not one this version knows"
                                : "the tokenizer gives ids the watermark's model cannot have"))
                    continue
                }
            }
            /// The radioactivity test of texts with their prompts under this reference's watermark.
            func radioactivity(_ text: [[UInt64]], _ prompts: [[UInt64]]) -> RadioactivityTest.Result {
                if let deployed {
                    var test = DeployedRadioactivityTest(watermark: deployed)
                    for (t, p) in zip(text, prompts) { test.add(ids: t, promptIDs: p) }
                    return test.result()
                }
                var test = RadioactivityTest(key: key, parameters: parameters!)
                for (t, p) in zip(text, prompts) { test.add(ids: t, promptIDs: p) }
                return test.result()
            }
            let result = radioactivity(ids.text, ids.prompts)
            var measures: [String: Double] = [
                "tokens": Double(result.score.tokens), "scored": Double(result.score.scored), "z": result.score.z,
            ]
            if let f = result.score.greenFraction { measures["greenFraction"] = f }
            for q in refs.indices where q != r {
                if probeIDs[config.tokenizerDigest, default: [:]][q] == nil {
                    let encoded = try source.probeDocuments(reference: q).map { probes in
                        ProbeIDs(
                            prompts: Self.encode(probes.map { $0.prompt ?? "" }, tokenization, threads: threads),
                            text: Self.encode(probes.map(\.text), tokenization, threads: threads))
                    }
                    probeIDs[config.tokenizerDigest, default: [:]][q] = .some(encoded)
                }
                guard let ids = probeIDs[config.tokenizerDigest]![q]!, !ids.text.isEmpty else { continue }
                if let deployed {
                    let documents = zip(ids.text, ids.prompts).map {
                        WatermarkDocument(id: "", promptIDs: $1, textIDs: $0)
                    }
                    guard (try? deployed.validate(documents)) != nil else { continue }
                }
                measures["probeLog10P." + refs[q].name] = radioactivity(ids.text, ids.prompts).score.log10P
            }
            let s = result.score
            let s0 = deployed?.nullProbability ?? 0
            var detail = "\(s.scored) distinct tuples scored"
            if let f = s.greenFraction {
                detail +=
                    ", \(s.green) green (\(String(format: "%.1f", 100 * f))% against γ = \(parameters?.gamma ?? s0))"
            }
            detail += ", z = \(String(format: "%.2f", s.z))"
            out.append(
                SignalObservation(
                    signal: .watermark, reference: r, suspect: [Double](repeating: 0, count: suspect.count), null: [],
                    floor: 0, method: method,
                    measures: measures, exact: .init(log10PValue: s.scored > 0 ? s.log10P : 0, detail: detail)))
        }
        return out
    }
}
