import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The Samples' watermark: ds-kgw, K = 0x7E5C4E12D15711A7, γ = 0.25, h = 1, chain (Samples/README.md).
enum SampleWatermark {
    static let key = WatermarkKey(0x7E5C_4E12_D157_11A7)
    static let parameters = WatermarkParameters(scheme: .kgw, gamma: 0.25, contextWidth: 1, seeding: .chain)

    static var samplesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").path
    }

    static func read(_ name: String) throws -> [WatermarkDocument] {
        try WatermarkCorpus.read(
            paths: [samplesDirectory + "/" + name], options: CorpusOptions(threads: 2),
            tokenization: .words(.standard), prompts: true
        ).documents
    }
}

@Suite struct WatermarkDetectorTests {
    struct Vectors: Decodable {
        struct Doc: Decodable {
            var id: String
            var ids: [String]
            var green: [Bool?]
            var greenDedup: Int
            var scoredDedup: Int
        }
        var keyDecimal: String
        var greenLimit: String
        var documents: [Doc]
    }

    @Test func agreesWithTheSamplesGenerator() throws {
        let url = URL(fileURLWithPath: SampleWatermark.samplesDirectory + "/watermark-vectors.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let vectors = try decoder.decode(Vectors.self, from: Data(contentsOf: url))
        #expect(UInt64(vectors.keyDecimal) == SampleWatermark.key.value)
        #expect(vectors.greenLimit == "0x4000000000000000")
        #expect(SampleWatermark.parameters.greenLimit == 0x4000_0000_0000_0000)
        let teacher = try SampleWatermark.read("teacher.jsonl.gz")
        let detector = WatermarkDetector(key: SampleWatermark.key, parameters: SampleWatermark.parameters)
        #expect(vectors.documents.count == 3)
        for (doc, vector) in zip(teacher, vectors.documents) {
            #expect(doc.id == vector.id)
            #expect(doc.textIDs == vector.ids.map { UInt64($0)! })
            #expect(detector.greenFlags(ids: doc.textIDs) == vector.green)
            let score = detector.score(ids: doc.textIDs)
            #expect(score.scored == vector.scoredDedup)
            #expect(score.green == vector.greenDedup)
        }
    }

    @Test func definitionsFollowDesign() {
        // An independent spelling of DESIGN.md's seeding rules, checked on random contexts.
        let key = WatermarkKey(0x1234_5678_9ABC_DEF0)
        var rng = RepeatableRandomNumberGenerator(seed: 11)
        for h in [1, 2, 3, 5] {
            let ids = (0..<40).map { _ in rng.next() }
            for seeding in WatermarkSeeding.allCases {
                let prf = WatermarkPRF(key: key, parameters: WatermarkParameters(contextWidth: h, seeding: seeding))
                for i in h..<ids.count {
                    let context = Array(ids[(i - h)..<i])
                    var s: UInt64
                    if seeding == .chain {
                        s = key.value
                        for c in context { s = StableHash.splitmix64(s ^ c) }
                    } else {
                        s = context.map { StableHash.splitmix64(key.value ^ $0) }.min()!
                    }
                    #expect(prf.seed(context: context) == s)
                    let v = StableHash.splitmix64(s ^ ids[i])
                    #expect(prf.isGreen(seed: s, token: ids[i]) == (v < 0x4000_0000_0000_0000))
                    #expect(
                        prf.gumbelScore(seed: s, token: ids[i]) == -log(1 - Double(v >> 11) / 9_007_199_254_740_992))
                }
            }
        }
        // h = 1: chain and min agree; min is order-free for h = 2.
        let chain = WatermarkPRF(key: key, parameters: WatermarkParameters(seeding: .chain))
        let min1 = WatermarkPRF(key: key, parameters: WatermarkParameters(seeding: .min))
        #expect(chain.seed(context: [42]) == min1.seed(context: [42]))
        let min2 = WatermarkPRF(key: key, parameters: WatermarkParameters(contextWidth: 2, seeding: .min))
        #expect(min2.seed(context: [1, 2]) == min2.seed(context: [2, 1]))
        #expect(WatermarkParameters(gamma: 0.5).greenLimit == 0x8000_0000_0000_0000)
    }

    @Test func repeatedTuplesAreScoredOnce() {
        let detector = WatermarkDetector(key: WatermarkKey(5), parameters: WatermarkParameters())
        let ids: [UInt64] = [1, 2, 1, 2, 1, 2, 3]
        #expect(detector.score(ids: ids).scored == 3)  // (1,2), (2,1), (2,3)
        var all = detector
        all.ignoreRepeatedTuples = false
        #expect(all.score(ids: ids).scored == 6)
    }

    @Test func keysAreParsedAndNeverPrinted() throws {
        let key = try WatermarkKey(parsing: " 0x7E5C4E12D15711A7\n")
        #expect(key == SampleWatermark.key)
        #expect(try WatermarkKey(parsing: "9105238389364822439") == key)
        #expect(!"\(key)".contains("7E5C") && !"\(key)".lowercased().contains("7e5c"))
        #expect(!"\(key)".contains("9105238389364822439"))
        #expect(key.fingerprint.count == 8)
        let error = expectDistillError { _ = try WatermarkKey(parsing: "0xZZ") }
        #expect(error.map { !"\($0)".contains("ZZ") } == true)
    }

    @Test func samplesTeacherIsDetected() throws {
        let detector = WatermarkDetector(key: SampleWatermark.key, parameters: SampleWatermark.parameters)
        for (name, expectWatermark) in [("teacher.jsonl.gz", true), ("control.jsonl.gz", false)] {
            let docs = try SampleWatermark.read(name)
            let log10Ps = docs.map { detector.score(ids: $0.textIDs).log10P }
            let median = Distribution(log10Ps).median
            if expectWatermark {
                #expect(median < -6, "\(name): median log10 p \(median)")
            } else {
                #expect(median > -2, "\(name): median log10 p \(median)")
            }
        }
    }

    @Test func samplesRadioactivityMatchesTheGenerator() throws {
        // Samples/README.md: teacher N = 10023 S = 3996, student N = 9161 S = 3794, control N = 12771 S = 3210.
        let expected = [
            ("teacher.jsonl.gz", 10023, 3996), ("student.jsonl.gz", 9161, 3794), ("control.jsonl.gz", 12771, 3210),
        ]
        for (name, n, s) in expected {
            let docs = try SampleWatermark.read(name)
            var test = RadioactivityTest(key: SampleWatermark.key, parameters: SampleWatermark.parameters)
            for doc in docs { test.excludeContexts(ofPrompt: doc.promptIDs) }
            for doc in docs { test.add(ids: doc.textIDs) }
            let result = test.result()
            #expect(result.score.scored == n && result.score.green == s, "\(name)")
            if name == "student.jsonl.gz" { #expect(result.score.log10P < -10) }
            if name == "control.jsonl.gz" { #expect(result.score.log10P > -2) }
            #expect(result.curve.last?.scored == n)
            #expect(result.curve.map(\.scored) == result.curve.map(\.scored).sorted())
        }
    }
}
