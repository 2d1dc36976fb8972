import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// ``Attribution/run(suspect:references:options:segmentWords:identity:corpus:progress:)`` on seeded
/// synthetic models written as JSONL: it names the suspect's source, answers *none of these* for an
/// unrelated suspect, and gives what reading the corpora and ``Attribution/attribute(suspect:references:options:threads:)`` give.
@Suite struct AttributionEntryPointTests {
    /// Writes 120 answers of the model of `base` (answers seeded by `answers`) as JSONL to `directory/name.jsonl`.
    static func write(_ name: String, base: UInt64, answers: UInt64, in directory: URL) throws -> String {
        let model = SyntheticTextModel(base: base, answers: answers, phraseRate: 0.3)
        let url = directory.appendingPathComponent(name + ".jsonl")
        try SyntheticTextModel.jsonl((0..<120).map { model.answer($0) }).write(
            to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let options = AttributionOptions(bootstrap: 200, seed: 7)

    @Test func namesTheSuspectsSourceAndEqualsItsPieces() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "distillscope-attribution-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let references = [
            (name: "alpha", path: try Self.write("alpha", base: 11, answers: 1, in: directory)),
            (name: "beta", path: try Self.write("beta", base: 12, answers: 2, in: directory)),
            (name: "gamma", path: try Self.write("gamma", base: 13, answers: 3, in: directory)),
        ]
        // New answers of beta's model: the same source, other texts.
        let suspect = try Self.write("suspect", base: 12, answers: 99, in: directory)
        let corpus = CorpusOptions(threads: 2)
        let detector = try IdentityDetector()
        let outcome = try Attribution.run(
            suspect: suspect, references: references, options: Self.options, segmentWords: 500, identity: detector,
            corpus: corpus)
        #expect(outcome.result.attributedTo == "beta")
        #expect(outcome.result.references.first?.name == "beta")
        #expect(outcome.suspect.path == suspect && outcome.suspect.summary.records == 120)
        #expect(outcome.references.map(\.name) == ["alpha", "beta", "gamma"])
        #expect(outcome.references.map(\.path) == references.map(\.path))
        #expect(outcome.identity != nil)

        let suspectCorpus = try StyleCorpus.read(
            paths: [suspect], corpusOptions: corpus, options: .init(segmentWords: 500, identity: detector))
        let referenceCorpora = try references.map {
            (
                name: $0.name,
                corpus: try StyleCorpus.read(paths: [$0.path], corpusOptions: corpus, options: .init(segmentWords: 500))
            )
        }
        let expected = try Attribution.attribute(
            suspect: suspectCorpus, references: referenceCorpora, options: Self.options, threads: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(outcome.result) == encoder.encode(expected))
        #expect(
            try encoder.encode(outcome.identity)
                == encoder.encode(suspectCorpus.identity?.report(patterns: detector.patterns)))
    }

    @Test func unrelatedSuspectIsNoneOfThese() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "distillscope-attribution-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let references = [
            (name: "alpha", path: try Self.write("alpha", base: 11, answers: 1, in: directory)),
            (name: "beta", path: try Self.write("beta", base: 12, answers: 2, in: directory)),
            (name: "gamma", path: try Self.write("gamma", base: 13, answers: 3, in: directory)),
        ]
        let suspect = try Self.write("suspect", base: 14, answers: 4, in: directory)
        let outcome = try Attribution.run(
            suspect: suspect, references: references, options: Self.options, corpus: CorpusOptions(threads: 2))
        #expect(outcome.result.attributedTo == nil)
        #expect(outcome.identity == nil)
    }
}
