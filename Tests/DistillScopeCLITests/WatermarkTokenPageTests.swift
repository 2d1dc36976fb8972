import Foundation
import Testing

/// `watermark detect --html`: the page of the most significant document (or `--example`), green and red
/// tokens as the detector scores them, hostile text escaped; misuse is exit 2 with a sentence.
@Suite struct WatermarkTokenPageTests {
    static let key = "0x7E5C4E12D15711A7"

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ds-wmpage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func pageShowsTheMostSignificantDocumentTokenByToken() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("tokens.html").path
        let json = dir.appendingPathComponent("detect.json").path
        let result = try CommandRunner.run([
            "watermark", "detect", CommandRunner.sample("student.jsonl.gz"), "--key", Self.key, "--html", page,
            "--json", json,
        ])
        #expect(result.status == 1, "\(result.stderr)")  // the Samples' student is watermarked
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let documents = try #require(report["documents"] as? [[String: Any]])
        // The page's document is the one with the smallest log10 p.
        let best = try #require(
            documents.min {
                (($0["score"] as? [String: Any])?["log10P"] as? Double ?? 0)
                    < (($1["score"] as? [String: Any])?["log10P"] as? Double ?? 0)
            })
        let id = try #require(best["id"] as? String)
        #expect(html.contains("<th>this document</th><td>\(id):"))
        let score = try #require(best["score"] as? [String: Any])
        let green = html.components(separatedBy: "class=\"g\" title=").count - 1
        let red = html.components(separatedBy: "class=\"r\" title=").count - 1
        // Per-token flags without tuple filtering: at least the report's green count (repeats count here).
        #expect(green >= score["green"] as? Int ?? .max)
        #expect(green + red >= score["scored"] as? Int ?? .max)
        #expect(!html.contains("<script"))
    }

    @Test func hostileTextIsEscapedAndExampleChoosesTheDocument() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("c.jsonl").path
        let hostile = #"</span><script>alert(1)</script><img src=x onerror=alert(2)> & \"quoted\" words here"#
        try
            ([
                #"{"id":"a","text":"plain words in a plain text with nothing odd"}"#,
                #"{"id":"b","text":"\#(hostile)"}"#,
            ]
            .joined(separator: "\n") + "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        let page = dir.appendingPathComponent("p.html").path
        for mode in [[String](), ["--tokenizer", CommandRunner.fixture("tokenizers/mistral-v1-tokenizer.json.gz")]] {
            let scheme =
                mode.isEmpty ? ["--key", Self.key] : ["--scheme", "kgw", "--key", "15485863", "--vocab-size", "32000"]
            let result = try CommandRunner.run(
                ["watermark", "detect", corpus, "--html", page, "--example", "b"] + scheme + mode)
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains("<th>this document</th><td>b:"))
            #expect(!html.contains("<script") && !html.contains("<img"))
            #expect(html.contains("&lt;"))
        }
    }

    @Test func misuseIsAUsageError() throws {
        let sample = CommandRunner.sample("student.jsonl.gz")
        let cases: [([String], String?, String)] = [
            (["--html", "/tmp/x.html", "--example", "no-such-id", sample], nil, "no document with that id"),
            (["--example", "q0001", sample], nil, "--example needs --html"),
            (["--html", "/tmp/x.html", "-"], sample, "not standard input"),
        ]
        for (arguments, stdin, reason) in cases {
            let result = try CommandRunner.run(
                ["watermark", "detect", "--key", Self.key] + arguments, stdinPath: stdin)
            #expect(result.status == 2, "\(arguments): \(result.status)")
            #expect(result.stderr.contains(reason), "\(result.stderr)")
        }
    }
}
