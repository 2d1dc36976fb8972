import Foundation

/// The one error type of `DistillReport`.
public enum ReportError: Error, Sendable, Equatable {
    /// A file that is not a forensic report (or a damaged one).
    case notAReport(path: String, reason: String)
    /// A report of a schema version this build does not read.
    case unsupportedVersion(path: String, version: Int)
    /// A report file name whose extension names no format.
    case unknownFormat(path: String)
    /// A report that could not be written.
    case cannotWrite(path: String, reason: String)
    /// A `scan --baseline` file that cannot be read, or is not a full `scan` JSON report or SARIF log.
    case invalidBaseline(path: String, reason: String)
}

extension ReportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .notAReport(let path, let reason):
            return "\(path): not a distillscope report: \(reason)"
        case .unsupportedVersion(let path, let version):
            return
                "\(path): report schema version \(version) is not supported (this build reads version \(ForensicReport.currentSchemaVersion))"
        case .unknownFormat(let path):
            return "\(path): cannot tell the report format from the extension (use .json, .md or .html)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write the report: \(reason)"
        case .invalidBaseline(let path, let reason):
            return "\(path): not a usable baseline: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
