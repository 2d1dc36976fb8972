import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// ``StyleCorpus/init(documents:summary:options:threads:)`` — profiling documents a fingerprint kept in
/// memory, which `compare` does instead of reading each corpus a second time — gives what reading the
/// file gives: the same style summary, segments and identity tally, for any thread count.
@Suite struct StyleCorpusInMemoryTests {
    @Test func inMemoryProfileEqualsTheProfileOfTheFile() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 700 documents (three slices of 256 and a partial one); every 7th names itself Claude, every
        // 11th denies being ChatGPT (not a claim), so the tally has counts and examples to merge in order.
        let model = SyntheticTextModel(base: 5, answers: 9, phraseRate: 0.3)
        let answers = (0..<700).map { i -> String in
            var text = model.answer(i)
            if i % 7 == 0 { text = "I am Claude, an AI assistant made by Anthropic. " + text }
            if i % 11 == 0 { text += " I am not ChatGPT." }
            return text
        }
        let url = directory.appendingPathComponent("corpus.jsonl")
        try SyntheticTextModel.jsonl(answers).write(to: url, atomically: true, encoding: .utf8)
        let detector = try IdentityDetector()
        let options = StyleCorpus.Options(segmentWords: 40, identity: detector)
        let read = try StyleCorpus.read(paths: [url.path], corpusOptions: CorpusOptions(threads: 2), options: options)
        let (documents, summary) = try Fixture.read([url.path])
        #expect(documents.count == 700)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let expectedIdentity = try encoder.encode(read.identity?.report(patterns: detector.patterns))
        #expect(read.identity?.documentsWithClaims == 100)
        for threads in [1, 2, 3] {
            let memory = try StyleCorpus(documents: documents, summary: summary, options: options, threads: threads)
            #expect(StyleSummary(memory.profile) == StyleSummary(read.profile))
            #expect(memory.segments == read.segments)
            #expect(memory.segments.last?.document == 699)
            #expect(try encoder.encode(memory.identity?.report(patterns: detector.patterns)) == expectedIdentity)
        }
        // Without a detector there is no tally.
        #expect(try StyleCorpus(documents: documents, summary: summary, threads: 2).identity == nil)
    }
}
