/// How much of a report a human-readable rendering shows. Long lists are cut (with counts of what
/// was left out) so that a report of a 100k-document comparison stays a few megabytes at most.
public struct RenderLimits: Sendable, Equatable {
    /// Evidence pairs: the strongest, then a seeded sample of the rest.
    public var evidenceTop: Int
    public var evidenceSample: Int
    /// Characters of one evidence passage (context first, then the shared text, is cut).
    public var passageCharacters: Int
    /// Rows of any other list (verdicts, near-duplicates, distances, claims, files, phrases).
    public var rows: Int
    /// Points of a chart.
    public var chartPoints: Int

    public init(
        evidenceTop: Int = 20, evidenceSample: Int = 10, passageCharacters: Int = 1_200, rows: Int = 50,
        chartPoints: Int = 400
    ) {
        self.evidenceTop = evidenceTop
        self.evidenceSample = evidenceSample
        self.passageCharacters = passageCharacters
        self.rows = rows
        self.chartPoints = chartPoints
    }

    /// The evidence sampler for these limits.
    public var sampler: EvidenceSampler { EvidenceSampler(top: evidenceTop, sample: evidenceSample) }

    /// `segments` cut to ``passageCharacters`` in total: each segment keeps its share, an ellipsis
    /// marks a cut, and the shared segments are cut last.
    public func trim(_ segments: [EvidencePassage.Segment]) -> [EvidencePassage.Segment] {
        let total = segments.reduce(0) { $0 + $1.text.count }
        guard total > passageCharacters else { return segments }
        let sharedTotal = segments.filter(\.shared).reduce(0) { $0 + $1.text.count }
        let sharedBudget = min(sharedTotal, passageCharacters * 3 / 4)
        let contextTotal = total - sharedTotal
        let contextBudget = passageCharacters - sharedBudget
        return segments.enumerated().map { i, s in
            let length = s.text.count
            let budget =
                s.shared
                ? length * sharedBudget / max(sharedTotal, 1)
                : length * contextBudget / max(contextTotal, 1)
            guard length > budget else { return s }
            // Context before the first shared segment keeps its end; everything else keeps its start.
            let isLeadingContext =
                !s.shared && segments[(i + 1)...].contains(where: \.shared)
                && !segments[..<i].contains(where: \.shared)
            let text =
                isLeadingContext
                ? "…" + String(s.text.suffix(max(0, budget - 1)))
                : String(s.text.prefix(max(0, budget - 1))) + "…"
            return EvidencePassage.Segment(text, shared: s.shared)
        }
    }

    /// "N more not shown" (or nil when nothing was left out).
    public static func more(_ omitted: Int, _ noun: String) -> String? {
        omitted > 0 ? "\(omitted) more \(noun) not shown" : nil
    }
}
