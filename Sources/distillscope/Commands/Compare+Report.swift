import ArgumentParser
import DistillCore
import DistillReport

extension Compare {
    func validate() throws {
        if [teacher, suspect, background].filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be only one of the corpora")
        }
        if widths.isEmpty || widths.contains(where: { !(1...64).contains($0) }) {
            throw ValidationError("--ngram must be between 1 and 64")
        }
        if !(0...1).contains(nearDuplicateThreshold) || nearDuplicateThreshold == 0 {
            throw ValidationError("--near-duplicate-threshold must be in (0, 1]")
        }
        if boilerplateMinDocs < 0 { throw ValidationError("--boilerplate-min-docs must not be negative") }
        if evidence < 0 { throw ValidationError("--evidence must not be negative") }
    }

    /// The `--report` model of this comparison.
    func forensicReport(_ result: CorpusComparison.Result, clock: PhaseClock) throws -> ForensicReport {
        var options: [String: String] = [
            "ngram": widths.map(String.init).joined(separator: ","),
            "boilerplate-min-docs": String(boilerplateMinDocs),
            "near-duplicate-threshold": String(nearDuplicateThreshold),
            "near-duplicates": noNearDuplicates ? "off" : "on",
            "shingle": String(fingerprint.shingle),
            "permutations": String(fingerprint.permutations),
            "seed": String(fingerprint.seed),
            "evidence": String(evidence),
        ]
        if let textField = corpus.textField { options["text-field"] = textField }
        if let promptField = corpus.promptField { options["prompt-field"] = promptField }
        if let idField = corpus.idField { options["id-field"] = idField }
        if corpus.skipInvalid { options["skip-invalid"] = "on" }
        if noStyle { options["style"] = "off" }
        var report = try CompareReportBuilder.report(
            overlap: result.overlap,
            teacher: .init(role: "teacher", path: teacher, fingerprinted: result.teacher),
            suspect: .init(role: "suspect", path: suspect, fingerprinted: result.suspect),
            background: result.background.map { .init(role: "background", path: background ?? "", fingerprinted: $0) },
            options: options, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine, timings: clock.timings)
        if let style = result.style {
            var comparisons = [(name: "teacher", comparison: style.suspectVsTeacher)]
            if let b = style.suspectVsBackground { comparisons.append((name: "background", comparison: b)) }
            report.style = SignalSectionMapper.style(comparisons: comparisons)
        }
        if let identity = result.identity { report.identity = SignalSectionMapper.identity(identity.suspect) }
        return report
    }
}
