import DistillCore
import Foundation

/// Maps the verdicts of `score` and the findings of `scan` to ``ForensicReport`` verdicts.
public enum VerdictReportMapper {
    /// One verdict per reference of a scored suspect: decision, Holm-adjusted p-value, the
    /// plain-language summary and every signal with its own p-value.
    /// - Complexity: O(references × signals).
    public static func verdicts(_ report: ScoreReport) -> [ReportVerdict] {
        report.references.map { ref in
            ReportVerdict(
                reference: ref.reference, decision: ref.parentFound ? .derived : .notDerived,
                pValue: PValue.linear(fromLog10: ref.log10AdjustedPValue), log10PValue: ref.log10AdjustedPValue,
                summary: ref.summary,
                method: "per-document exceedance of the other references' null, exact binomial tail; "
                    + "Holm–Bonferroni over \(report.references.count) references (α = "
                    + "\(report.verdictOptions.alpha))",
                signals: ref.signals.map { s in
                    let tested = s.note == nil && s.detail == nil && s.paired == nil
                    let comparisons =
                        (s.paired ?? []).map { c in
                            ReportVerdict.Signal.Comparison(
                                against: c.against, sibling: false, wins: c.wins, losses: c.losses, ties: c.ties,
                                log10PValue: c.log10PValue)
                        }
                        + (s.siblings ?? []).map { c in
                            ReportVerdict.Signal.Comparison(
                                against: c.against, sibling: true, wins: c.wins, losses: c.losses, ties: c.ties,
                                log10PValue: c.log10PValue)
                        }
                    return .init(
                        name: s.signal.name + (s.usedInDecision ? "" : " (corroborating)"),
                        value: s.detail == nil ? s.suspect.rate : (s.measures["greenFraction"] ?? s.measures["z"] ?? 0),
                        pValue: PValue.linear(fromLog10: s.log10PValue), log10PValue: s.log10PValue,
                        method: s.note.map { "not tested: " + $0 } ?? s.method,
                        suspectRate: tested ? s.suspect.rate : nil, nullRate: tested ? s.nullRate : nil,
                        comparisons: comparisons.isEmpty ? nil : comparisons,
                        passages: s.evidence.isEmpty
                            ? nil
                            : s.evidence.map { e in
                                EvidencePassage(
                                    documentID: e.suspectID, tokenStart: e.tokenStart, tokenEnd: e.tokenEnd,
                                    segments: [.init(e.excerpt, shared: e.tokenStart != nil)])
                            },
                        referencePassages: s.evidence.isEmpty
                            || s.evidence.contains(where: { $0.referenceExcerpt == nil })
                            ? nil
                            : s.evidence.map { e in
                                EvidencePassage(
                                    documentID: e.referenceID ?? "",
                                    segments: [.init(e.referenceExcerpt ?? "", shared: false)])
                            })
                })
        }
    }

    /// The report of `score`.
    public static func report(
        _ score: ScoreReport, input: ForensicReport.Input, tool: ForensicReport.Tool, commandLine: [String],
        timings: [ForensicReport.Timing]
    ) -> ForensicReport {
        ForensicReport(
            command: "score", tool: tool, commandLine: commandLine, inputs: [input],
            options: [
                "alpha": String(score.verdictOptions.alpha),
                "ngram": score.options.widths.map(String.init).joined(separator: ","),
            ], timings: timings, verdicts: verdicts(score))
    }

    /// The report of `scan`: one verdict per file and reference with a finding.
    public static func report(
        _ scan: ScanReport, inputs: [ForensicReport.Input], tool: ForensicReport.Tool, commandLine: [String]
    ) -> ForensicReport {
        var verdicts: [ReportVerdict] = []
        for file in scan.files {
            let byReference = Dictionary(grouping: file.findings, by: \.reference)
            for reference in byReference.keys.sorted() {
                let findings = byReference[reference]!.sorted { $0.log10PValue < $1.log10PValue }
                let strongest = findings[0]
                verdicts.append(
                    ReportVerdict(
                        reference: "\(reference) in \(file.path)",
                        decision: findings.contains(where: \.failing) ? .derived : .inconclusive,
                        pValue: PValue.linear(fromLog10: strongest.log10PValue), log10PValue: strongest.log10PValue,
                        summary: strongest.message,
                        method: "scan thresholds (see options)",
                        signals: findings.map {
                            .init(
                                name: $0.signal.name, value: $0.rate, pValue: PValue.linear(fromLog10: $0.log10PValue),
                                log10PValue: $0.log10PValue, method: "scan")
                        }))
            }
        }
        return ForensicReport(
            command: "scan", tool: tool, commandLine: commandLine, inputs: inputs, options: ["store": scan.store],
            verdicts: verdicts)
    }
}
