import Foundation
import Testing

/// End to end: hostile record ids, file names, reference names and descriptions never reach the
/// terminal as raw control characters (ESC, BEL, OSC, CSI, bidi overrides) in `score`, `scan`,
/// `inspect`, `index list` or errors; they are shown as visible escapes.
@Suite struct TerminalSafetyTests {
    /// Bytes a terminal acts on: C0 controls but tab and line feed, DEL, C1 (as UTF-8) and bidi overrides.
    static func controls(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        return text.unicodeScalars.compactMap { s -> String? in
            switch s.value {
            case 0x0A, 0x09: return nil
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: return String(s.value, radix: 16)
            default: return nil
            }
        }
    }

    static let osc = "\u{1B}]0;pwned\u{07}"
    static let csi = "\u{1B}[2J\u{9B}31m"
    static let bidi = "\u{202E}txt.exe"

    @Test func hostileNamesAreEscapedEverywhere() throws {
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("refs.db").path
        let hostileFile = dir.appendingPathComponent("data\(Self.csi).jsonl").path
        // Ten records whose ids and texts carry terminal controls.
        let records = (0..<10).map { i in
            let id = "id\(i)\(Self.osc)\(Self.bidi)"
            let text = "Answer \(i) \(Self.csi) with words about sailing and storms and the sea, number \(i)."
            let object = try! JSONSerialization.data(withJSONObject: ["id": id, "text": text], options: [.sortedKeys])
            return String(decoding: object, as: UTF8.self)
        }.joined(separator: "\n")
        try records.write(toFile: hostileFile, atomically: true, encoding: .utf8)
        var results: [(String, CommandResult)] = []
        // A name with controls is refused before any work, and the error shows it escaped.
        let refused = try CommandRunner.run(["index", "add", "ref\(Self.osc)", hostileFile, "--store", store])
        #expect(refused.status == 2 && refused.stderr.contains("ref\\u{1b}]0;pwned\\u{7}"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("n-gram sets"), "\(refused.stderr)")
        results.append(("refused name", refused))
        results.append(
            (
                "index add",
                try CommandRunner.run([
                    "index", "add", "ref", hostileFile, "--store", store, "--description", "desc\(Self.csi)",
                ])
            ))
        results.append(
            (
                "index add control",
                try CommandRunner.run([
                    "index", "add", "control", CommandRunner.sample("control.jsonl.gz"), "--store", store,
                ])
            ))
        results.append(("index list", try CommandRunner.run(["index", "list", "--store", store])))
        results.append(("inspect", try CommandRunner.run(["inspect", hostileFile])))
        results.append(("score", try CommandRunner.run(["score", hostileFile, "--store", store])))
        results.append(("scan", try CommandRunner.run(["scan", hostileFile, "--store", store])))
        results.append(("missing file", try CommandRunner.run(["inspect", hostileFile + "\(Self.osc)missing"])))
        let broken = dir.appendingPathComponent("bad\(Self.osc).jsonl").path
        try "{\"id\": \"x\u{1B}[31m\", \"text\": 5}\n".write(toFile: broken, atomically: true, encoding: .utf8)
        results.append(("bad record", try CommandRunner.run(["inspect", broken])))
        for (label, r) in results {
            #expect(Self.controls(r.stdoutData).isEmpty, "\(label) stdout: \(Self.controls(r.stdoutData))")
            #expect(
                Self.controls(Data(r.stderr.utf8)).isEmpty, "\(label) stderr: \(Self.controls(Data(r.stderr.utf8)))")
        }
        let byLabel = Dictionary(results.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        // The description is still there, visibly escaped.
        #expect(
            byLabel["index list"]?.stdout.contains("desc\\u{1b}[2J\\u{9b}31m") == true,
            "\(byLabel["index list"]?.stdout ?? "")")
        #expect(byLabel["missing file"]?.status == 2 && byLabel["bad record"]?.status == 2)
    }
}
