import DistillCore
import Foundation

/// JSON output: the source of truth for every report (DESIGN.md "Output"). Keys are sorted and
/// the encoding is fixed, so the same input gives byte-identical output on any machine.
public enum ReportJSON {
    /// The version of the report schemas; bumped on any incompatible change.
    public static let schemaVersion = ReportSchemaVersion.current

    /// Encodes `value` as pretty-printed JSON with sorted keys and a trailing newline.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Writes `data` to `path` atomically: a temporary file in the same directory, then a rename,
    /// so a reader never sees a half-written report.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try data.write(to: url, options: .atomic)
    }
}
