import DistillCore

/// Maps watermark results to the forensic report model.
public enum WatermarkReportMapper {
    /// The `--report` model of a radioactivity test: the radioactivity curve (log10 p against
    /// tuples scored) and a verdict for the key's owner.
    /// - Parameters:
    ///   - report: the test's JSON report.
    ///   - tool: the program that ran the test.
    ///   - commandLine: the command line, secrets redacted.
    /// - Returns: the report, with the suspect's files hashed as its inputs.
    /// - Throws: `DistillError.unreadable` when a suspect file can no longer be read for its hash.
    /// - Complexity: one read of each suspect file (the hashes).
    public static func report(
        _ report: WatermarkRadioactivityReport, tool: ForensicReport.Tool, commandLine: [String]
    ) throws -> ForensicReport {
        var inputs: [ForensicReport.Input] = []
        for path in report.paths {
            inputs.append(try ReportInputHasher.input(role: "suspect", path: path, summary: report.summary))
        }
        let p = report.parameters
        let s = report.result.score
        let keyName = "key \(report.keyFingerprint)"
        let verdict = ReportVerdict(
            reference: keyName, decision: report.finding ? .derived : .notDerived,
            pValue: PValue.linear(fromLog10: s.log10P), log10PValue: s.log10P,
            summary: report.finding
                ? "The suspect carries the watermark of \(keyName): \(s.scored) distinct tuples scored, "
                    + "p = \(ChartNumber.pValue(fromLog10: s.log10P))."
                : "No watermark of \(keyName) at α = \(report.alpha) (p = \(ChartNumber.pValue(fromLog10: s.log10P))).",
            method: "radioactivity test (Sander et al. 2024): each distinct tuple scored once, exact "
                + (p.scheme == .kgw ? "binomial" : "Gamma") + " tail",
            signals: [
                .init(
                    name: "watermark z", value: s.z, pValue: PValue.linear(fromLog10: s.log10P),
                    log10PValue: s.log10P,
                    method: p.scheme.rawValue)
            ])
        let options: [String: String] = [
            "scheme": p.scheme.rawValue, "gamma": String(p.gamma), "context": String(p.contextWidth),
            "seeding": p.seeding.rawValue, "dedup": report.result.options.deduplicate ? "on" : "off",
            "promptFilter": report.result.options.skipPromptContexts
                ? report.result.options.promptFilter.rawValue : "off",
            "tokenizer": report.tokenization, "alpha": String(report.alpha), "key": report.keyFingerprint,
        ]
        let section = WatermarkSection(
            scheme: p.scheme.rawValue, keyName: keyName, greenFraction: s.greenFraction,
            gamma: p.scheme == .kgw ? p.gamma : nil, alpha: report.alpha, contextWidth: p.contextWidth, documents: nil,
            radioactivity: report.result.curve.map { .init(tokensScored: $0.scored, log10P: $0.log10P) })
        return ForensicReport(
            command: "watermark radioactivity", tool: tool, commandLine: commandLine, inputs: inputs, options: options,
            verdicts: [verdict], watermark: section)
    }
}
