import DistillCore
import DistillReport

/// Human-readable `dedup` output.
enum DedupTextFormatter {
    static func format(_ r: DedupReport, show: Int) -> String {
        let inClusters = r.clusters.reduce(0) { $0 + $1.documents.count }
        var out = "\(r.documents) documents; \(r.pairs.count) near-duplicate pairs (Jaccard ≥ \(r.threshold) of "
        out += "\(r.shingleWidth)-gram shingles) in \(r.clusters.count) clusters covering \(inClusters) documents\n"
        out +=
            "LSH \(r.statistics.parameters.bands) bands × \(r.statistics.parameters.rows) rows (k = \(r.permutations)): "
        out += "\(r.statistics.candidates) candidates, \(r.statistics.estimated) past the MinHash estimate, "
        out += "\(r.statistics.verified) verified\n"
        for (i, c) in r.clusters.prefix(show).enumerated() {
            let names = c.documents.prefix(8).map { DistillError.excerpt($0) }.joined(separator: ", ")
            out += "  cluster \(i + 1): \(c.documents.count) documents: \(names)\(c.documents.count > 8 ? ", …" : "")\n"
        }
        if r.clusters.count > show { out += "  … and \(r.clusters.count - show) more clusters (--show, --json)\n" }
        return out
    }
}
