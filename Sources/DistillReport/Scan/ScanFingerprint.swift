import DistillCore

/// A finding's identity across runs: what SARIF's `partialFingerprints` carries (key ``key``) and
/// what `scan --baseline` matches.
///
/// Version 1 is the lower-case hex SHA-256 (FIPS 180-4) of these UTF-8 lines, joined by `\n`:
/// ```
/// distillscope-finding-v1
/// signal=<signal name>
/// reference=<reference name>
/// path=<the scanned file, relative to the source root; absolute when outside it>
/// evidence=<snippet>            (one line per distinct evidence snippet, sorted by UTF-8 bytes)
/// ```
/// where a snippet is the evidence excerpt of the scanned document with every run of white space
/// (Unicode `White_Space`) replaced by one space and trimmed. Line numbers and document ids are left
/// out on purpose: a document without an `id` is named by its `file:line`, and both shift when
/// lines are added above it. So the fingerprint holds while lines move, and on any thread count
/// (the findings are), and another file added to the scan leaves it alone (each file is scored on
/// its own); it changes when the evidence itself changes (new matching text becomes the strongest
/// evidence), which is a new finding. The idea follows GitHub's advice to fingerprint the matched
/// content, not its position (docs.github.com, "SARIF support for code scanning", partialFingerprints).
public enum ScanFingerprint {
    /// The `partialFingerprints` key (SARIF 2.1.0 §3.27.17: a name and a version).
    public static let key = "distillscopeFinding/v1"

    /// The fingerprint of `finding` in the file named `portablePath` (``SourceRoot/portableName(_:)``).
    public static func of(_ finding: ScanReport.Finding, portablePath: String) -> String {
        var lines = [
            "distillscope-finding-v1", "signal=\(finding.signal.name)", "reference=\(finding.reference)",
            "path=\(portablePath)",
        ]
        let snippets = Set(finding.evidence.map { collapsed($0.snippet) })
        lines += snippets.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }.map { "evidence=\($0)" }
        return SHA256.hex(of: Array(lines.joined(separator: "\n").utf8))
    }

    /// `text` with runs of white space as one space, trimmed.
    static func collapsed(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out += " " }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
