import DistillCore
import Foundation

/// When a signal becomes a finding, and which findings fail a run. Thresholds are per signal, with
/// a default; a finding needs its corrected p-value at most `alpha` and its exceedance rate at least
/// `minimumRate`.
public struct ScanPolicy: Sendable, Hashable {
    /// One signal's thresholds.
    public struct Threshold: Sendable, Hashable {
        public var alpha: Double
        public var minimumRate: Double

        public init(alpha: Double = VerdictOptions.defaultAlpha, minimumRate: Double = 0) {
            self.alpha = alpha
            self.minimumRate = minimumRate
        }
    }

    /// Which findings fail the run (exit 1).
    public enum FailOn: Sendable, Hashable {
        case any
        case none
        case signals(Set<String>)

        /// Parses `any`, `none`, or a comma-separated list of signal names.
        public init?(_ spec: String) {
            let trimmed = spec.trimmingCharacters(in: .whitespaces)
            switch trimmed {
            case "any": self = .any
            case "none": self = .none
            default:
                let names = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if names.isEmpty || names.contains(where: \.isEmpty) { return nil }
                self = .signals(Set(names))
            }
        }

        func fails(_ signal: String) -> Bool {
            switch self {
            case .any: return true
            case .none: return false
            case .signals(let names): return names.contains(signal)
            }
        }
    }

    public var defaultThreshold: Threshold
    public var signalThresholds: [String: Threshold]
    /// References whose findings are dropped (allowed sources).
    public var allowedReferences: Set<String>
    public var failOn: FailOn

    public init(
        defaultThreshold: Threshold = Threshold(), signalThresholds: [String: Threshold] = [:],
        allowedReferences: Set<String> = [], failOn: FailOn = .any
    ) {
        self.defaultThreshold = defaultThreshold
        self.signalThresholds = signalThresholds
        self.allowedReferences = allowedReferences
        self.failOn = failOn
    }

    /// The findings of one scored file, strongest first.
    /// - Parameter path: the input file, for evidence locations.
    /// The signals of `report` that were not tested, with their reasons, and every signal of `names`
    /// that no reference produced at all (such as the watermark when no reference has one).
    public static func notTested(of report: ScoreReport, names: [String]) -> [ScanReport.NotTested] {
        var out: Set<ScanReport.NotTested> = []
        var produced: Set<Signal> = []
        for v in report.references {
            for s in v.signals {
                if let note = s.note {
                    out.insert(.init(signal: s.signal, reference: v.reference, reason: note, remedy: s.remedy))
                } else {
                    produced.insert(s.signal)
                }
            }
        }
        let mentioned = produced.union(out.map(\.signal))
        for name in names {
            guard let signal = Signal(name: name), !mentioned.contains(signal) else { continue }
            let reason =
                signal == .watermark
                ? "no reference in the store has a watermark configuration"
                : "no reference in the store has what this signal needs"
            out.insert(
                .init(
                    signal: signal, reference: nil, reason: reason,
                    remedy: signal == .watermark ? .configureWatermark : nil))
        }
        return out.sorted()
    }

    public func findings(of report: ScoreReport) -> [ScanReport.Finding] {
        var out: [ScanReport.Finding] = []
        for v in report.references where !allowedReferences.contains(v.reference) {
            for s in v.signals {
                let t = signalThresholds[s.signal.name] ?? defaultThreshold
                let corrected = report.correctedAcrossReport(log10PValue: s.log10PValue)
                guard s.usedInDecision, s.note == nil, PValue.rejects(log10P: corrected, alpha: t.alpha) else {
                    continue
                }
                guard s.detail != nil || s.suspect.rate >= t.minimumRate else { continue }
                let evidence = s.evidence.map {
                    ScanReport.Location(
                        path: $0.location.path, line: $0.location.line, documentID: $0.suspectID,
                        referenceDocumentID: $0.referenceID, snippet: $0.excerpt)
                }
                let message =
                    (s.detail.map { "reference \(v.reference)'s \(s.signal) found: \($0)" }
                        ?? "\(s.suspect.exceeding) of \(s.suspect.documents) documents match reference \(v.reference) "
                        + "beyond what independent models do")
                    + " (\(s.signal), corrected p = \(VerdictSummary.format(log10P: corrected)))"
                out.append(
                    ScanReport.Finding(
                        signal: s.signal, reference: v.reference, rate: s.suspect.rate,
                        exceedingDocuments: s.suspect.exceeding, log10PValue: corrected,
                        failing: failOn.fails(s.signal.name), message: message, evidence: evidence))
            }
        }
        return out.sorted {
            ($0.log10PValue, $0.reference, $0.signal.name) < ($1.log10PValue, $1.reference, $1.signal.name)
        }
    }
}
