import DistillCore

/// The result of `distillscope scan`: findings per input file. JSON is the source of truth; SARIF,
/// JUnit and text are renderings (``ScanFormatter``).
public struct ScanReport: Sendable, Hashable, Codable {
    /// One input file and what was found in it.
    public struct FileResult: Sendable, Hashable, Codable {
        public var path: String
        /// Whether the file is gzip-compressed: its evidence lines then count lines of the decompressed text.
        public var gzip: Bool
        public var documents: Int
        public var findings: [Finding]
        public var failed: Bool { findings.contains(where: \.failing) }

        public init(path: String, gzip: Bool = false, documents: Int, findings: [Finding]) {
            self.path = path
            self.gzip = gzip
            self.documents = documents
            self.findings = findings
        }
    }

    /// A signal over threshold: which reference, which signal, how strong, where.
    public struct Finding: Sendable, Hashable, Codable {
        /// The signal's name (`ngram-8`, `near-duplicate`): the rule id in SARIF.
        public var signal: Signal
        public var reference: String
        /// Share of the file's documents that exceed the null threshold.
        public var rate: Double
        public var exceedingDocuments: Int
        /// log10 of the signal's p-value, corrected for every signal and reference tested.
        public var log10PValue: Double
        /// Whether this finding fails the run (`--fail-on`).
        public var failing: Bool
        public var message: String
        public var evidence: [Location]
        /// The finding's identity across runs (``ScanFingerprint``): SARIF's `partialFingerprints` and
        /// what `--baseline` matches. Empty until the runner sets it.
        public var fingerprint: String = ""
    }

    /// A place in an input file.
    public struct Location: Sendable, Hashable, Codable {
        public var path: String
        public var line: Int?
        public var documentID: String
        public var referenceDocumentID: String?
        public var snippet: String
    }

    /// A signal that was not tested, with the reason: for one reference, or (`reference` nil) for all.
    public struct NotTested: Sendable, Hashable, Codable, Comparable {
        public var signal: Signal
        public var reference: String?
        public var reason: String
        /// What would let the signal be tested, when something would.
        public var remedy: Remedy?

        public init(signal: Signal, reference: String?, reason: String, remedy: Remedy? = nil) {
            self.signal = signal
            self.reference = reference
            self.reason = reason
            self.remedy = remedy
        }

        public static func < (a: NotTested, b: NotTested) -> Bool {
            (a.signal.name, a.reference ?? "", a.reason) < (b.signal.name, b.reference ?? "", b.reason)
        }
    }

    public var schemaVersion: Int
    public var command: String
    public var toolVersion: String
    public var store: String
    /// The signals that were tested, with a description each (SARIF rules).
    public var signals: [String: String]
    public var files: [FileResult]
    /// Every signal that was not tested, with its reason (a scan must say what it did not check).
    public var notTested: [NotTested]
    /// The baseline the findings were compared with, when one was given: `findings` then holds only the new ones.
    public var baseline: BaselineSummary?

    /// What a baseline left out of a report.
    public struct BaselineSummary: Sendable, Hashable, Codable {
        /// The baseline file as given.
        public var path: String
        /// Findings the baseline holds.
        public var findings: Int
        /// Findings of this scan that the baseline holds, so not reported.
        public var suppressed: Int

        public init(path: String, findings: Int, suppressed: Int) {
            self.path = path
            self.findings = findings
            self.suppressed = suppressed
        }
    }

    public init(
        schemaVersion: Int, toolVersion: String, store: String, signals: [String: String], files: [FileResult],
        notTested: [NotTested] = []
    ) {
        self.schemaVersion = schemaVersion
        self.command = "scan"
        self.toolVersion = toolVersion
        self.store = store
        self.signals = signals
        self.files = files
        self.notTested = notTested
    }

    public var findingCount: Int { files.reduce(0) { $0 + $1.findings.count } }
    public var failingCount: Int { files.reduce(0) { $0 + $1.findings.filter(\.failing).count } }
}
