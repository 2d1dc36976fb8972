import Foundation
import Testing

@testable import DistillCore

/// The deployed watermark schemes agree with the reference packages on every committed vector
/// (Fixtures/watermark-deployed-vectors.json.gz, from scripts/watermark_vectors.py: torch's CPU
/// randperm, MarkLLM's KGW green lists and z-scores, lm-watermarking's simple_1 with and without
/// ignore_repeated_ngrams, SynthID-Text's g-values, repetition masks and mean scores).
@Suite struct WatermarkDeployedTests {
    struct Vectors: Decodable {
        struct Versions: Decodable { var torch, markllm, synthidText: String }
        struct Randperm: Decodable {
            var n: Int
            var seed: UInt64
            var digest: String
            var head: [Int32]
        }
        struct GreenLists: Decodable {
            var scheme: String
            var vocabularySize: Int
            var hashKey: UInt64
            var prefixLength: Int
            var contextFunction: String
            var gamma: Double
            var contexts: [[Int]]
            var digests: [String]
            var fullLists: [[Int32]]
        }
        struct Counted: Decodable {
            var scored: Int
            var green: Int
            var z: Double
        }
        struct KGWScore: Decodable {
            var vocabularySize: Int
            var hashKey: UInt64
            var gamma: Double
            var watermarked: Bool
            var ids: [Int]
            var z: Double
            var green: Int
            var lmWatermarkingAll: Counted
            var lmWatermarkingUnique: Counted
        }
        struct SynthIDConfig: Decodable {
            var keys: [Int64]
            var ngramLength: Int
            var samplingTableSize: Int
            var samplingTableSeed: UInt64
            var contextHistorySize: Int
        }
        struct Scores: Decodable {
            var mean: Double
            var weightedMean: Double
        }
        struct SynthIDDocument: Decodable {
            var ids: [Int]
            var eosTokenID: Int?
            var rows: Int
            var gDigest: String
            var repetitionMask: String
            var g: [String]?
            var masked: Scores?
            var unmasked: Scores?
        }
        struct SynthIDSet: Decodable {
            var config: SynthIDConfig
            var tableDigest: String
            var documents: [SynthIDDocument]
        }
        var versions: Versions
        var randperm: [Randperm]
        var kgwGreenLists: [GreenLists]
        var kgwScores: [KGWScore]
        var synthid: [SynthIDSet]
    }

    static let vectors: Vectors = {
        let data = try! SubwordTokenizer.readFile(Fixture.path("watermark-deployed-vectors.json.gz"))
        return try! JSONDecoder().decode(Vectors.self, from: data)
    }()

    /// FNV-1a 64 over bytes, as hex (the script's digest).
    static func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        if let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            for i in 0..<bytes.count { h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func fnv1a64(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { fnv1a64($0) } }

    /// The digest of ids as little-endian Int32 bytes (the test machines are little-endian).
    static func digest(_ ids: [Int32]) -> String {
        precondition(1.littleEndian == 1)
        return ids.withUnsafeBytes { fnv1a64($0) }
    }

    static func scheme(_ g: Vectors.GreenLists) throws -> KGWScheme {
        let seeding: KGWScheme.Seeding =
            g.scheme == "markllm"
            ? .markLLM(KGWScheme.ContextFunction(rawValue: g.contextFunction)!) : .lmWatermarkingAdditive
        return try KGWScheme(
            vocabularySize: g.vocabularySize, gamma: g.gamma, hashKey: g.hashKey, prefixLength: g.prefixLength,
            seeding: seeding)
    }

    @Test func randpermMatchesTorch() throws {
        #expect(!Self.vectors.randperm.isEmpty)
        for v in Self.vectors.randperm {
            let perm = try TorchCPURandom.randperm(v.n, seed: v.seed)
            #expect(Self.digest(perm) == v.digest, "n \(v.n) seed \(v.seed)")
            #expect(Array(perm.prefix(v.head.count)) == v.head, "n \(v.n) seed \(v.seed)")
            let prefix = try TorchCPURandom.randpermPrefix(v.n, count: v.n / 3, seed: v.seed)
            #expect(prefix == Array(perm.prefix(v.n / 3)))
        }
    }

    @Test func randintMatchesTorchSamplingTable() throws {
        // SynthID-Text's default table: torch.randint(0, 2, (65536,), generator=manual_seed(0)).
        let table = try TorchCPURandom.randint(low: 0, high: 2, count: 65536, seed: 0).map { UInt8($0) }
        #expect(Self.fnv1a64(table) == Self.vectors.synthid[0].tableDigest)
    }

    /// Every green list of every group (3–4 keys × 2 vocabulary sizes × up to 1,000 contexts, MarkLLM's
    /// four context functions and lm-watermarking's simple_1) has the reference digest; a few are
    /// compared in full. Groups run two at a time.
    @Test func greenListsMatchReference() throws {
        let groups = Self.vectors.kgwGreenLists
        #expect(groups.count >= 12)
        let mismatches = UnsafeMutableBufferPointer<Int>.allocate(capacity: groups.count)
        defer { mismatches.deallocate() }
        mismatches.initialize(repeating: 0)
        let schemes = try groups.map(Self.scheme)
        nonisolated(unsafe) let slots = mismatches
        DispatchQueue.concurrentPerform(iterations: groups.count) { gi in
            let g = groups[gi]
            var bad = 0
            for (context, digest) in zip(g.contexts, g.digests)
            where Self.digest(schemes[gi].greenList(context: context)) != digest {
                bad += 1
            }
            for (context, full) in zip(g.contexts, g.fullLists) where schemes[gi].greenList(context: context) != full {
                bad += 1
            }
            slots[gi] = bad
        }
        var contexts = 0
        for (gi, g) in groups.enumerated() {
            contexts += g.contexts.count
            #expect(
                mismatches[gi] == 0,
                "\(g.scheme) \(g.contextFunction) h=\(g.prefixLength) V=\(g.vocabularySize) γ=\(g.gamma)")
        }
        #expect(contexts >= 6000)
    }

