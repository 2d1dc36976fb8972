import DistillCore
import Foundation

/// Seeded token-id text for the deployed watermark schemes' tests: a toy bigram model over ids
/// `0 ..< vocabularySize`, generated plain or watermarked the way the reference packages generate,
/// and the teacher → student radioactivity experiment.
public struct DeployedWatermarkText: Sendable {
    /// One next-token candidate and its (unnormalised) weight.
    public typealias Candidate = (token: Int, weight: Double)
    /// How a watermarking generator reweights the candidates after a context (oldest id first).
    public typealias Reweighting = (_ context: [Int], _ candidates: [Candidate]) -> [Candidate]

    /// The vocabulary size.
    public let vocabularySize: Int

    /// A model over `vocabularySize` ids.
    public init(vocabularySize: Int) { self.vocabularySize = vocabularySize }

    /// After each id, 40 candidates with Zipf weights, both fixed by that id.
    public func candidates(after previous: Int) -> [Candidate] {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(previous) &+ 0xB16_4A11)
        return (1...40).map { rank in (Int.random(in: 0..<vocabularySize, using: &rng), 1 / Double(rank)) }
    }

    static func draw(_ weights: [Candidate], using rng: inout RepeatableRandomNumberGenerator) -> Int {
        var u = Double.random(in: 0..<weights.reduce(0) { $0 + $1.weight }, using: &rng)
        for c in weights {
            u -= c.weight
            if u < 0 { return c.token }
        }
        return weights[weights.count - 1].token
    }

    final class CacheBox {
        var cache: KGWGreenListCache
        init(_ cache: KGWGreenListCache) { self.cache = cache }
    }

    /// KGW generation (Kirchenbauer et al. 2023; MarkLLM's `KGWLogitsProcessor`): the green
    /// candidates' weights × e^δ (δ added to their logits).
    public static func kgw(_ scheme: KGWScheme, delta: Double) -> Reweighting {
        let box = CacheBox(KGWGreenListCache(scheme: scheme))
        return { context, candidates in
            let seed = scheme.seed(context: Array(context.suffix(scheme.prefixLength)))
            return candidates.map { c in
                (c.token, box.cache.isGreen(token: c.token, seed: seed) ? c.weight * exp(delta) : c.weight)
            }
        }
    }

    /// SynthID generation: tournament sampling in its closed form per layer (Dathathri et al. 2024,
    /// Methods; `synthid-text`'s `update_scores`): `p ← p · (1 + g_ℓ − Σ p g_ℓ)` for each layer in order.
    public static func synthID(_ scheme: SynthIDScheme) -> Reweighting {
        { context, candidates in
            let total = candidates.reduce(0) { $0 + $1.weight }
            var p = candidates.map { $0.weight / total }
            let prefix = Array(context.suffix(scheme.ngramLength - 1))
            let g = candidates.map { scheme.gValues(ids: prefix + [$0.token]) }
            for layer in 0..<scheme.depth {
                let mass = zip(p, g).reduce(0) { $0 + $1.0 * Double($1.1[layer]) }
                p = zip(p, g).map { $0 * (1 + Double($1[layer]) - mass) }
            }
            return zip(candidates, p).map { ($0.token, $1) }
        }
    }

    /// `count` texts of `length` ids, each starting with `start` random ids, watermarked by `watermark`.
    public func generate(watermark: Reweighting?, count: Int, length: Int, seed: UInt64, start: Int = 4)
        -> [[UInt64]]
    {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            var ids = (0..<start).map { _ in Int.random(in: 0..<vocabularySize, using: &rng) }
            while ids.count < length {
                let candidates = candidates(after: ids[ids.count - 1])
                ids.append(Self.draw(watermark?(ids, candidates) ?? candidates, using: &rng))
            }
            return ids.map { UInt64($0) }
        }
    }

    /// The radioactivity experiment: a ``TrigramStudent`` trained on 1,500 texts of 100 ids of which
    /// `markedFraction` are the teacher's (watermarked by `teacher`), answering `prompts` plain 10-id
    /// prompts by continuing them with 80 ids.
    public func student(teacher: @escaping Reweighting, markedFraction: Double, seed: UInt64, prompts: Int = 400)
        -> [WatermarkDocument]
    {
        let marked = Int(1500 * markedFraction)
        let training =
            generate(watermark: teacher, count: marked, length: 100, seed: seed &+ 1)
            + generate(watermark: nil, count: 1500 - marked, length: 100, seed: seed &+ 2)
        let student = TrigramStudent(training: training)
        let promptIDs = generate(watermark: nil, count: prompts, length: 10, seed: seed &+ 3)
        var rng = RepeatableRandomNumberGenerator(seed: seed &+ 4)
        return promptIDs.enumerated().map { d, prompt in
            WatermarkDocument(
                id: "d\(d)", promptIDs: prompt, textIDs: student.continuation(of: prompt, length: 80, using: &rng))
        }
    }

    /// Documents as prompt-response JSONL whose fields hold the ids in decimal (`--token-ids`).
    public static func jsonl(_ documents: [WatermarkDocument]) -> String {
        documents.map { d in
            let prompt = d.promptIDs.map(String.init).joined(separator: " ")
            let text = d.textIDs.map(String.init).joined(separator: " ")
            return "{\"id\":\"\(d.id)\",\"prompt\":\"\(prompt)\",\"response\":\"\(text)\"}\n"
        }.joined()
    }
}
