import DistillCore
import Foundation
import Testing

/// Ids equal the reference implementations' (tiktoken, Hugging Face tokenizers) on every committed
/// vector (Fixtures/tokenizer-vectors.json, from scripts/tokenizer_vectors.py).
@Suite struct SubwordTokenizerTests {
    struct Vector: Decodable {
        var text: String
        var cl100kBase: [Int]
        var o200kBase: [Int]
        var anthropic: [Int]
        var gpt2: [Int]
        var llama3Split: [String]
        var qwen2Split: [String]
    }

    struct Vectors: Decodable { var vectors: [Vector] }

    static let vectors: [Vector] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("tokenizer-vectors.json")))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try! decoder.decode(Vectors.self, from: data).vectors
    }()

    static func load(_ file: String) throws -> SubwordTokenizer {
        try SubwordTokenizer.load(path: Fixture.path("tokenizers/" + file))
    }

    static let files: [String: String] = [
        "cl100k_base": "cl100k_base.tiktoken.gz", "o200k_base": "o200k_base.tiktoken.gz",
        "anthropic": "anthropic-tokenizer.json.gz", "gpt2": "gpt2-vocab.json.gz",
    ]

    /// Each tokeniser loaded once for the whole suite (loading o200k_base is the slow part in debug builds).
    static let loaded: [String: SubwordTokenizer] = files.mapValues { try! load($0) }

    func expected(_ v: Vector, _ name: String) -> [Int] {
        switch name {
        case "cl100k_base": return v.cl100kBase
        case "o200k_base": return v.o200kBase
        case "anthropic": return v.anthropic
        default: return v.gpt2
        }
    }

    @Test(arguments: ["cl100k_base", "o200k_base", "anthropic", "gpt2"])
    func idsEqualTheReference(name: String) throws {
        let tokenizer = try #require(Self.loaded[name])
        #expect(Self.vectors.count >= 1000)
        var session = SubwordTokenizer.Session(tokenizer)
        var mismatches = 0
        for v in Self.vectors {
            let got = session.encode(v.text)
            if got != expected(v, name) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(name): \(v.text.debugDescription): got \(got), want \(expected(v, name))")
                }
            }
        }
        #expect(mismatches == 0, "\(name): \(mismatches) of \(Self.vectors.count) differ")
    }

    @Test func knownIDs() throws {
        #expect(try #require(Self.loaded["cl100k_base"]).encode("Hello world") == [9906, 1917])
        #expect(try #require(Self.loaded["gpt2"]).encode("Hello world") == [15496, 995])
    }

    @Test(arguments: [PreTokenizer.cl100k, .qwen2])
    func splitsEqualTheReference(pattern: PreTokenizer) {
        var mismatches = 0
        for v in Self.vectors {
            let want = pattern == .cl100k ? v.llama3Split : v.qwen2Split
            if pattern.split(v.text) != want {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("\(pattern): \(v.text.debugDescription): got \(pattern.split(v.text))")
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func decodeRoundTrips() throws {
        let tokenizer = try #require(Self.loaded["o200k_base"])
        for v in Self.vectors.prefix(300) {
            #expect(tokenizer.decode(tokenizer.encode(v.text)) == Array(v.text.utf8))
        }
    }

    @Test func badFilesAreClearErrors() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = dir.appendingPathComponent("mystery.tiktoken").path
        try "IQ== 0\n".write(toFile: unknown, atomically: true, encoding: .utf8)
        let bad = dir.appendingPathComponent("cl100k_base.tiktoken").path
        try "not base64 at all\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let json = dir.appendingPathComponent("tokenizer.json").path
        try #"{"model": {"type": "Unigram"}}"#.write(toFile: json, atomically: true, encoding: .utf8)
        for path in [unknown, bad, json, dir.appendingPathComponent("absent.tiktoken").path] {
            let error = expectDistillError { _ = try SubwordTokenizer.load(path: path) }
            #expect(error.map { "\($0)".contains(URL(fileURLWithPath: path).lastPathComponent) } == true, "\(path)")
        }
    }
}
