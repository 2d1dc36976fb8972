import Foundation

/// The findings of an earlier scan, by fingerprint, for `scan --baseline` (semgrep's
/// `--baseline-commit` idea, with a file instead of a commit): a scan then reports only findings
/// whose ``ScanFingerprint`` the baseline does not hold, so only new findings fail a run.
///
/// A baseline is a full scan's JSON report (`--format json`) or SARIF log (`--format sarif`), written
/// by this version's fingerprint (``ScanFingerprint/key``). A report that was itself filtered by a
/// baseline is refused: it lacks the findings its own baseline held, so they would come back as new.
public struct ScanBaseline: Sendable, Hashable {
    /// The file as given.
    public var path: String
    /// Fingerprints of the baseline's findings.
    public var fingerprints: Set<String>

    public init(path: String, fingerprints: Set<String>) {
        self.path = path
        self.fingerprints = fingerprints
    }

    /// Reads a scan JSON report or SARIF log.
    /// - Throws: ``ReportError/invalidBaseline(path:reason:)`` when the file cannot be read, is not
    ///   JSON, is neither format, was filtered by a baseline itself, or has a finding without a fingerprint.
    /// - Complexity: O(size of the file).
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file"
            throw ReportError.invalidBaseline(path: path, reason: reason)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ReportError.invalidBaseline(
                path: path, reason: "not JSON (give the JSON report or SARIF log of an earlier `scan`)")
        }
        guard let root = object as? [String: Any] else {
            throw ReportError.invalidBaseline(path: path, reason: "the top level is not a JSON object")
        }
        self.path = path
        if root["runs"] != nil {
            fingerprints = try Self.sarifFingerprints(root, path: path)
        } else if root["command"] as? String == "scan" {
            fingerprints = try Self.reportFingerprints(root, path: path)
        } else {
            throw ReportError.invalidBaseline(
                path: path,
                reason: "neither a `scan` JSON report nor a SARIF log (no \"command\": \"scan\", no \"runs\")")
        }
    }

    /// `report` without the findings the baseline holds, with a ``ScanReport/BaselineSummary``.
    public func apply(to report: ScanReport) -> ScanReport {
        var out = report
        var suppressed = 0
        for i in out.files.indices {
            let before = out.files[i].findings.count
            out.files[i].findings.removeAll { fingerprints.contains($0.fingerprint) }
            suppressed += before - out.files[i].findings.count
        }
        out.baseline = ScanReport.BaselineSummary(path: path, findings: fingerprints.count, suppressed: suppressed)
        return out
    }

    static func reportFingerprints(_ root: [String: Any], path: String) throws -> Set<String> {
        if root["baseline"] != nil { throw filtered(path) }
        guard let files = root["files"] as? [[String: Any]] else {
            throw ReportError.invalidBaseline(path: path, reason: "\"files\" is missing or not a list of objects")
        }
        var out: Set<String> = []
        for (i, file) in files.enumerated() {
            guard let findings = file["findings"] as? [[String: Any]] else {
                throw ReportError.invalidBaseline(path: path, reason: "files[\(i)].findings is missing or not a list")
            }
            for (j, finding) in findings.enumerated() {
                out.insert(try fingerprint(finding["fingerprint"], at: "files[\(i)].findings[\(j)]", path: path))
            }
        }
        return out
    }

    static func sarifFingerprints(_ root: [String: Any], path: String) throws -> Set<String> {
        guard let runs = root["runs"] as? [[String: Any]] else {
            throw ReportError.invalidBaseline(path: path, reason: "\"runs\" is not a list of objects")
        }
        var out: Set<String> = []
        for (i, run) in runs.enumerated() {
            let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
            let name = driver?["name"] as? String ?? "an unnamed tool"
            guard name == "distillscope" else {
                throw ReportError.invalidBaseline(
                    path: path, reason: "runs[\(i)] was written by \(String(name.prefix(60))), not distillscope scan")
            }
            if (run["properties"] as? [String: Any])?["baseline"] != nil { throw filtered(path) }
            guard let results = run["results"] as? [[String: Any]] else {
                throw ReportError.invalidBaseline(path: path, reason: "runs[\(i)].results is missing or not a list")
            }
            for (j, result) in results.enumerated() {
                let partial = result["partialFingerprints"] as? [String: Any]
                out.insert(
                    try fingerprint(
                        partial?[ScanFingerprint.key], at: "runs[\(i)].results[\(j)].partialFingerprints", path: path))
            }
        }
        return out
    }

    static func fingerprint(_ value: Any?, at place: String, path: String) throws -> String {
        guard let text = value as? String, text.count == 64, text.utf8.allSatisfy({ isLowerHex($0) }) else {
            throw ReportError.invalidBaseline(
                path: path,
                reason: "\(place) has no \(ScanFingerprint.key) fingerprint (64 hex digits); it was written by "
                    + "another version or edited: re-run the baseline scan with this version")
        }
        return text
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    static func filtered(_ path: String) -> ReportError {
        ReportError.invalidBaseline(
            path: path,
            reason: "it was itself filtered by a baseline (it has a \"baseline\" entry), so it lacks the findings "
                + "its own baseline held; give a full scan, written without a baseline")
    }
}
