import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `scan`'s own options: the configuration file, which findings fail, the output, the baseline and
/// the source root. Flags win over the configuration file.
struct ScanArguments: ParsableArguments {
    @Option(help: "Configuration file (default: .distillscope.toml when present).")
    var config: String?

    @Option(help: "Which findings fail the run: any, none, or signal names (ngram-8,near-duplicate).")
    var failOn: String?

    @Option(help: "Output format: text, json, sarif, junit.")
    var format: String?

    @Option(
        name: [.customLong("output"), .customLong("out")], help: "Write the output to FILE instead of standard output.")
    var output: String?

    @Option(
        help: ArgumentHelp(
            "An earlier full scan's JSON report or SARIF log: report and fail on only the findings it does not hold.",
            valueName: "previous.json|previous.sarif"))
    var baseline: String?

    @Option(help: "Directory SARIF URIs and finding fingerprints are relative to (default: the working directory).")
    var sourceRoot: String?

    func validate() throws {
        if let format, ScanFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of text, json, sarif, junit")
        }
        if let failOn, let problem = SignalNames.problem(failOn: failOn) {
            throw ValidationError("--fail-on: \(problem)")
        }
        if let sourceRoot {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: sourceRoot, isDirectory: &isDirectory) || !isDirectory.boolValue
            {
                throw ValidationError("--source-root \(sourceRoot): no such directory")
            }
        }
    }

    /// The source root: `--source-root`, else the working directory.
    var root: SourceRoot { sourceRoot.map(SourceRoot.init(path:)) ?? .current }

    /// The format: `--format`, else the configuration file's, else text.
    func resolvedFormat(_ settings: ScanConfig) -> ScanFormat {
        ScanFormat(rawValue: format ?? settings.output?.format ?? "text")!
    }

    /// The runner's options from the configuration file and these flags; reads the baseline first,
    /// so an unusable one fails before anything is scanned.
    /// - Throws: ``ReportError`` for the baseline, ``DistillError`` for ignore patterns, signal options' errors.
    func runnerOptions(
        _ settings: ScanConfig, corpus: CorpusOptions, signals: ScoringSignalArguments, threads: Int
    ) throws -> ScanRunner.Options {
        let baseline = try baseline.map(ScanBaseline.init(contentsOf:))
        return ScanRunner.Options(
            corpus: corpus, policy: settings.policy(failOn: failOn.flatMap(ScanPolicy.FailOn.init)),
            ignoredPhrases: settings.ignore?.phrases ?? [],
            ignoredPatterns: try (settings.ignore?.patterns ?? []).map { try BoundedRegex(pattern: $0) },
            ignoredPaths: settings.ignore?.paths ?? [], watermarkKeys: try signals.keys(),
            watermarkTokenizers: try signals.tokenizers(), identityPatterns: try signals.patterns(),
            sourceRoot: root, baseline: baseline, threads: threads)
    }
}
