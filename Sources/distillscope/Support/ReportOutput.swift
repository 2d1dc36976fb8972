import ArgumentParser
import DistillReport
import Foundation

/// `--report FILE` for every command that makes a ``ForensicReport``: the format comes from FILE's
/// extension (.json, .md, .html) and the file is written atomically (temporary file, then rename).
///
/// A command adopts it with `@OptionGroup var report: ReportArguments`, `try report.validate()` runs
/// by itself, and one line after its results are known: `try report.write(forensicReport)`.
struct ReportArguments: ParsableArguments {
    @Option(
        name: .customLong("report"),
        help: "Write a report to FILE: HTML, Markdown or JSON, chosen by the extension (.html, .md, .json).")
    var path: String?

    func validate() throws {
        guard let path else { return }
        if ReportFormat(path: path) == nil {
            throw ValidationError("--report: cannot tell the format of \(path): use .html, .md or .json")
        }
        // Fail before the work, not after it, when the report cannot be written.
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("--report: no such directory: \(directory)")
        }
    }

    /// How many evidence items the engine should keep: 25 for the text and `--json` output, 100 when
    /// a report is written, so that its renderings can show a seeded sample beyond the strongest.
    var evidencePool: Int { path == nil ? 25 : 100 }

    /// Writes `report` when `--report` was given.
    func write(_ report: @autoclosure () throws -> ForensicReport) throws {
        guard let path else { return }
        try ReportOutput.write(try report(), to: path)
    }
}

/// Shared helpers of report output.
enum ReportOutput {
    /// The program name and version recorded in reports.
    static var tool: ForensicReport.Tool { .init(name: "distillscope", version: DistillScope.version) }

    /// The command line, the program's path shortened to its name and secrets (the values of
    /// `--key` and `--watermark-key`) replaced by `<redacted>`: a report is shared, a watermark key is not.
    static var commandLine: [String] { redacted(CommandLine.arguments) }

    /// Options whose value is a secret.
    static let secretOptions = ["--key", "--watermark-key"]

    static func redacted(_ arguments: [String]) -> [String] {
        var out = arguments
        if !out.isEmpty { out[0] = "distillscope" }
        var i = 1
        while i < out.count {
            if secretOptions.contains(out[i]) {
                if i + 1 < out.count { out[i + 1] = "<redacted>" }
                i += 2
                continue
            }
            if let option = secretOptions.first(where: { out[i].hasPrefix($0 + "=") }) {
                out[i] = option + "=<redacted>"
            }
            i += 1
        }
        return out
    }

    /// Renders `report` in `format` (default: from the extension) and writes it to `path`, or to
    /// standard output for `-`.
    static func write(_ report: ForensicReport, to path: String, format: ReportFormat? = nil) throws {
        guard let format = format ?? ReportFormat(path: path) else { throw ReportError.unknownFormat(path: path) }
        try Terminal.write(try format.renderer.render(report), toPath: path)
    }
}

/// Wall-clock time of a command's phases, for the report's `timings`.
struct PhaseClock {
    private var last = ContinuousClock.now
    private(set) var timings: [ForensicReport.Timing] = []

    /// Ends the phase `name` (started at the previous lap or at creation).
    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        timings.append(
            .init(
                phase: name,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        last = now
    }
}
