import ArgumentParser
import DistillCore

/// The near-duplicate threshold and LSH banding of `fingerprint` and `merge` (as `dedup` takes them).
struct LSHArguments: ParsableArguments {
    @Option(help: "Jaccard similarity at or above which two documents are near-duplicates.")
    var threshold: Double = 0.8

    @Option(help: "LSH bands (default: chosen for the threshold).")
    var bands: Int?

    @Option(help: "LSH rows per band (with --bands).")
    var rows: Int?

    /// The banding when given (`--bands` with `--rows`), else nil: chosen for the threshold.
    var parameters: LSHParameters? { bands.flatMap { b in rows.map { LSHParameters(bands: b, rows: $0) } } }

    func validate() throws {
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1]") }
        if (bands == nil) != (rows == nil) { throw ValidationError("--bands and --rows go together") }
    }
}
