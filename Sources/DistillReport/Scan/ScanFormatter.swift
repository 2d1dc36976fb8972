import Foundation

/// A rendering of a ``ScanReport``: one type per format.
public protocol ScanFormatter {
    /// The rendered bytes.
    func render(_ report: ScanReport) throws -> Data
}

/// JSON, the source of truth (sorted keys, ``ReportJSON``).
public struct ScanJSONFormatter: ScanFormatter {
    public init() {}
    public func render(_ report: ScanReport) throws -> Data { try ReportJSON.encode(report) }
}

/// A short human-readable listing, one finding per line with its evidence as `file:line`.
public struct ScanTextFormatter: ScanFormatter {
    public init() {}
    public func render(_ report: ScanReport) throws -> Data {
        var out = ""
        for file in report.files {
            if file.findings.isEmpty {
                out += "\(file.path): ok (\(file.documents) documents)\n"
                continue
            }
            for f in file.findings {
                out += "\(file.path): \(f.failing ? "error" : "warning"): [\(f.signal)] \(f.message)\n"
                for e in f.evidence {
                    let snippet = e.snippet.replacingOccurrences(of: "\n", with: " ")
                    out += "  \(e.path):\(e.line.map(String.init) ?? "?"): \(e.documentID): \(snippet.prefix(120))\n"
                }
            }
        }
        for n in report.notTested {
            out += "not tested: [\(n.signal)]\(n.reference.map { " reference \($0)" } ?? ""): \(n.reason)\n"
        }
        out += "\(report.files.count) files, \(report.findingCount) findings, \(report.failingCount) failing"
        if let b = report.baseline {
            out += " (new since baseline \(b.path); \(b.suppressed) more it holds are not reported)"
        }
        out += "\n"
        return Data(out.utf8)
    }
}
