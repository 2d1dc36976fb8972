import DistillCore
import DistillReport
import Foundation

/// Human-readable output of `attribute`.
enum AttributeTextFormatter {
    /// The references ranked with their distances and p-values, the outcome, and the suspect's identity claims.
    static func format(_ report: AttributeReport) -> String {
        let r = report.result
        var out = "suspect  \(report.suspect.path): \(r.suspectSegments) segments, \(r.suspectWords) words\n"
        out += "features \(r.vocabulary.count) words; \(r.options.distance.rawValue) Delta, z-scores over "
        out += "\(r.options.basis.rawValue); \(r.options.bootstrap) bootstrap replicates\n\n"
        out += "  reference             distance  Burrows  Cosine   first   p-value  threshold\n"
        for ref in r.references {
            let name = DistillError.excerpt(ref.name, limit: 20).padding(toLength: 20, withPad: " ", startingAt: 0)
            out += String(
                format: "  %@  %8.4f  %7.4f  %6.4f  %5.1f%%  %7.4f  %8.4f\n", name, ref.distance, ref.burrowsDelta,
                ref.cosineDelta, 100 * ref.rankFirstFraction, ref.pValue, ref.noneThreshold)
        }
        if r.inconclusive == true, let closest = r.references.first {
            out += String(
                format: "\ninconclusive (closest: %@; only %.1f%% of bootstrap replicates agree, %.0f%% needed)\n",
                closest.name, 100 * r.confidence, 100 * AttributionResult.minimumConfidence)
        } else if let to = r.attributedTo {
            out += String(format: "\nattributed to %@ (confidence %.1f%%)\n", to, 100 * r.confidence)
        } else {
            out += String(format: "\nnone of these (confidence %.1f%%)\n", 100 * r.confidence)
        }
        if let identity = report.identity, !identity.rates.isEmpty {
            out += "\nIdentity claims\n" + IdentityTextFormatter.format(identity, name: "suspect")
        }
        return out
    }
}
