import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope watermark`: portable keyed watermarks (DESIGN.md "Exact definitions").
struct Watermark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watermark detection and the radioactivity test (ds-kgw, ds-gumbel).",
        discussion: """
            The key is read from --key, --key-file or $DISTILLSCOPE_WATERMARK_KEY and never printed: \
            reports show its fingerprint.
            """,
        subcommands: [Detect.self, Radioactivity.self])
}

/// The JSON report of `watermark detect`.
struct WatermarkDetectReport: Codable {
    struct DocumentScore: Codable {
        var id: String
        var score: WatermarkScore
    }

    var schemaVersion: Int
    var command: String
    var paths: [String]
    var parameters: WatermarkParameters
    var keyFingerprint: String
    var tokenization: String
    var ignoreRepeatedTuples: Bool
    var alpha: Double
    var documents: [DocumentScore]
    /// Each distinct (context, token) tuple once across the corpus.
    var corpus: WatermarkScore
    var medianDocumentLog10P: Double
    var documentsAtOrBelowAlpha: Int
    var finding: Bool
    var summary: CorpusSummary
}

/// The JSON report of `watermark radioactivity`.
struct WatermarkRadioactivityReport: Codable {
    var schemaVersion: Int
    var command: String
    var paths: [String]
    var teacherPaths: [String]
    var parameters: WatermarkParameters
    var keyFingerprint: String
    var tokenization: String
    var alpha: Double
    var result: RadioactivityTest.Result
    var finding: Bool
    var summary: CorpusSummary
}
