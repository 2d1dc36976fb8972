import ArgumentParser
import DistillCore
import DistillReport
import DistillStore
import Foundation

/// `distillscope scan PATH... --store refs.db`: CI gate over training data or model dumps. Each input
/// file is scored against the store; findings over threshold give exit 1.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan files against the store for CI: findings per file, exit 1 when any is over threshold.",
        discussion: """
            Exit 0: nothing over threshold; 1: findings over threshold; 2: usage or input error. \
            --fail-on any|none|SIGNAL[,SIGNAL...] chooses which findings fail. Config: docs/ci.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var store: StoreArguments
    @OptionGroup var reportOutput: ReportArguments
    @OptionGroup var signalOptions: ScoringSignalArguments

    @Argument(help: "Files or directories to scan (directories are walked, sorted).")
    var paths: [String]

    @Option(help: "Configuration file (default: .distillscope.toml when present).")
    var config: String?

    @Option(help: "Which findings fail the run: any, none, or signal names (ngram-8,near-duplicate).")
    var failOn: String?

    @Option(help: "Output format: text, json, sarif, junit.")
    var format: String?

    @Option(
        name: [.customLong("output"), .customLong("out")], help: "Write the output to FILE instead of standard output.")
    var output: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give files or directories to scan") }
        if let format, ScanFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of text, json, sarif, junit")
        }
        if let failOn, let problem = SignalNames.problem(failOn: failOn) {
            throw ValidationError("--fail-on: \(problem)")
        }
    }

    func run() throws {
        let settings = try loadConfig()
        let policy = settings.policy(failOn: failOn.flatMap(ScanPolicy.FailOn.init))
        let format = ScanFormat(rawValue: self.format ?? settings.output?.format ?? "text")!
        let threads = global.threadCount
        let storePath = try store.path()
        let source = try store.scoringSource()
        let ignored = NGramContainmentScorer.ignoredKeys(
            phrases: settings.ignore?.phrases ?? [], widths: source.options.widths)
        let patterns = try (settings.ignore?.patterns ?? []).map { try BoundedRegex(pattern: $0) }
        let scorer = try signalOptions.scorer(
            options: VerdictOptions(alpha: policy.defaultThreshold.alpha), ignoredKeys: ignored)
        let skipped = settings.ignore?.paths ?? []
        var files: [ScanReport.FileResult] = []
        var inputs: [ForensicReport.Input] = []
        var notTested: Set<ScanReport.NotTested> = []
        for file in try Self.inputFiles(paths) where !skipped.contains(where: { file.hasPrefix($0) }) {
            let bar = global.makeProgress(label: "scan \(file)")
            defer { bar?.finish() }
            var suspect = try SuspectCorpus.read(
                paths: [file], corpusOptions: corpus.options(threads: threads), options: source.options,
                progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
            if suspect.count == 0 { throw DistillError.noDocumentsRead(path: file) }
            if !patterns.isEmpty {
                var runaway: (pattern: String, document: String)?
                suspect = suspect.filtered { doc in
                    for p in patterns {
                        switch p.matches(doc.text) {
                        case .some(true): return false
                        case .some(false): continue
                        case .none:
                            if runaway == nil { runaway = (p.pattern, doc.id) }
                            return true
                        }
                    }
                    return true
                }
                if let runaway {
                    throw DistillError.invalidOption(
                        name: "ignore pattern \"\(DistillError.excerpt(runaway.pattern, limit: 60))\"",
                        reason:
                            "it needs too many matcher steps on document \"\(DistillError.excerpt(runaway.document))\" "
                            + "of \(file) (nested repetition such as (.*a){25} backtracks exponentially); simplify it")
                }
                // Nothing left to check is not "no findings".
                if suspect.count == 0 {
                    throw DistillError.invalidOption(
                        name: "ignore patterns",
                        reason: "every document of \(file) matches one, so nothing in it was checked; narrow the "
                            + "patterns or leave the file out with ignore.paths")
                }
            }
            let report = try scorer.score(
                suspect: suspect, references: source, threads: threads,
                progress: { bar?.update(stage: $0, done: $1, total: $2) })
            if reportOutput.path != nil {
                inputs.append(try ReportInputHasher.input(role: "scanned", path: file, summary: suspect.corpus.summary))
            }
            notTested.formUnion(ScanPolicy.notTested(of: report, names: Self.signalNames(source.options.widths)))
            files.append(
                ScanReport.FileResult(path: file, documents: suspect.count, findings: policy.findings(of: report)))
        }
        var signals: [String: String] = [:]
        for w in source.options.widths {
            signals["ngram-\(w)"] = "Word \(w)-grams shared with one reference beyond what independent models share"
        }
        signals["near-duplicate"] = "Documents that are near-duplicates of a reference's documents (MinHash)"
        signals["paired-jaccard"] = "Answers that share shingles with the reference's answers to the same prompts"
        signals["identity"] = "Documents that name themselves as the reference's model or maker"
        signals["watermark"] = "The reference's watermark in the scanned text (radioactivity test)"
        let report = ScanReport(
            schemaVersion: ReportJSON.schemaVersion, toolVersion: DistillScope.version, store: storePath,
            signals: signals, files: files, notTested: notTested.sorted())
        try reportOutput.write(
            VerdictReportMapper.report(
                report, inputs: inputs, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine))
        var data = try format.formatter.render(report)
        // Text is for people, wherever it goes: no raw control characters from the scanned data.
        if format == .text { data = Data(Terminal.safe(String(decoding: data, as: UTF8.self)).utf8) }
        if let file = output ?? settings.output?.file {
            try Terminal.write(data, toPath: file)
            if !global.quiet { Terminal.writeError("wrote \(file): \(report.failingCount) failing findings\n") }
        } else {
            try Terminal.write(data)
        }
        if report.failingCount > 0 { throw ExitCode(ExitStatus.findings) }
    }

    /// The signals `scan` describes (and reports as not tested when no reference produced them).
    static func signalNames(_ widths: [Int]) -> [String] {
        widths.map { "ngram-\($0)" } + ["near-duplicate", "paired-jaccard", "identity", "watermark"]
    }

    func loadConfig() throws -> ScanConfig {
        let path = config ?? (FileManager.default.fileExists(atPath: ".distillscope.toml") ? ".distillscope.toml" : nil)
        guard let path else { return ScanConfig() }
        do {
            return try ScanConfig.load(path: path)
        } catch let error as ScanConfigError {
            Terminal.error(error.description)
            throw ExitCode(ExitStatus.inputError)
        }
    }

    /// The files under `paths`: files as given, directories walked recursively (hidden entries skipped), sorted.
    static func inputFiles(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths {
            if path == "-" {
                out.append(path)  // standard input
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DistillError.missingPath(path)
            }
            if !isDirectory.boolValue {
                out.append(path)
                continue
            }
            let base = URL(fileURLWithPath: path)
            let walker = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = walker?.nextObject() as? URL {
                if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    found.append((path.hasSuffix("/") ? path : path + "/") + url.path.dropFirst(base.path.count + 1))
                }
            }
            out += found.sorted()
        }
        return out
    }
}
