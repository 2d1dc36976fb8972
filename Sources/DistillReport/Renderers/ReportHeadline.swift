/// The words at the top of every rendering: the verdict and its strength, or, when the command
/// computes no calibrated verdict, a plain statement of that with the headline measurements.
struct ReportHeadline {
    /// The strongest verdict first (lowest p-value, then reference name).
    static func rankedVerdicts(_ report: ForensicReport) -> [ReportVerdict] {
        report.verdicts.sorted {
            $0.orderingLog10P != $1.orderingLog10P ? $0.orderingLog10P < $1.orderingLog10P : $0.reference < $1.reference
        }
    }

    /// One line for the whole report.
    static func title(_ report: ForensicReport) -> String {
        guard let top = rankedVerdicts(report).first else {
            return "No verdict: measurements only"
        }
        switch top.decision {
        case .derived: return "Derived from \(top.reference) — \(top.strength.rawValue) evidence"
        case .inconclusive: return "Inconclusive — closest: \(top.reference)"
        case .notDerived: return "No parent found among \(report.verdicts.count) candidate(s)"
        }
    }

    /// Sentences that explain the title.
    static func lines(_ report: ForensicReport) -> [String] {
        var out: [String] = []
        if report.verdicts.isEmpty {
            out.append(
                "The \(report.command) command measures similarity but does not test it against independent models, so this report makes no accusation; the score command gives calibrated verdicts."
            )
        }
        if let o = report.overlap {
            for w in o.widths {
                out.append(
                    "\(w.n)-gram containment of the suspect in \(o.reference): \(ChartNumber.percent(w.corpusContainment, decimals: 2)) of non-boilerplate windows; \(w.evidenceSpans) evidence span(s)."
                )
            }
            if let nd = o.nearDuplicates {
                out.append("Near-duplicate pairs at Jaccard ≥ \(ChartNumber.label(nd.threshold)): \(nd.pairs.total).")
            }
        }
        return out
    }
}
