import DistillCore
import Foundation
import Testing

/// Hash vectors from DESIGN.md's definitions, computed independently by scripts/text_vectors.py
/// (and, for splitmix64(0) and FNV-1a("hello"), equal to the published reference values).
@Suite struct HashingTests {
    @Test func splitmix64Vectors() {
        #expect(StableHash.splitmix64(0) == 0xE220_A839_7B1D_CDAF)
        #expect(StableHash.splitmix64(1) == 0x910A_2DEC_8902_5CC1)
        #expect(StableHash.splitmix64(UInt64.max) == 0xE4D9_7177_1B65_2C20)
    }

    @Test func fnv1aVectors() {
        #expect(StableHash.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.fnv1a64("hello") == 0xA430_D846_80AA_BD0B)
        #expect(StableHash.fnv1a64("café") == 5_253_592_154_431_032_713)
    }

    @Test func shingleOfFiveWords() {
        let ids = ["the", "quick", "brown", "fox", "jumps"].map { StableHash.fnv1a64($0) }
        #expect(
            ids.map(String.init) == [
                "6266135566914540924", "5435489694742048156", "16895280519694290383",
                "15902916278065163150", "12358925404253056730",
            ])
        #expect(StableHash.shingle(ids) == 14_194_120_346_082_707_135)
    }

    @Test func vectorsFileAgrees() throws {
        let vectors = try TextVectors.load()
        for (input, expected) in vectors.splitmix64 {
            #expect(String(StableHash.splitmix64(UInt64(input)!)) == expected)
        }
        for (input, expected) in vectors.fnv1a64 {
            #expect(String(StableHash.fnv1a64(input)) == expected)
        }
        #expect(String(StableHash.shingle(vectors.shingle.ids.map { UInt64($0)! })) == vectors.shingle.hash)
    }

    @Test func shinglerSlidesWindows() {
        let ids: [UInt64] = [1, 2, 3, 4]
        let h = Shingler.hashes(of: ids, n: 2)
        #expect(h == [StableHash.shingle([1, 2]), StableHash.shingle([2, 3]), StableHash.shingle([3, 4])])
        #expect(Shingler.hashes(of: ids, n: 5).isEmpty)
        #expect(Shingler.hashes(of: ids, n: 5, includeShortTail: true) == [StableHash.shingle(ids)])
    }

    /// Every window of every width and length hashes as the definition says, whichever kernel runs
    /// (eight side by side, AVX-512 vectors where the CPU has them, one at a time for the rest).
    @Test func everyKernelHashesByTheDefinition() {
        var state: UInt64 = 7
        let ids: [UInt64] = (0..<120).map { _ in
            state = StableHash.splitmix64(state)
            return state
        }
        for n in [1, 2, 3, 7, 8, 9, 13, 16, 25] {
            for length in [0, 1, n - 1, n, n + 1, n + 7, n + 8, n + 9, n + 17, 120] where length >= 0 && length <= 120 {
                let slice = Array(ids[0..<length])
                let expected = length < n ? [] : (0...(length - n)).map { StableHash.shingle(slice[$0..<($0 + n)]) }
                #expect(Shingler.hashes(of: slice, n: n) == expected, "n = \(n), \(length) ids")
            }
        }
        #if os(Linux) && arch(x86_64)
            // This machine's answer, so that a log shows which kernel the test ran.
            print("shingle kernel: \(CPUSupport.hasAVX512 ? "AVX-512" : "scalar")")
        #endif
    }
}

/// The vectors written by scripts/text_vectors.py.
struct TextVectors: Decodable {
    struct Case: Decodable {
        var input: String
        var normalized: String
        var tokens: [String]
        var ids: [String]
    }
    struct ShingleVector: Decodable {
        var words: [String]
        var ids: [String]
        var hash: String
    }
    var splitmix64: [String: String]
    var fnv1a64: [String: String]
    var shingle: ShingleVector
    var cases: [Case]

    static func load() throws -> TextVectors {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("text-vectors.json")))
        return try JSONDecoder().decode(TextVectors.self, from: data)
    }
}
