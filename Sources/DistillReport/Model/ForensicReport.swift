/// The whole forensic report: what was compared, how, every signal's numbers, the verdicts and the
/// evidence. JSON is its source of truth (``JSONReportRenderer``, sorted keys); HTML and Markdown are
/// renderings of it. Versioned: ``currentSchemaVersion`` changes on any incompatible change, and the
/// JSON Schema lives in `docs/report.schema.json`.
///
/// Every section but the reproducibility block is optional so that each command fills what it
/// computes: `compare` fills ``overlap``; `attribute`, `score` and `scan` add the other sections.
public struct ForensicReport: Sendable, Codable, Equatable {
    /// The version of this report's schema.
    public static let currentSchemaVersion = 1

    /// The program that wrote the report.
    public struct Tool: Sendable, Codable, Equatable {
        public var name: String
        public var version: String

        public init(name: String = "distillscope", version: String) {
            self.name = name
            self.version = version
        }
    }

    /// One input corpus, with the content hash that ties the report to the bytes it was made from.
    public struct Input: Sendable, Codable, Equatable {
        /// One file of an input that spans several (a directory).
        public struct File: Sendable, Codable, Equatable {
            public var path: String
            public var bytes: Int
            public var sha256: String?

            public init(path: String, bytes: Int, sha256: String?) {
                self.path = path
                self.bytes = bytes
                self.sha256 = sha256
            }
        }

        /// What the input was used as: `teacher`, `suspect`, `background`, `reference`, ...
        public var role: String
        /// The path as the user gave it (`-` for standard input).
        public var path: String
        /// Bytes read from disk (compressed size for gzip), over all files.
        public var bytes: Int
        /// SHA-256 of the file's bytes as stored; for several files, SHA-256 of the manifest lines
        /// `"<sha256>  <path>\n"` in path order (the format of `sha256sum`). Absent for standard input.
        public var sha256: String?
        public var documents: Int
        /// The files of a directory input (absent for a single file).
        public var files: [File]?

        public init(
            role: String, path: String, bytes: Int, sha256: String?, documents: Int, files: [File]? = nil
        ) {
            self.role = role
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
            self.documents = documents
            self.files = files
        }
    }

    /// Wall-clock time of one phase. Timings are the only numbers that change from run to run.
    public struct Timing: Sendable, Codable, Equatable {
        public var phase: String
        public var seconds: Double

        public init(phase: String, seconds: Double) {
            self.phase = phase
            self.seconds = seconds
        }
    }

    public var schemaVersion: Int
    /// The command that made the report: `compare`, `attribute`, `score` or `scan`.
    public var command: String
    public var tool: Tool
    /// The command line as typed (program name first).
    public var commandLine: [String]
    public var inputs: [Input]
    /// Every option that changes a number, by its command-line name, as text.
    public var options: [String: String]
    public var timings: [Timing]
    /// One verdict per candidate reference (empty when the command computes no calibrated verdict).
    public var verdicts: [ReportVerdict]
    public var overlap: OverlapSection?
    public var style: StyleSection?
    public var attribution: AttributionSection?
    public var identity: IdentitySection?
    public var watermark: WatermarkSection?

    public init(
        command: String, tool: Tool, commandLine: [String], inputs: [Input], options: [String: String] = [:],
        timings: [Timing] = [], verdicts: [ReportVerdict] = [], overlap: OverlapSection? = nil,
        style: StyleSection? = nil, attribution: AttributionSection? = nil, identity: IdentitySection? = nil,
        watermark: WatermarkSection? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.command = command
        self.tool = tool
        self.commandLine = commandLine
        self.inputs = inputs
        self.options = options
        self.timings = timings
        self.verdicts = verdicts
        self.overlap = overlap
        self.style = style
        self.attribution = attribution
        self.identity = identity
        self.watermark = watermark
    }
}
