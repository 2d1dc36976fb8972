import DistillCore
import Foundation

/// The CI scan as one call: every input file scored against a store's references, findings decided
/// by a ``ScanPolicy``, and every signal that was not tested listed with its reason. The CLI's
/// `scan` is parsing, this call and a ``ScanFormatter``.
///
/// ```swift
/// let store = try FingerprintStore(path: "refs.db", readOnly: true)
/// let report = try ScanRunner.run(
///     paths: ["data/"], store: "refs.db", references: try StoreReferenceSource(store: store))
/// let sarif = try SARIFFormatter().render(report)
/// ```
public enum ScanRunner {
    /// What to check and how.
    public struct Options: Sendable {
        /// How the files are read (limits, invalid records, threads).
        public var corpus: CorpusOptions
        /// Thresholds, allowed references and which findings fail.
        public var policy: ScanPolicy
        /// Phrases whose n-grams never count as evidence.
        public var ignoredPhrases: [String]
        /// Documents whose text matches one of these are not scanned.
        public var ignoredPatterns: [BoundedRegex]
        /// Input paths starting with one of these are skipped.
        public var ignoredPaths: [String]
        /// Watermark keys for references whose key is not stored.
        public var watermarkKeys: [WatermarkKey]
        /// Tokenizers of token-mode watermarks, by the SHA-256 of their file.
        public var watermarkTokenizers: [String: SubwordTokenizer]
        /// Identity patterns added for this run.
        public var identityPatterns: IdentityPatterns?
        /// The directory finding fingerprints name files relative to (``ScanFingerprint``).
        public var sourceRoot: SourceRoot
        /// An earlier scan's findings: only findings it does not hold are reported.
        public var baseline: ScanBaseline?
        public var threads: Int

        public init(
            corpus: CorpusOptions = CorpusOptions(), policy: ScanPolicy = ScanPolicy(), ignoredPhrases: [String] = [],
            ignoredPatterns: [BoundedRegex] = [], ignoredPaths: [String] = [], watermarkKeys: [WatermarkKey] = [],
            watermarkTokenizers: [String: SubwordTokenizer] = [:], identityPatterns: IdentityPatterns? = nil,
            sourceRoot: SourceRoot = .current, baseline: ScanBaseline? = nil,
            threads: Int = ProcessInfo.processInfo.activeProcessorCount
        ) {
            self.corpus = corpus
            self.policy = policy
            self.ignoredPhrases = ignoredPhrases
            self.ignoredPatterns = ignoredPatterns
            self.ignoredPaths = ignoredPaths
            self.watermarkKeys = watermarkKeys
            self.watermarkTokenizers = watermarkTokenizers
            self.identityPatterns = identityPatterns
            self.sourceRoot = sourceRoot
            self.baseline = baseline
            self.threads = threads
        }
    }

    /// What the scan is doing, for a progress display.
    public enum Event {
        /// A file is about to be read.
        case started(file: String)
        /// Bytes of the file read so far.
        case reading(file: String, ReadProgress)
        /// A scoring stage of the file (see ``SuspectScorer/score(suspect:references:threads:progress:)``).
        case scoring(file: String, stage: String, done: Int, total: Int)
        /// The file is done.
        case finished(file: String, ScanReport.FileResult)
    }

