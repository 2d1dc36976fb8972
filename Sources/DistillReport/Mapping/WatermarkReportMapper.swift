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
                + (p.scheme.isBinomial ? "binomial" : "Gamma") + " tail",
            signals: [
                .init(
                    name: "watermark z", value: s.z, pValue: PValue.linear(fromLog10: s.log10P),
                    log10PValue: s.log10P,
                    method: p.scheme.rawValue)
            ])
        var options: [String: String] = [
            "scheme": p.scheme.rawValue, "gamma": String(p.gamma), "context": String(p.contextWidth),
            "seeding": p.seeding.rawValue, "dedup": report.result.options.deduplicate ? "on" : "off",
            "promptFilter": report.result.options.skipPromptContexts
                ? report.result.options.promptFilter.rawValue : "off",
            "tokenizer": report.tokenization, "alpha": String(report.alpha), "key": report.keyFingerprint,
        ]
        if let d = report.deployed {
            // The deployed schemes' own parameter names; γ is the null success probability.
            options["seeding"] = nil
            let named: [(String, String?)] = [
                ("vocab_size", d.vocabSize.map(String.init)), ("prefix_length", d.prefixLength.map(String.init)),
                ("f_scheme", d.fScheme), ("seeding_scheme", d.seedingScheme),
                ("ngram_len", d.ngramLen.map(String.init)), ("keys", d.depth.map(String.init)),
                ("sampling_table_size", d.samplingTableSize.map(String.init)),
                ("sampling_table_seed", d.samplingTableSeed.map(String.init)),
                ("context_history_size", d.contextHistorySize.map(String.init)),
            ]
            for case (let name, let value?) in named { options[name] = value }
            if let g = d.gamma { options["gamma"] = String(g) }
            options["nullProbability"] = String(d.nullProbability)
        }
        let section = WatermarkSection(
            scheme: p.scheme.rawValue, keyName: keyName, greenFraction: s.greenFraction,
            gamma: p.scheme.isBinomial ? p.gamma : nil, alpha: report.alpha, contextWidth: p.contextWidth,
            documents: nil,
            radioactivity: report.result.curve.map { .init(tokensScored: $0.scored, log10P: $0.log10P) })
        return ForensicReport(
            command: "watermark radioactivity", tool: tool, commandLine: commandLine, inputs: inputs, options: options,
            verdicts: [verdict], watermark: section)
    }
}
