import Foundation

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format,
/// https://docs.oasis-open.org/sarif/sarif/v2.1.0/) shaped for GitHub code scanning
/// (docs.github.com, "SARIF support for code scanning"): one run, one rule per signal, one result per
/// finding. A result's first evidence record is its only `locations` entry (GitHub shows the first
/// location); the others are `relatedLocations`, each with an `id` and a message naming the document.
/// Files under the source root are URIs relative to it with `uriBaseId` `%SRCROOT%` (declared in
/// `originalUriBaseIds`); files outside it are absolute `file://` URIs. `partialFingerprints` carries
/// ``ScanFingerprint`` under ``ScanFingerprint/key``, which GitHub matches across runs. Lines in a
/// gzip-compressed file count lines of the decompressed text, which the result says in its message and
/// in `properties.decompressedLineNumbers`. With a baseline, every result has `baselineState` `new`
/// and the run's `properties.baseline` counts what was left out.
public struct SARIFFormatter: ScanFormatter {
    /// The directory artifact URIs are relative to.
    public var sourceRoot: SourceRoot

    public init(sourceRoot: SourceRoot = .current) {
        self.sourceRoot = sourceRoot
    }

    /// GitHub's upload limit of related locations per result.
    public static let maximumRelatedLocations = 1000

    /// The `uriBaseId` of paths under the source root.
    public static let sourceRootBase = "%SRCROOT%"

    public func render(_ report: ScanReport) throws -> Data {
        let rules = report.signals.keys.sorted().map {
            SARIF.Rule(
                id: $0, shortDescription: .init(text: report.signals[$0]!),
                fullDescription: .init(text: report.signals[$0]!))
        }
        var results: [SARIF.Result] = []
        for file in report.files {
            for f in file.findings { results.append(result(f, in: file, baseline: report.baseline != nil)) }
        }
        var notifications = report.notTested.map {
            SARIF.Notification(
                level: "note",
                message: .init(text: "not tested\($0.reference.map { " for reference \($0)" } ?? ""): \($0.reason)"),
                associatedRule: .init(id: $0.signal.name))
        }
        if let b = report.baseline {
            notifications.append(
                SARIF.Notification(
                    level: "note",
                    message: .init(
                        text: "baseline \(b.path): \(b.suppressed) finding(s) it holds are not reported"),
                    associatedRule: nil))
        }
        let run = SARIF.Run(
            tool: .init(
                driver: .init(
                    name: "distillscope", version: report.toolVersion,
                    informationUri: "https://github.com/distillscope/distillscope", rules: rules)),
            originalUriBaseIds: [Self.sourceRootBase: .init(uri: Self.directoryURI(sourceRoot.path))],
            invocations: [.init(executionSuccessful: true, toolExecutionNotifications: notifications)],
            results: results,
            properties: report.baseline.map { .init(baseline: $0) })
        return try ReportJSON.encode(SARIF.Log(runs: [run]))
    }

    func result(_ f: ScanReport.Finding, in file: ScanReport.FileResult, baseline: Bool) -> SARIF.Result {
        let gzipNote = "; line numbers count lines of the decompressed file (it is gzip-compressed)"
        var locations = f.evidence.enumerated().map { i, e in
            SARIF.Location(
                id: i == 0 ? nil : i,
                physicalLocation: .init(
                    artifactLocation: artifact(e.path), region: e.line.map { .init(startLine: max(1, $0)) }),
                message: i == 0
                    ? nil
                    : .init(
                        text: "evidence: document \(e.documentID)"
                            + (e.referenceDocumentID.map { ", like reference document \($0)" } ?? "")))
        }
        if locations.isEmpty {
            locations = [.init(id: nil, physicalLocation: .init(artifactLocation: artifact(file.path), region: nil))]
        }
        let hasLines = f.evidence.contains { $0.line != nil }
        return SARIF.Result(
            ruleId: f.signal.name, level: f.failing ? "error" : "warning",
            message: .init(text: f.message + (file.gzip && hasLines ? gzipNote : "")),
            locations: [locations[0]],
            relatedLocations: locations.count > 1
                ? Array(locations.dropFirst().prefix(Self.maximumRelatedLocations)) : nil,
            partialFingerprints: [ScanFingerprint.key: f.fingerprint],
            baselineState: baseline ? "new" : nil,
            properties: .init(
                reference: f.reference, log10PValue: f.log10PValue, rate: f.rate,
                decompressedLineNumbers: file.gzip ? true : nil))
    }

    /// A path under the source root as a relative URI on `%SRCROOT%`; any other as an absolute `file://` URI.
    func artifact(_ path: String) -> SARIF.ArtifactLocation {
        if let relative = sourceRoot.relative(path) {
            return .init(uri: Self.percentEncoded(relative), uriBaseId: Self.sourceRootBase)
        }
        if path == "-" { return .init(uri: "stdin", uriBaseId: nil) }
        return .init(uri: URL(fileURLWithPath: SourceRoot.absolute(path)).absoluteString, uriBaseId: nil)
    }

    /// A directory as a `file://` URI ending in `/` (SARIF §3.14.14: a base URI ends with a slash).
    static func directoryURI(_ path: String) -> String {
        let uri = "file://" + percentEncoded(path)
        return uri.hasSuffix("/") ? uri : uri + "/"
    }

    static func percentEncoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
