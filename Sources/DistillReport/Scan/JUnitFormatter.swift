import Foundation

/// JUnit XML (the Ant/Surefire schema CI systems read): one test case per input file, one `failure`
/// element listing its failing findings, so a CI shows each file that carries distilled data as a failed test.
public struct JUnitFormatter: ScanFormatter {
    public init() {}

    public func render(_ report: ScanReport) throws -> Data {
        let failedFiles = report.files.filter(\.failed).count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"distillscope\" tests=\"\(report.files.count)\" failures=\"\(failedFiles)\">\n"
        xml += "  <testsuite name=\"distillscope scan\" tests=\"\(report.files.count)\" failures=\"\(failedFiles)\""
        xml += " errors=\"0\" skipped=\"0\">\n"
        for file in report.files {
            xml += "    <testcase classname=\"distillscope.scan\" name=\"\(Self.escape(file.path))\">\n"
            let failing = file.findings.filter(\.failing)
            if let first = failing.first {
                var body = ""
                for f in failing {
                    body += "[\(f.signal)] \(f.message)\n"
                    for e in f.evidence {
                        body += "  \(e.path):\(e.line.map(String.init) ?? "?"): \(e.documentID): \(e.snippet)\n"
                    }
                }
                let message = "\(failing.count) finding(s); strongest: \(first.message)"
                xml += "      <failure type=\"\(Self.escape(first.signal.name))\" message=\"\(Self.escape(message))\">"
                xml += Self.escape(body) + "</failure>\n"
            }
            let notes = file.findings.filter { !$0.failing }.map { "[\($0.signal)] \($0.message)" }
            if !notes.isEmpty {
                xml += "      <system-out>\(Self.escape(notes.joined(separator: "\n")))</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        var lines = report.notTested.map {
            "not tested: [\($0.signal)]\($0.reference.map { " reference \($0)" } ?? ""): \($0.reason)"
        }
        if let b = report.baseline {
            lines.append("baseline \(b.path): \(b.suppressed) finding(s) it holds are not reported")
        }
        if !lines.isEmpty {
            xml += "    <system-out>\(Self.escape(lines.joined(separator: "\n")))</system-out>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return Data(xml.utf8)
    }

    /// XML-escapes text and drops characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
