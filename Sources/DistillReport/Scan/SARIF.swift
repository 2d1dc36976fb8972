/// The subset of SARIF 2.1.0 objects ``SARIFFormatter`` writes (section numbers of the OASIS standard).
enum SARIF {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }
    /// §3.14.
    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: ArtifactLocation]
        var invocations: [Invocation]
        var results: [Result]
        var properties: RunProperties?
    }
    struct RunProperties: Encodable { var baseline: ScanReport.BaselineSummary }
    /// §3.20: signals that were not tested are its notifications (§3.20.21).
    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }
    struct Notification: Encodable {
        var level: String
        var message: Message
        var associatedRule: RuleReference?
    }
    struct RuleReference: Encodable { var id: String }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }
    /// §3.49.
    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
    }
    struct Message: Encodable { var text: String }
    /// §3.27.
    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
        /// §3.27.24: `new` when the run was compared with a baseline.
        var baselineState: String?
        var properties: ResultProperties
    }
    struct ResultProperties: Encodable {
        var reference: String
        var log10PValue: Double
        var rate: Double
        /// True when the file is gzip-compressed: line numbers count lines of the decompressed text.
        var decompressedLineNumbers: Bool?
    }
    /// §3.28; `id` and `message` only on related locations.
    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message? = nil
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    /// §3.4; `uriBaseId` §3.4.4.
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String? = nil
    }
    struct Region: Encodable { var startLine: Int }
}
