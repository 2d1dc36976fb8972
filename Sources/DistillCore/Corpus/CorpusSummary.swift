/// What reading a corpus found: per file and in total, with every skipped record accounted for.
public struct CorpusSummary: Sendable, Codable, Equatable {
    /// One input file.
    public struct FileSummary: Sendable, Codable, Equatable {
        public var path: String
        public var container: ContainerFormat
        public var gzip: Bool
        /// Bytes read from disk (compressed size for gzip).
        public var inputBytes: Int
        /// Bytes after decompression.
        public var decodedBytes: Int
        public var records: Int
        public var documents: Int
        /// Records of each shape.
        public var shapes: [String: Int]
    }

    /// A record left out under `--skip-invalid`.
    public struct SkippedRecord: Sendable, Codable, Equatable {
        public var location: InputLocation
        public var reason: String
    }

    /// Why records were skipped.
    public enum SkipReason: String, Sendable, Codable, CaseIterable {
        case malformedJSON = "malformed-json"
        case missingText = "missing-text-field"
        case invalidUTF8 = "invalid-utf8"
        case tooLarge = "too-large"
        case empty = "empty-text-file"
    }

    public var files: [FileSummary] = []
    public var records = 0
    public var documents = 0
    /// Blank lines in JSONL files (not records; never an error).
    public var blankLines = 0
    /// Records that held no document (for example a chat with no assistant turn).
    public var recordsWithoutDocuments = 0
    /// Lone surrogate escapes replaced by U+FFFD.
    public var repairedSurrogates = 0
    /// Skipped records by reason.
    public var skipped: [String: Int] = [:]
    /// The first skipped records (at most ``maximumExamples``), in input order.
    public var skippedExamples: [SkippedRecord] = []

    public static let maximumExamples = 10

    public init() {}

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// Records of each shape over all files.
    public var shapes: [String: Int] {
        var out: [String: Int] = [:]
        for f in files { for (k, v) in f.shapes { out[k, default: 0] += v } }
        return out
    }

    mutating func noteSkip(_ error: DistillError) {
        let reason: SkipReason
        switch error {
        case .invalidUTF8: reason = .invalidUTF8
        case .missingTextField: reason = .missingText
        case .recordTooLarge: reason = .tooLarge
        case .emptyInput: reason = .empty
        default: reason = .malformedJSON
        }
        skipped[reason.rawValue, default: 0] += 1
        if skippedExamples.count < Self.maximumExamples, let location = error.location {
            skippedExamples.append(SkippedRecord(location: location, reason: error.description))
        }
    }
}
