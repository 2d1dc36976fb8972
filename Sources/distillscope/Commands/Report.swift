import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope report`: work with saved reports.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with saved reports.", subcommands: [Render.self])

    /// `distillscope report render REPORT.json --format html|md [--out FILE]`.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a saved JSON report as HTML or Markdown.",
            discussion: "Without --out the rendering goes to standard output; with it the file is written atomically.")

        @Argument(help: "A JSON report written by --report FILE.json.")
        var input: String

        @Option(help: "Output format: html, md or json (default: from the --out extension).")
        var format: ReportFormat?

        @Option(name: [.customLong("output"), .customLong("out")], help: "Write to FILE instead of standard output.")
        var out: String?

        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if format == nil && out.flatMap(ReportFormat.init(path:)) == nil {
                throw ValidationError("give --format html|md|json, or an --output file ending in .html, .md or .json")
            }
        }

        func run() throws {
            guard FileManager.default.fileExists(atPath: input) else { throw DistillError.missingPath(input) }
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: input))
            } catch {
                throw DistillError.unreadable(path: input, reason: error.localizedDescription)
            }
            let report = try JSONReportRenderer.decode(data, path: input)
            let chosen = format ?? out.flatMap(ReportFormat.init(path:)) ?? .html
            try ReportOutput.write(report, to: out ?? "-", format: chosen)
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
