import Foundation

/// Turns a ``ForensicReport`` into the bytes of one output format. One type per format
/// (``JSONReportRenderer``, ``MarkdownReportRenderer``, ``HTMLReportRenderer``).
public protocol ReportRenderer: Sendable {
    /// - Returns: the rendered report (UTF-8 text for every format so far).
    /// - Throws: when the report cannot be encoded.
    func render(_ report: ForensicReport) throws -> Data
}

/// The output formats of a report, chosen from a file name's extension.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case json
    case markdown = "md"
    case html

    /// The format of `path` from its extension (`.json`, `.md`/`.markdown`, `.html`/`.htm`), or nil.
    public init?(path: String) {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "json": self = .json
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// The renderer of this format with its default limits.
    public var renderer: any ReportRenderer {
        switch self {
        case .json: return JSONReportRenderer()
        case .markdown: return MarkdownReportRenderer()
        case .html: return HTMLReportRenderer()
        }
    }
}
