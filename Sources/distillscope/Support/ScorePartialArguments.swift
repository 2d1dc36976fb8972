import ArgumentParser
import DistillCore

/// `score`'s shard options: write a partial for the documents given, or merge the partials of all shards.
struct ScorePartialArguments: ParsableArguments {
    @Option(help: "Write this shard's partial to FILE (no verdict); merge the shards with --merge.")
    var partial: String?

    @Option(help: "With --partial: this is shard i of N (0 ≤ i < N), the i-th piece of the suspect in order.")
    var shard: String = "0/1"

    @Option(help: "With --partial: name the input NAME in locations and the report (a piece of NAME on stdin).")
    var sourceName: String?

    @Option(help: "With --partial and --source-name: the piece starts after this many lines of NAME.")
    var lineOffset: Int = 0

    @Flag(help: "The paths are partials of every shard: merge them and score (same report as one score).")
    var merge = false

    /// The shard as (index, count).
    func parsedShard() throws -> (index: Int, count: Int) { try ShardArgument.parse(shard) }

    func validate() throws {
        _ = try parsedShard()
        if merge && partial != nil { throw ValidationError("--merge and --partial exclude each other") }
        if lineOffset < 0 { throw ValidationError("--line-offset must not be negative") }
        if lineOffset != 0 && sourceName == nil { throw ValidationError("--line-offset needs --source-name") }
        if partial == nil && (shard != "0/1" || sourceName != nil || lineOffset != 0) {
            throw ValidationError("--shard, --source-name and --line-offset need --partial")
        }
    }

    /// Reads the documents at `paths` and writes their partial (``ScorePartial``).
    func writePartial(
        to path: String, paths: [String], corpus: CorpusOptions, source: any ReferenceSource
    ) throws {
        let (index, count) = try parsedShard()
        try ScorePartial.make(
            paths: paths, corpusOptions: corpus, references: source, shard: index, shards: count,
            sourceName: sourceName, lineOffset: lineOffset
        ).write(to: path)
    }

    /// Reads the partials at `paths`.
    func readPartials(_ paths: [String]) throws -> [(path: String, partial: ScorePartial)] {
        try paths.map { ($0, try ScorePartial.read(path: $0)) }
    }
}
