import Foundation

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format,
/// https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run, one rule per signal, one result per
/// finding with its evidence as physical locations (file and start line).
public struct SARIFFormatter: ScanFormatter {
    public init() {}

    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }
    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
    }
    /// The run's invocation; signals that were not tested are its notifications (SARIF §3.20.21).
    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }
    struct Notification: Encodable {
        var level: String
        var message: Message
        var associatedRule: RuleReference
    }
    struct RuleReference: Encodable { var id: String }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }
    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
    }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
        var properties: Properties
    }
    struct Properties: Encodable {
        var reference: String
        var log10PValue: Double
        var rate: Double
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int }

    public func render(_ report: ScanReport) throws -> Data {
        let rules = report.signals.keys.sorted().map {
            Rule(id: $0, shortDescription: Message(text: report.signals[$0]!))
        }
        var results: [Result] = []
        for file in report.files {
            for f in file.findings {
                var locations = f.evidence.map {
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri($0.path)),
                            region: $0.line.map { Region(startLine: max(1, $0)) }))
                }
                if locations.isEmpty {
                    locations = [
                        Location(
                            physicalLocation: PhysicalLocation(
                                artifactLocation: ArtifactLocation(uri: Self.uri(file.path)), region: nil))
                    ]
                }
                results.append(
                    Result(
                        ruleId: f.signal.name, level: f.failing ? "error" : "warning",
                        message: Message(text: f.message),
                        locations: locations,
                        properties: Properties(reference: f.reference, log10PValue: f.log10PValue, rate: f.rate)))
            }
        }
        let log = Log(
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            name: "distillscope", version: report.toolVersion,
                            informationUri: "https://github.com/distillscope/distillscope", rules: rules)),
                    invocations: [
                        Invocation(
                            executionSuccessful: true,
                            toolExecutionNotifications: report.notTested.map {
                                Notification(
                                    level: "note",
                                    message: Message(
                                        text: "not tested\($0.reference.map { " for reference \($0)" } ?? ""): "
                                            + $0.reason),
                                    associatedRule: RuleReference(id: $0.signal.name))
                            })
                    ],
                    results: results)
            ])
        return try ReportJSON.encode(log)
    }

    /// A relative path as is (percent-encoded where needed), an absolute one as a `file://` URI.
    static func uri(_ path: String) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).absoluteString }
        return path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
