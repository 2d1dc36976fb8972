import DistillCore
import Foundation
import Testing

/// A SentencePiece-style `tokenizer.json` (Mistral v0.1's pieces, byte fallback) in its three published
/// forms gives the ids of Hugging Face `tokenizers` on every committed vector
/// (Fixtures/sentencepiece-vectors.json, from scripts/sentencepiece_vectors.py).
@Suite struct SentencePieceTokenizerTests {
    struct Vector: Decodable {
        var text: String
        var legacy: [Int]
        var metaspace: [Int]
        var metaspaceSplit: [Int]

        enum CodingKeys: String, CodingKey {
            case text, legacy, metaspace
            case metaspaceSplit = "metaspace-split"
        }
    }

    struct Vectors: Decodable { var vectors: [Vector] }

    static let vectors: [Vector] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("sentencepiece-vectors.json")))
        return try! JSONDecoder().decode(Vectors.self, from: data).vectors
    }()

    static let file = Fixture.path("tokenizers/mistral-v1-tokenizer.json.gz")

    /// The committed (legacy) file with its normalizer and pre-tokenizer replaced, written to a temporary
    /// file. The JSON is edited as text: a JSONSerialization round trip would drop the U+FEFF that starts
    /// one of the vocabulary's keys.
    static func variant(_ form: String, in directory: URL) throws -> String {
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "gzip -dc \"$0\"", file]
        let pipe = Pipe()
        reader.standardOutput = pipe
        try reader.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        let legacy =
            #""normalizer":{"type":"Sequence","normalizers":[{"type":"Prepend","prepend":"\#u{2581}"},"#
            + #"{"type":"Replace","pattern":{"String":" "},"content":"\#u{2581}"}]},"pre_tokenizer":null"#
        let metaspace =
            form == "metaspace"
            ? #"{"type":"Metaspace","replacement":"\#u{2581}","prepend_scheme":"first","split":false}"#
            : #"{"type":"Metaspace","replacement":"\#u{2581}","prepend_scheme":"always","split":true}"#
        #expect(text.contains(legacy))
        let path = directory.appendingPathComponent(form + "-tokenizer.json").path
        try text.replacingOccurrences(of: legacy, with: #""normalizer":null,"pre_tokenizer":"# + metaspace).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func idsEqualTokenizersInEveryForm() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.vectors.count >= 1000)
        let forms: [(String, SubwordTokenizer, KeyPath<Vector, [Int]>)] = [
            ("legacy", try SubwordTokenizer.load(path: Self.file), \.legacy),
            ("metaspace", try SubwordTokenizer.load(path: try Self.variant("metaspace", in: directory)), \.metaspace),
            (
                "metaspace-split", try SubwordTokenizer.load(path: try Self.variant("metaspace-split", in: directory)),
                \.metaspaceSplit
            ),
        ]
        for (name, tokenizer, want) in forms {
            #expect(tokenizer.isSentencePiece)
            #expect(tokenizer.vocabularySize == 32000)
            var session = SubwordTokenizer.Session(tokenizer)
            var mismatches = 0
            for v in Self.vectors {
                let got = session.encode(v.text)
                if got != v[keyPath: want] {
                    mismatches += 1
                    if mismatches <= 5 {
                        Issue.record("\(name): \(v.text.debugDescription): got \(got), want \(v[keyPath: want])")
                    }
                }
            }
            #expect(mismatches == 0, "\(name): \(mismatches) of \(Self.vectors.count) differ")
        }
    }

    @Test func decodingGivesTheTextBackWithItsPrefixSpace() throws {
        let tokenizer = try SubwordTokenizer.load(path: Self.file)
        for text in ["Hello world", "naïve café 你好 😀", "tab\tand\nnewline", "x²"] {
            #expect(String(decoding: tokenizer.decode(tokenizer.encode(text)), as: UTF8.self) == " " + text)
        }
        // 🤖 is not a piece: ▁ and four byte-fallback tokens.
        let emoji = tokenizer.encode("🤖")
        #expect(emoji.count == 5)
    }

    /// A vocabulary with a piece that spans a `▁` after another scalar ("a▁b") is encoded as one word:
    /// splitting it into runs would miss that merge.
    @Test func piecesAcrossAMarkerKeepTheTextOneWord() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = "\u{2581}"
        let json: [String: Any] = [
            "normalizer": ["type": "Replace", "pattern": ["String": " "], "content": marker],
            "model": [
                "type": "BPE", "byte_fallback": true,
                "vocab": [marker: 0, "a": 1, "b": 2, "a" + marker: 3, "a" + marker + "b": 4, marker + "b": 5],
                "merges": ["a " + marker, "a\(marker) b", marker + " b"],
            ],
        ]
        let path = directory.appendingPathComponent("cross-tokenizer.json").path
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let tokenizer = try SubwordTokenizer.load(path: path)
        #expect(tokenizer.encode("a b") == [4])
        // b ▁ a ▁ b: "a ▁" (rank 0) first, then "a▁ b" (rank 1) takes the last b before "▁ b" (rank 2) can.
        #expect(tokenizer.encode("b a b") == [2, 0, 4])
    }

    @Test func unsupportedFormsAreClearErrors() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base: [String: Any] = [
            "model": ["type": "BPE", "byte_fallback": true, "vocab": ["a": 0, "b": 1, "ab": 2], "merges": ["a b"]]
        ]
        let cases: [(normalizer: Any, pre: Any, reason: String)] = [
            (NSNull(), NSNull(), "no Replace or Metaspace"),
            (["type": "Lowercase"], NSNull(), "unsupported normalizer Lowercase"),
            (NSNull(), ["type": "Whitespace"], "unsupported pre_tokenizer Whitespace"),
        ]
        for (i, c) in cases.enumerated() {
            var json = base
            json["normalizer"] = c.normalizer
            json["pre_tokenizer"] = c.pre
            let path = directory.appendingPathComponent("t\(i)-tokenizer.json").path
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
            let error = expectDistillError { _ = try SubwordTokenizer.load(path: path) }
            #expect("\(error.map { "\($0)" } ?? "")".contains(c.reason), "\(String(describing: error))")
        }
    }
}
