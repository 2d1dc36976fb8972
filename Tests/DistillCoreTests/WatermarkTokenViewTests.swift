import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// ``WatermarkTokenView``: per-token values are the detectors' own (KGW green flags, SynthID mean
/// g-values over the kept positions, `ds-kgw` flags, `ds-gumbel` scores mapped to [0, 1]), one per
/// token, with the token texts of the tokenization.
@Suite struct WatermarkTokenViewTests {
    static let model = DeployedWatermarkText(vocabularySize: 2000)

    @Test func deployedValuesAreTheDetectorsOwn() throws {
        let kgw = try KGWScheme(vocabularySize: 2000, gamma: 0.5, hashKey: 0xC0FFEE)
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        let synthID = try SynthIDScheme(
            keys: (0..<8).map { _ in Int64(bitPattern: rng.next()) }, ngramLength: 3, samplingTableSize: 1024,
            samplingTableSeed: 5, contextHistorySize: 1024)
        for (watermark, reweight) in [
            (DeployedWatermark.kgw(kgw, ignoreRepeatedNgrams: false), DeployedWatermarkText.kgw(kgw, delta: 2)),
            (.synthID(synthID, mask: .init()), DeployedWatermarkText.synthID(synthID)),
        ] {
            let ids = Self.model.generate(watermark: reweight, count: 1, length: 200, seed: 3)[0]
            let text = ids.map(String.init).joined(separator: " ")
            let view = WatermarkTokenView.make(
                document: "d", text: text, tokenization: .tokenIDs, deployed: watermark)
            #expect(view.tokens.map(\.text) == ids.map(String.init))
            let ints = ids.map { Int($0) }
            switch watermark {
            case .kgw(let scheme, _):
                var cache = KGWGreenListCache(scheme: scheme)
                let flags = KGWDetector(scheme: scheme).greenFlags(ids: ints, cache: &cache)
                #expect(view.tokens.map(\.value) == flags.map { $0.map { $0 ? 1.0 : 0.0 } })
                #expect(view.kind == "green" && view.nullMean == watermark.nullProbability)
                // Watermarked text: clearly more green than γ.
                let scored = view.tokens.compactMap(\.value)
                #expect(scored.reduce(0, +) / Double(scored.count) > 0.6)
            case .synthID(let scheme, let mask):
                let keep = scheme.mask(ids: ints, mask)
                let lead = scheme.ngramLength - 1
                #expect(view.tokens.count == ids.count)
                #expect(view.tokens.prefix(lead).allSatisfy { $0.value == nil })
                #expect(view.tokens.dropFirst(lead).map { $0.value != nil } == keep)
                #expect(view.tokens.compactMap(\.value).allSatisfy { $0 >= 0 && $0 <= 1 })
                let g = scheme.gValues(ids: ints)
                let ones = keep.indices.filter { keep[$0] }.reduce(0) { sum, p in
                    sum + (0..<scheme.depth).reduce(0) { $0 + Int(g[p * scheme.depth + $1]) }
                }
                let total = view.tokens.compactMap(\.value).reduce(0, +) * Double(scheme.depth)
                #expect(abs(total - Double(ones)) < 1e-6)
                #expect(view.kind == "shade")
            }
        }
    }

    @Test func portableValuesAndWordTexts() throws {
        let key = WatermarkKey(0x7E5C_4E12_D157_11A7)
        let text = "The Quick brown fox jumps over the lazy dog, again and again; the end."
        for scheme in [WatermarkScheme.kgw, .gumbel] {
            var parameters = WatermarkParameters()
            parameters.scheme = scheme
            let detector = WatermarkDetector(key: key, parameters: parameters)
            let view = WatermarkTokenView.make(
                document: "w", text: text, tokenization: .words(.standard), detector: detector)
            var pipeline = TextPipeline(options: .standard)
            let ids = pipeline.wordIDs(of: text)
            #expect(view.tokens.count == ids.count)
            #expect(view.tokens.first?.text == "the" && view.separator == " ")
            #expect(view.tokens.prefix(parameters.contextWidth).allSatisfy { $0.value == nil })
            if scheme == .kgw {
                #expect(view.tokens.map(\.value) == detector.greenFlags(ids: ids).map { $0.map { $0 ? 1.0 : 0.0 } })
            } else {
                #expect(view.tokens.dropFirst(parameters.contextWidth).allSatisfy { ($0.value ?? -1) > 0 })
                #expect(view.nullMean == 0.5)
            }
        }
    }
}
