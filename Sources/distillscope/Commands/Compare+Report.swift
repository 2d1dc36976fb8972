import DistillCore
import DistillReport

extension Compare {
    /// The `--report` model of this comparison.
    func forensicReport(
        _ overlap: OverlapReport, teacher: FingerprintedCorpus, suspect: FingerprintedCorpus,
        background: FingerprintedCorpus?, sections: (style: CompareStyleSection?, identity: CompareIdentitySection?)?,
        clock: PhaseClock
    ) throws -> ForensicReport {
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
            overlap: overlap,
            teacher: .init(role: "teacher", path: self.teacher, fingerprinted: teacher),
            suspect: .init(role: "suspect", path: self.suspect, fingerprinted: suspect),
            background: background.map { .init(role: "background", path: self.background ?? "", fingerprinted: $0) },
            options: options, tool: ReportOutput.tool, commandLine: ReportOutput.commandLine, timings: clock.timings)
        if let style = sections?.style {
            var comparisons = [(name: "teacher", comparison: style.suspectVsTeacher)]
            if let b = style.suspectVsBackground { comparisons.append((name: "background", comparison: b)) }
            report.style = SignalSectionMapper.style(comparisons: comparisons)
        }
        if let identity = sections?.identity { report.identity = SignalSectionMapper.identity(identity.suspect) }
        return report
    }
}
