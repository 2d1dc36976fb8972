import DistillCore
import Foundation

/// Human-readable `inspect` output.
enum InspectTextFormatter {
    static func format(_ inspections: [CorpusInspection]) -> String {
        var out = ""
        for (i, c) in inspections.enumerated() {
            if i > 0 { out += "\n" }
            out += "corpus \(i + 1): \(c.paths.joined(separator: " "))\n"
            for f in c.summary.files {
                let shapes = f.shapes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                out += "  file         \(f.path): \(f.container.rawValue)\(f.gzip ? " (gzip)" : "")"
                out += shapes.isEmpty ? "\n" : " — \(shapes)\n"
            }
            out += "  documents    \(c.documents) from \(c.summary.records) records"
            if c.summary.recordsWithoutDocuments > 0 {
                out += " (\(c.summary.recordsWithoutDocuments) records without a document)"
            }
            out += "\n"
            out += "  prompts      \(c.documentsWithPrompt) (\(percent(c.documentsWithPrompt, c.documents)))\n"
            out += "  ids          \(c.documentsWithID) (\(percent(c.documentsWithID, c.documents)))\n"
            out +=
                "  tokens       \(c.tokens) (mean \(String(format: "%.1f", c.meanTokens)), min \(c.minTokens), max \(c.maxTokens))\n"
            if c.emptyDocuments > 0 { out += "  empty        \(c.emptyDocuments) documents with no tokens\n" }
            let input = c.summary.files.reduce(0) { $0 + $1.inputBytes }
            let decoded = c.summary.files.reduce(0) { $0 + $1.decodedBytes }
            out += "  bytes        \(input) read, \(decoded) decoded, \(c.textBytes) of text\n"
            let models = c.models.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\(DistillError.excerpt($0.key, limit: 40)) \($0.value)" }.joined(separator: ", ")
            out += "  models       \(models.isEmpty ? "-" : models)\n"
            if let p = c.pairing {
                out +=
                    "  pairs        \(p.pairs) with corpus \(p.against + 1) by \(p.method) (by id \(p.byID), by prompt \(p.byPrompt))\n"
            }
            if c.summary.repairedSurrogates > 0 {
                out += "  repaired     \(c.summary.repairedSurrogates) lone surrogate escapes replaced by U+FFFD\n"
            }
            let skipped = c.summary.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            out += "  skipped      \(c.summary.skippedTotal)\(skipped.isEmpty ? "" : " (\(skipped))")\n"
            for e in c.summary.skippedExamples { out += "    \(e.reason)\n" }
            if c.summary.skippedTotal > c.summary.skippedExamples.count {
                out += "    … and \(c.summary.skippedTotal - c.summary.skippedExamples.count) more\n"
            }
        }
        return out
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "0%" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }
}
