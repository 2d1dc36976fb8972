import DistillCore

/// Maps an attribution to the forensic report model.
public enum AttributionReportMapper {
    /// The `--report` model of an attribution: the style distances with their nulls, the bootstrap
    /// shares, the suspect's identity claims, and the outcome as the verdict of each reference.
    /// - Parameters:
    ///   - report: the attribution's JSON report.
    ///   - segmentWords: the bootstrap segment length the corpora were read with (0: whole documents).
    ///   - tool: the program that ran the attribution.
    ///   - commandLine: the command line, secrets redacted.
    /// - Returns: the report, with the corpora's files hashed as its inputs.
    /// - Throws: `DistillError.unreadable` when an input file can no longer be read for its hash.
    /// - Complexity: one read of each input file (the hashes).
    public static func report(
        _ report: AttributeReport, segmentWords: Int, tool: ForensicReport.Tool, commandLine: [String]
    ) throws -> ForensicReport {
        let r = report.result
        var inputs = [
            try ReportInputHasher.input(role: "suspect", path: report.suspect.path, summary: report.suspect.summary)
        ]
        for ref in report.references {
            inputs.append(
                try ReportInputHasher.input(role: "reference \(ref.name)", path: ref.path, summary: ref.summary))
        }
        let options: [String: String] = [
            "distance": r.options.distance.rawValue, "basis": r.options.basis.rawValue,
            "mfw": String(r.options.mostFrequentWords), "function-words": r.options.functionWords ? "on" : "off",
            "bootstrap": String(r.options.bootstrap), "seed": String(r.options.seed), "alpha": String(r.options.alpha),
            "segment-words": String(segmentWords),
        ]
        let verdicts = r.references.map { ref -> ReportVerdict in
            let attributed = r.attributedTo == ref.name
            let summary =
                attributed
                ? "The suspect's style is closest to \(ref.name) (ranked first in "
                    + "\(ChartNumber.percent(ref.rankFirstFraction)) of bootstrap replicates) and nearer than independent "
                    + "references are (p = \(ChartNumber.pValue(ref.pValue)))."
                : "Not attributed to \(ref.name): \(r.inconclusive == true ? "inconclusive" : r.attributedTo == nil ? "none of these" : "closer to \(r.attributedTo!)")."
            return ReportVerdict(
                reference: ref.name, decision: attributed ? .derived : .notDerived, pValue: ref.pValue,
                summary: summary,
                method:
                    "empirical p-value of the \(r.options.distance.rawValue) Delta against same-size samples of the other references",
                signals: [
                    .init(
                        name: "delta", value: ref.distance, pValue: ref.pValue,
                        method: "\(r.options.distance.rawValue) Delta"),
                    .init(name: "rank-first share", value: ref.rankFirstFraction, pValue: nil, method: "bootstrap"),
                ])
        }
        var out = ForensicReport(
            command: "attribute", tool: tool, commandLine: commandLine, inputs: inputs, options: options,
            verdicts: verdicts, style: SignalSectionMapper.style(r), attribution: SignalSectionMapper.attribution(r))
        if let identity = report.identity { out.identity = SignalSectionMapper.identity(identity) }
        return out
    }
}
