import DistillCore

/// "Did you mean" for mistyped names: the closest known name by edit distance.
enum Suggestion {
    /// The candidate nearest to `name` (Levenshtein distance at most 2, or a third of its length),
    /// or nil when none is close.
    static func nearest(to name: String, in candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// ` (did you mean "x"?)`, or an empty string.
    static func hint(for name: String, in candidates: [String]) -> String {
        nearest(to: name, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// Levenshtein distance over characters.
    /// - Complexity: O(*a* · *b*).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(200))
        let b = Array(b.prefix(200))
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var row = previous
        for i in 1...a.count {
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}

/// The signal names a user may write in `--fail-on` and the config.
enum SignalNames {
    /// Names for suggestions: the default n-gram widths and every other signal.
    static var known: [String] {
        ["ngram-8", "ngram-13"] + Signal.Kind.allCases.filter { $0 != .ngramContainment }.map(\.rawValue)
    }

    /// Whether `name` names a signal: `ngram-N` for a width N ≥ 1, or another signal's name.
    static func isKnown(_ name: String) -> Bool {
        if name.hasPrefix("ngram-"), let n = Int(name.dropFirst(6)), n >= 1, String(n) == name.dropFirst(6) {
            return true
        }
        return Signal.Kind(rawValue: name).map { $0 != .ngramContainment } ?? false
    }

    /// Checks a `--fail-on`/`fail-on` value: `any`, `none`, or known signal names separated by commas.
    /// - Returns: nil when valid, else the reason with a suggestion.
    static func problem(failOn spec: String) -> String? {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        if trimmed == "any" || trimmed == "none" { return nil }
        let names = trimmed.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if names.contains(where: \.isEmpty) { return "empty signal name in \(spec.debugDescription)" }
        for name in names where !isKnown(name) {
            return "unknown signal \(DistillError.excerpt(name, limit: 60).debugDescription)"
                + Suggestion.hint(for: name, in: ["any", "none"] + known)
                + "; use any, none, or signal names (\(known.joined(separator: ", ")))"
        }
        return nil
    }
}