    /// Scans `paths` (files as given; directories walked as ``CorpusInput`` walks them; `-` for
    /// standard input), each file on its own, against `references`. Each finding gets its
    /// ``ScanFingerprint``; with a baseline, the findings it holds are left out and counted.
    /// - Parameters:
    ///   - store: how the store is named in the report.
    ///   - inputs: when given, receives each scanned file's digest entry for a ``ForensicReport``.
    /// - Throws: ``DistillError`` for unreadable input, a file with no documents, an ignore pattern
    ///   that runs past its step budget, ignore patterns that leave nothing of a file to check, or
    ///   ignored paths that leave no file to check.
    /// - Complexity: one read of every file and one scoring per file (``SuspectScorer``).
    public static func run(
        paths: [String], store: String, references: any ReferenceSource, options: Options = Options(),
        inputs: ((ForensicReport.Input) -> Void)? = nil,
        progress: ((Event) -> Void)? = nil
    ) throws -> ScanReport {
        let ignored = NGramContainmentScorer.ignoredKeys(
            phrases: options.ignoredPhrases, widths: references.options.widths)
        let scorer = SuspectScorer(
            options: VerdictOptions(alpha: options.policy.defaultThreshold.alpha), ignoredKeys: ignored,
            watermarkKeys: options.watermarkKeys, watermarkTokenizers: options.watermarkTokenizers,
            identityPatterns: options.identityPatterns)
        var corpusOptions = options.corpus
        corpusOptions.threads = options.threads
        var files: [ScanReport.FileResult] = []
        var notTested: Set<ScanReport.NotTested> = []
        let names = signalNames(references.options.widths)
        let given = try CorpusInput(paths: paths).files.map(\.path)
        let checked = given.filter { file in !options.ignoredPaths.contains(where: { file.hasPrefix($0) }) }
        // Nothing left to check is not "no findings".
        if checked.isEmpty {
            throw DistillError.invalidOption(
                name: "ignored paths",
                reason: "every input file (\(given.count)) starts with one of them, so nothing was checked; "
                    + "narrow them or scan other paths")
        }
        for file in checked {
            progress?(.started(file: file))
            var suspect = try SuspectCorpus.read(
                paths: [file], corpusOptions: corpusOptions, options: references.options,
                progress: { progress?(.reading(file: file, $0)) })
            if suspect.count == 0 { throw DistillError.noDocumentsRead(path: file) }
            suspect = try unignored(suspect, file: file, patterns: options.ignoredPatterns)
            let report = try scorer.score(
                suspect: suspect, references: references, threads: options.threads,
                progress: { progress?(.scoring(file: file, stage: $0, done: $1, total: $2)) })
            if let inputs {
                inputs(try ReportInputHasher.input(role: "scanned", path: file, summary: suspect.corpus.summary))
            }
            notTested.formUnion(ScanPolicy.notTested(of: report, names: names))
            let portable = options.sourceRoot.portableName(file)
            let findings = options.policy.findings(of: report).map {
                var f = $0
                f.fingerprint = ScanFingerprint.of(f, portablePath: portable)
                return f
            }
            let result = ScanReport.FileResult(
                path: file, gzip: suspect.corpus.summary.files.contains(where: \.gzip), documents: suspect.count,
                findings: findings)
            files.append(result)
            progress?(.finished(file: file, result))
        }
        let report = ScanReport(
            schemaVersion: ReportJSON.schemaVersion, toolVersion: DistillScopeVersion.current, store: store,
            signals: signalDescriptions(references.options.widths), files: files, notTested: notTested.sorted())
        return options.baseline.map { $0.apply(to: report) } ?? report
    }

    /// The signals a scan describes (and reports as not tested when no reference produced them).
    public static func signalNames(_ widths: [Int]) -> [String] {
        widths.map { "ngram-\($0)" } + ["near-duplicate", "paired-jaccard", "identity", "watermark"]
    }

    /// One sentence per signal a scan can report (SARIF rules).
    public static func signalDescriptions(_ widths: [Int]) -> [String: String] {
        var signals: [String: String] = [:]
        for w in widths {
            signals["ngram-\(w)"] = "Word \(w)-grams shared with one reference beyond what independent models share"
        }
        signals["near-duplicate"] = "Documents that are near-duplicates of a reference's documents (MinHash)"
        signals["paired-jaccard"] = "Answers that share shingles with the reference's answers to the same prompts"
        signals["identity"] = "Documents that name themselves as the reference's model or maker"
        signals["watermark"] = "The reference's watermark in the scanned text (radioactivity test)"
        signals["paired-lexical"] =
            "Answers closer to the reference's answers to the same prompts than an independent model's, by word n-grams"
        signals["paired-template"] =
            "Answers closer to the reference's answers to the same prompts than an independent model's, by syntactic templates"
        signals["paired-format"] =
            "Answers closer to the reference's answers to the same prompts than an independent model's, by layout"
        return signals
    }

    /// `suspect` without the documents an ignore pattern matches.
    /// - Throws: when a pattern runs past its step budget, or nothing is left to check.
    static func unignored(_ suspect: SuspectCorpus, file: String, patterns: [BoundedRegex]) throws -> SuspectCorpus {
        if patterns.isEmpty { return suspect }
        var runaway: (pattern: String, document: String)?
        let kept = suspect.filtered { doc in
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
                reason: "it needs too many matcher steps on document \"\(DistillError.excerpt(runaway.document))\" "
                    + "of \(file) (nested repetition such as (.*a){25} backtracks exponentially); simplify it")
        }
        // Nothing left to check is not "no findings".
        if kept.count == 0 {
            throw DistillError.invalidOption(
                name: "ignore patterns",
                reason: "every document of \(file) matches one, so nothing in it was checked; narrow the "
                    + "patterns or leave the file out with ignore.paths")
        }
        return kept
    }
}
