import Foundation

/// The report as JSON with sorted keys (``ReportJSON``): the source of truth that the other formats
/// render, and what `distillscope report render` reads back.
public struct JSONReportRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: ForensicReport) throws -> Data {
        try ReportJSON.encode(report)
    }

    /// Reads a report written by ``render(_:)``.
    /// - Throws: ``ReportError`` when the data is not a report of a schema version this build reads.
    public static func decode(_ data: Data, path: String) throws -> ForensicReport {
        struct Header: Decodable { var schemaVersion: Int? }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw ReportError.notAReport(path: path, reason: "not a JSON object")
        }
        guard let version = header.schemaVersion else {
            throw ReportError.notAReport(path: path, reason: "no schemaVersion")
        }
        guard version == ForensicReport.currentSchemaVersion else {
            throw ReportError.unsupportedVersion(path: path, version: version)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(ForensicReport.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ReportError.notAReport(
                path: path, reason: "missing \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ReportError.notAReport(path: path, reason: "wrong type at \(Self.path(context.codingPath))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ReportError.notAReport(path: path, reason: "null at \(Self.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw ReportError.notAReport(path: path, reason: "bad value at \(Self.path(context.codingPath))")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
