import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// The one-call watermark entry points (``RadioactivityTest/run(suspect:teacher:key:parameters:options:alpha:corpus:tokenization:progress:)``
/// and ``WatermarkDetector/detect(paths:key:parameters:ignoreRepeatedTuples:alpha:corpus:tokenization:progress:)``)
/// on small seeded corpora written as JSONL: they give what the underlying pieces give, and they
/// decide right on watermarked and plain text.
@Suite struct WatermarkEntryPointTests {
    static let key = WatermarkKey(0x5EED_0F_7E57)
    static let parameters = WatermarkParameters()
    static let words = Array(SyntheticTextModel.vocabulary.prefix(600))

    /// Writes `documents` answers of `length` words as prompt-response JSONL: with the watermark
    /// when `marked`, else plain. Each next word is drawn from 40 candidates fixed by the previous word.
    static func writeCorpus(to url: URL, marked: Bool, documents: Int, length: Int, seed: UInt64) throws {
        var pipeline = TextPipeline()
        let ids = words.map { pipeline.wordIDs(of: $0)[0] }
        let word = Dictionary(zip(ids, words), uniquingKeysWith: { a, _ in a })
        let embedder = WatermarkEmbedder(key: key, parameters: parameters, delta: 2)
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        var lines: [String] = []
        for d in 0..<documents {
            var text = [ids[Int.random(in: 0..<ids.count, using: &rng)]]
            while text.count < length {
                var next = RepeatableRandomNumberGenerator(seed: text[text.count - 1])
                let candidates = (1...40).map { rank in
                    WatermarkEmbedder.Candidate(
                        token: ids[Int.random(in: 0..<ids.count, using: &next)], probability: 1 / Double(rank))
                }
                text.append(
                    marked
                        ? embedder.sample(from: candidates, context: [text[text.count - 1]], using: &rng)
                        : candidates[Int.random(in: 0..<candidates.count, using: &rng)].token)
            }
            let record: [String: String] = [
                "id": "d\(d)", "prompt": "tell me about \(words[d % words.count]) please",
                "response": text.map { word[$0]! }.joined(separator: " "),
            ]
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// A temporary directory holding teacher (marked), student (marked, other seed) and control (plain).
    static func corpora() throws -> (directory: URL, teacher: String, student: String, control: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "distillscope-watermark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let teacher = directory.appendingPathComponent("teacher.jsonl")
        let student = directory.appendingPathComponent("student.jsonl")
        let control = directory.appendingPathComponent("control.jsonl")
        try writeCorpus(to: teacher, marked: true, documents: 30, length: 120, seed: 1)
        try writeCorpus(to: student, marked: true, documents: 30, length: 120, seed: 2)
        try writeCorpus(to: control, marked: false, documents: 30, length: 120, seed: 3)
        return (directory, teacher.path, student.path, control.path)
    }

    @Test(arguments: [false, true])
    func radioactivityRunEqualsItsPieces(withTeacher: Bool) throws {
        let c = try Self.corpora()
        defer { try? FileManager.default.removeItem(at: c.directory) }
        let corpus = CorpusOptions(threads: 2)
        let teacher = withTeacher ? [c.teacher] : []
        let outcome = try RadioactivityTest.run(
            suspect: [c.student], teacher: teacher, key: Self.key, parameters: Self.parameters, alpha: 1e-3,
            corpus: corpus)

        let (documents, summary) = try WatermarkCorpus.read(
            paths: [c.student], options: corpus, tokenization: .words(.standard), prompts: true)
        var test = RadioactivityTest(key: Self.key, parameters: Self.parameters)
        for path in teacher {
            let teacherDocuments = try WatermarkCorpus.read(
                paths: [path], options: corpus, tokenization: .words(.standard), prompts: false
            ).documents
            for document in teacherDocuments { test.keepOnlyContexts(ofTeacher: document.textIDs) }
        }
        // The default prompt filter: each text against its own prompt.
        for document in documents { test.add(ids: document.textIDs, promptIDs: document.promptIDs) }
        let expected = test.result()

        #expect(outcome.result == expected)
        #expect(outcome.summary.records == summary.records)
        #expect(outcome.result.documents == 30)
        #expect(outcome.result.options.teacherFilter == withTeacher)
        #expect(outcome.result.score.log10P < -6, "student log10 p \(outcome.result.score.log10P)")
        #expect(outcome.finding)
    }

    @Test func radioactivityRunFindsNothingInPlainText() throws {
        let c = try Self.corpora()
        defer { try? FileManager.default.removeItem(at: c.directory) }
        let outcome = try RadioactivityTest.run(
            suspect: [c.control], key: Self.key, parameters: Self.parameters, alpha: 1e-3,
            corpus: CorpusOptions(threads: 2))
        #expect(outcome.result.score.log10P > -3, "control log10 p \(outcome.result.score.log10P)")
        #expect(!outcome.finding)
        // A wrong key sees nothing in marked text either.
        let wrongKey = try RadioactivityTest.run(
            suspect: [c.student], key: WatermarkKey(1), parameters: Self.parameters, corpus: CorpusOptions(threads: 2))
        #expect(!wrongKey.finding)
    }

    @Test func detectEqualsPerDocumentScores() throws {
        let c = try Self.corpora()
        defer { try? FileManager.default.removeItem(at: c.directory) }
        let marked = try WatermarkDetector.detect(
            paths: [c.teacher], key: Self.key, parameters: Self.parameters, alpha: 1e-3,
            corpus: CorpusOptions(threads: 2))
        let documents = try WatermarkCorpus.read(
            paths: [c.teacher], options: CorpusOptions(threads: 1), tokenization: .words(.standard), prompts: false
        ).documents
        let detector = WatermarkDetector(key: Self.key, parameters: Self.parameters)
        #expect(marked.documents.map(\.id) == documents.map(\.id))
        #expect(marked.documents.map(\.score) == documents.map { detector.score(ids: $0.textIDs) })
        var total = RadioactivityTest(
            key: Self.key, parameters: Self.parameters, options: .init(deduplicate: true, skipPromptContexts: false))
        for document in documents { total.add(ids: document.textIDs) }
        #expect(marked.corpus == total.result().score)
        let log10Ps = marked.documents.map(\.score.log10P)
        #expect(marked.medianDocumentLog10P == Distribution(log10Ps).median)
        #expect(marked.documentsAtOrBelowAlpha == log10Ps.filter { $0 <= log10(1e-3) }.count)
        #expect(marked.finding)

        let plain = try WatermarkDetector.detect(
            paths: [c.control], key: Self.key, parameters: Self.parameters, alpha: 1e-3,
            corpus: CorpusOptions(threads: 2))
        #expect(!plain.finding)
        #expect(plain.documentsAtOrBelowAlpha <= 1)
    }
}
