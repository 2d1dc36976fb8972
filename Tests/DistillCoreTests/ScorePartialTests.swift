import DistillCore
import DistillTestSupport
import Foundation
import Testing

/// `score` shard by shard: partials of any split of the suspect (an empty shard included, any order,
/// any thread count) merge into the report of one `score` of the whole suspect; partials that do not
/// make one suspect for this store are refused.
@Suite struct ScorePartialTests {
    static func encoded(_ report: ScoreReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }

    /// The suspect's lines cut at `cuts` into pieces, each written to a file and made a partial that
    /// names the whole suspect (`--source-name`, `--line-offset`), written and read back.
    static func partials(
        of suspect: String, cuts: [Int], source: any ReferenceSource, in dir: URL, corpus: CorpusOptions = .init()
    ) throws -> [(path: String, partial: ScorePartial)] {
        let lines = try String(contentsOfFile: suspect, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .dropLast()
        let bounds = [0] + cuts + [lines.count]
        return try (0..<(bounds.count - 1)).map { i in
            let piece = dir.appendingPathComponent("piece-\(i).jsonl").path
            let text = lines[bounds[i]..<bounds[i + 1]].map { $0 + "\n" }.joined()
            try text.write(toFile: piece, atomically: true, encoding: .utf8)
            let partial = try ScorePartial.make(
                paths: [piece], corpusOptions: corpus, references: source, shard: i, shards: bounds.count - 1,
                sourceName: suspect, lineOffset: bounds[i])
            let path = dir.appendingPathComponent("shard-\(i).partial").path
            try partial.write(to: path)
            let back = try ScorePartial.read(path: path)
            #expect(back == partial)
            return (path, back)
        }
    }

    static func fixture(in dir: URL) throws -> (source: InMemoryReferenceSource, suspect: String) {
        let (source, models) = try FamilyVerdictTests.store(in: dir)
        let student = SyntheticTextModel(base: 9, answers: 91, phraseRate: 0.2)
        let answers = (0..<FamilyVerdictTests.prompts).map {
            student.answer($0, learntFrom: models["sibA"]!, ownRate: 0.6)
        }
        return (source, try FamilyVerdictTests.path(answers, "suspect", in: dir))
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64]) func mergedPartialsEqualOneScore(seed: UInt64) throws {
        let dir = try FamilyVerdictTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (source, suspect) = try Self.fixture(in: dir)
        let whole = try SuspectCorpus.read(
            paths: [suspect], corpusOptions: CorpusOptions(threads: 2), options: source.options)
        let expected = try Self.encoded(SuspectScorer().score(suspect: whole, references: source, threads: 2))
        #expect(try SuspectScorer().score(suspect: whole, references: source, threads: 2).decision.parents == ["sibA"])

        // Random cuts (a repeated cut is an empty shard; seed 1 also cuts at 0: an empty first shard).
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        let n = FamilyVerdictTests.prompts
        var cuts = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Int.random(in: 0...n, using: &rng) }
        cuts.append(cuts[0])
        if seed == 1 { cuts.append(0) }
        let partials = try Self.partials(of: suspect, cuts: cuts.sorted(), source: source, in: dir)
        #expect(partials.contains { $0.partial.records.isEmpty })
        for threads in [1, 4] {
            let (_, report) = try SuspectScorer().score(
                partials: partials.shuffled(using: &rng), references: source, threads: threads)
            #expect(try Self.encoded(report) == expected, "seed \(seed), \(threads) threads")
        }
    }

    @Test func partialsThatAreNotOneSuspectForThisStoreAreRefused() throws {
        let dir = try FamilyVerdictTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (source, suspect) = try Self.fixture(in: dir)
        let partials = try Self.partials(of: suspect, cuts: [20, 40], source: source, in: dir)
        func refused(_ given: [(path: String, partial: ScorePartial)], _ store: any ReferenceSource, _ words: String) {
            do {
                _ = try ScorePartial.suspect(joining: given, references: store)
                Issue.record("merged: \(words)")
            } catch let error as DistillError {
                guard case .partialMismatch = error else { return #expect(Bool(false), "\(error)") }
                #expect(error.description.contains(words), "\(error.description)")
            } catch { Issue.record("\(error)") }
        }
        refused(Array(partials.dropLast()), source, "shard 2/3 is missing")
        refused(partials + [partials[1]], source, "shard 1/3 is also")
        refused([], source, "no score partials")
        // Another store: a reference fewer, or other options.
        let fewer = InMemoryReferenceSource(
            options: source.options,
            named: try source.references.dropFirst().map { info in
                let path = dir.appendingPathComponent(info.name + ".jsonl").path
                return (
                    info.name,
                    try ReferenceFingerprinter.fingerprint(
                        paths: [path], corpusOptions: CorpusOptions(threads: 2), options: source.options)
                )
            })
        refused(partials, fewer, "another store")
        // Other reading options in one shard.
        var odd = try Self.partials(
            of: suspect, cuts: [20, 40], source: source, in: dir, corpus: CorpusOptions(skipInvalid: true))
        odd[0] = partials[0]
        refused(odd, source, "read with other options")
        // A text changed after the partial was written no longer has its word ids: the evidence would show
        // one text and the statistics count another.
        var altered = partials
        altered[1].partial.records[3].text += " and one sentence more"
        refused(altered, source, "record 24 of the joined shards): its word ids are not those of its text")
        var swapped = partials
        swapped[2].partial.records[0].words = swapped[2].partial.records[1].words
        refused(swapped, source, "record 41 of the joined shards): its word ids are not those of its text")
        // A damaged record is an error naming the file, the record and its byte offset.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: partials[1].path)))
        let start = bytes.firstIndex(of: 0x0A)! + 1
        bytes.replaceSubrange(start..<(start + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        try Data(bytes).write(to: URL(fileURLWithPath: partials[1].path))
        #expect(
            throws: DistillError.malformedRecord(
                InputLocation(path: partials[1].path, byteOffset: start),
                reason: "damaged or truncated score partial: record 1 of 20")
        ) {
            try ScorePartial.read(path: partials[1].path)
        }
        // A truncated partial is a damaged file.
        let data = try Data(contentsOf: URL(fileURLWithPath: partials[0].path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: partials[0].path))
        #expect(throws: DistillError.self) { try ScorePartial.read(path: partials[0].path) }
    }
}
