import DistillCore
import Foundation
import Testing

@testable import DistillReport

@Suite struct ReportMappingTests {
    @Test func evidenceContextCutsAtWhiteSpaceAndMarksTheQuote() {
        let context = EvidenceContext(characters: 12)
        let document = "one two three four five SHARED WORDS HERE six seven eight nine ten"
        let segments = context.segments(of: "SHARED WORDS HERE", in: document)
        #expect(segments.map(\.shared) == [false, true, false])
        #expect(segments[1].text == "SHARED WORDS HERE")
        #expect(segments[0].text == "… four five ")
        #expect(segments[2].text == " six seven…")
        #expect(context.segments(of: "not in it", in: document) == [.init("not in it", shared: true)])
        #expect(context.segments(of: "x", in: nil) == [.init("x", shared: true)])
        // A quote the engine cut short ends in "…": found without it, and no context after it.
        let cut = context.segments(of: "SHARED WO…", in: document)
        #expect(cut.map(\.shared) == [false, true])
        let whole = context.segments(of: "one two", in: "one two")
        #expect(whole == [.init("one two", shared: true)])
    }

    @Test func directoryInputsHashTheManifestOfTheirFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ds-hash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{\"text\": \"b file\"}\n".utf8).write(to: dir.appendingPathComponent("b.jsonl"))
        try Data("{\"text\": \"a file\"}\n".utf8).write(to: dir.appendingPathComponent("a.jsonl"))
        let corpus = try CorpusFingerprinter.fingerprint(
            paths: [dir.path], corpusOptions: CorpusOptions(threads: 1),
            options: FingerprintOptions(
                shingleWidth: 5, permutations: 128, seed: 1, keepWordIDs: false, keepText: false))
        let input = try ReportInputHasher.input(role: "suspect", path: dir.path, summary: corpus.summary)
        let files = try #require(input.files)
        #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.jsonl", "b.jsonl"])
        #expect(input.documents == 2 && input.bytes == files.reduce(0) { $0 + $1.bytes })
        let manifest = files.map { "\($0.sha256!)  \($0.path)\n" }.joined()
        #expect(input.sha256 == SHA256.hex(of: Array(manifest.utf8)))
        #expect(files[0].sha256 == SHA256.hex(of: Array("{\"text\": \"a file\"}\n".utf8)))
    }
}