    /// MarkLLM's z-scores and green counts, and lm-watermarking's with and without
    /// ignore_repeated_ngrams, on 210 sequences (a third watermarked by MarkLLM's logits processor).
    @Test func kgwScoresMatchReference() throws {
        let records = Self.vectors.kgwScores
        #expect(records.count >= 200)
        var caches: [String: KGWGreenListCache] = [:]
        for r in records {
            let markLLM = try KGWScheme(vocabularySize: r.vocabularySize, gamma: r.gamma, hashKey: r.hashKey)
            let lm = try KGWScheme(
                vocabularySize: r.vocabularySize, gamma: r.gamma, hashKey: r.hashKey, seeding: .lmWatermarkingAdditive)
            let tag = "\(r.vocabularySize)/\(r.hashKey)/\(r.gamma)"
            var cache = caches["m" + tag] ?? KGWGreenListCache(scheme: markLLM)
            let score = try KGWDetector(scheme: markLLM).score(ids: r.ids, cache: &cache)
            caches["m" + tag] = cache
            #expect(score.green == r.green)
            #expect(abs(score.z - r.z) <= 1e-9, "z \(score.z) vs \(r.z)")
            var lmCache = caches["l" + tag] ?? KGWGreenListCache(scheme: lm)
            for (ignore, expected) in [(false, r.lmWatermarkingAll), (true, r.lmWatermarkingUnique)] {
                let s = try KGWDetector(scheme: lm, ignoreRepeatedNgrams: ignore).score(ids: r.ids, cache: &lmCache)
                #expect(s.scored == expected.scored && s.green == expected.green, "ignore \(ignore)")
                #expect(abs(s.z - expected.z) <= 1e-9)
            }
            caches["l" + tag] = lmCache
        }
        // The watermarked third is detected, the rest is not.
        let watermarked = records.filter(\.watermarked)
        #expect(watermarked.allSatisfy { $0.z > 2 })
    }

    @Test func synthIDMatchesReference() throws {
        #expect(Self.vectors.synthid.count >= 3)
        var documents = 0
        for set in Self.vectors.synthid {
            let c = set.config
            let scheme = try SynthIDScheme(
                keys: c.keys, ngramLength: c.ngramLength, samplingTableSize: c.samplingTableSize,
                samplingTableSeed: c.samplingTableSeed, contextHistorySize: c.contextHistorySize)
            #expect(Self.fnv1a64(scheme.samplingTable) == set.tableDigest)
            for doc in set.documents {
                documents += 1
                let g = scheme.gValues(ids: doc.ids)
                #expect(g.count == doc.rows * scheme.depth)
                #expect(Self.fnv1a64(g) == doc.gDigest)
                if let rows = doc.g {
                    let mine = (0..<doc.rows).map { p in
                        String(g[(p * scheme.depth)..<((p + 1) * scheme.depth)].map { Character(String($0)) })
                    }
                    #expect(mine == rows)
                }
                let rep = scheme.contextRepetitionMask(ids: doc.ids).map { $0 ? "1" : "0" }.joined()
                #expect(rep == doc.repetitionMask)
                if let expected = doc.masked {
                    let mask = SynthIDScheme.ScoringMask(ignoreRepeatedContexts: true, eosTokenID: doc.eosTokenID)
                    #expect(abs(scheme.meanScore(ids: doc.ids, mask: mask) - expected.mean) <= 1e-9)
                    #expect(abs(scheme.weightedMeanScore(ids: doc.ids, mask: mask) - expected.weightedMean) <= 1e-9)
                }
                if let expected = doc.unmasked {
                    let mask = SynthIDScheme.ScoringMask(ignoreRepeatedContexts: false)
                    #expect(abs(scheme.meanScore(ids: doc.ids, mask: mask) - expected.mean) <= 1e-9)
                    #expect(abs(scheme.weightedMeanScore(ids: doc.ids, mask: mask) - expected.weightedMean) <= 1e-9)
                }
            }
        }
        #expect(documents >= 200)
    }

    @Test func parametersAreValidated() {
        #expect(throws: DistillError.self) { try KGWScheme(vocabularySize: 0) }
        #expect(throws: DistillError.self) { try KGWScheme(vocabularySize: 100, gamma: 1) }
        #expect(throws: DistillError.self) { try SynthIDScheme(keys: []) }
        #expect(throws: DistillError.self) { try KGWDetector(scheme: KGWScheme(vocabularySize: 100)).score(ids: [3]) }
    }
}
