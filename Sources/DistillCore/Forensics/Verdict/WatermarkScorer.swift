import Foundation

/// The watermark signal: the radioactivity test of Sander et al. 2024 ("Watermarking Makes Language
/// Models Radioactive") of the whole suspect corpus under a reference's watermark (``RadioactivityTest``:
/// each distinct (seed, token) tuple scored once, contexts that occur in the suspect's prompts
/// skipped; text mode, word ids of the standard normalisation). Its p-value is exact under the null
/// (text not produced from the key's green lists), so it needs no null from the store; the same test
/// on each other reference's probe documents is reported beside it as a check (`probeLog10P.NAME`).
///
/// The key comes from the store when it was stored with the reference, else from the keys given for
/// this run, matched by fingerprint; without it the signal is not tested.
public struct WatermarkScorer: SignalScorer {
    public var keys: [WatermarkKey]

    public init(keys: [WatermarkKey] = []) { self.keys = keys }

    public func signals(options: ScoringOptions) -> [Signal] { [.watermark] }

    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let refs = source.references
        var promptIDs: [[UInt64]]?
        var out: [SignalObservation] = []
        for r in refs.indices {
            guard let config = try source.watermark(reference: r) else { continue }
            let method =
                "radioactivity test (Sander et al. 2024) under the reference's \(config.scheme) watermark (key "
                + "\(config.keyFingerprint), h = \(config.contextWidth), \(config.seeding) seeding): each distinct "
                + "tuple scored once, prompt contexts skipped, exact "
                + (config.scheme == WatermarkScheme.kgw.rawValue ? "binomial" : "Gamma") + " tail"
            guard let parameters = config.parameters, (try? parameters.validate()) != nil else {
                out.append(
                    .untested(
                        .watermark, reference: r, documents: suspect.count, method: method,
                        reason: "the stored watermark configuration is not one this version knows"))
                continue
            }
            let key =
                config.key.map(WatermarkKey.init) ?? keys.first { $0.fingerprint == config.keyFingerprint }
            guard let key else {
                out.append(
                    .untested(
                        .watermark, reference: r, documents: suspect.count, method: method,
                        reason: "the key of the reference's watermark (fingerprint \(config.keyFingerprint)) was not "
                            + "given (--watermark-key)"))
                continue
            }
            if promptIDs == nil {
                let documents = suspect.corpus.documents
                promptIDs = Parallel.map(count: documents.count, threads: threads) { d in
                    var pipeline = TextPipeline(options: .standard)
                    return documents[d].prompt.map { pipeline.wordIDs(of: $0) } ?? []
                }
            }
            var test = RadioactivityTest(key: key, parameters: parameters)
            for ids in promptIDs! { test.excludeContexts(ofPrompt: ids) }
            for ids in suspect.corpus.wordIDs { test.add(ids: ids) }
            let result = test.result()
            var measures: [String: Double] = [
                "tokens": Double(result.score.tokens), "scored": Double(result.score.scored), "z": result.score.z,
            ]
            if let f = result.score.greenFraction { measures["greenFraction"] = f }
            for q in refs.indices where q != r {
                guard let probeIDs = try source.probeWordIDs(reference: q), !probeIDs.isEmpty else { continue }
                var probeTest = RadioactivityTest(key: key, parameters: parameters)
                if let documents = try source.probeDocuments(reference: q) {
                    var pipeline = TextPipeline(options: .standard)
                    for d in documents {
                        probeTest.excludeContexts(ofPrompt: d.prompt.map { pipeline.wordIDs(of: $0) } ?? [])
                    }
                }
                for ids in probeIDs { probeTest.add(ids: ids) }
                measures["probeLog10P." + refs[q].name] = probeTest.result().score.log10P
            }
            let s = result.score
            var detail = "\(s.scored) distinct tuples scored"
            if let f = s.greenFraction {
                detail += ", \(s.green) green (\(String(format: "%.1f", 100 * f))% against γ = \(parameters.gamma))"
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
