import DistillCore
import Foundation

/// The style and identity sections of `compare`: profiles of both corpora (and the background),
/// how far apart they are, and which models each corpus names itself as.
struct CompareStyleSection: Codable {
    var teacher: StyleSummary
    var suspect: StyleSummary
    var background: StyleSummary?
    /// Suspect against teacher.
    var suspectVsTeacher: StyleComparison
    /// Suspect against the background, when there is one.
    var suspectVsBackground: StyleComparison?
}

/// The identity section of `compare`.
struct CompareIdentitySection: Codable {
    var teacher: IdentityReport
    var suspect: IdentityReport
}

extension CompareStyleSection {
    /// Profiles the corpora and scans them for identity claims.
    static func compute(
        teacher: String, suspect: String, background: String?, corpusOptions: CorpusOptions,
        detector: IdentityDetector, progress: @escaping (ReadProgress) -> Void
    ) throws -> (style: CompareStyleSection, identity: CompareIdentitySection) {
        let options = StyleCorpus.Options(identity: detector)
        let t = try StyleCorpus.read(
            paths: [teacher], corpusOptions: corpusOptions, options: options, progress: progress)
        let s = try StyleCorpus.read(
            paths: [suspect], corpusOptions: corpusOptions, options: options, progress: progress)
        let b = try background.map {
            try StyleCorpus.read(paths: [$0], corpusOptions: corpusOptions, progress: progress)
        }
        let style = CompareStyleSection(
            teacher: StyleSummary(t.profile), suspect: StyleSummary(s.profile),
            background: b.map { StyleSummary($0.profile) },
            suspectVsTeacher: StyleComparison(s.profile, t.profile),
            suspectVsBackground: b.map { StyleComparison(s.profile, $0.profile) })
        let identity = CompareIdentitySection(
            teacher: (t.identity ?? IdentityTally()).report(patterns: detector.patterns),
            suspect: (s.identity ?? IdentityTally()).report(patterns: detector.patterns))
        return (style, identity)
    }

    /// The text rendering of both sections.
    static func format(style: CompareStyleSection?, identity: CompareIdentitySection?) -> String {
        var out = ""
        if let style {
            let c = style.suspectVsTeacher
            out += "\nStyle (suspect against teacher; descriptive — see `attribute` for a calibrated decision)\n"
            out += String(
                format: "  function words  cosine %.4f  JSD %.4f\n", c.functionWordCosine, c.functionWordJSD)
            out += String(
                format: "  char n-grams    3-gram cosine %.4f  4-gram cosine %.4f  3-gram JSD %.4f\n",
                c.charTrigramCosine, c.charFourgramCosine, c.charTrigramJSD)
            out += String(
                format: "  lengths         word JSD %.4f  sentence JSD %.4f  punctuation JSD %.4f\n",
                c.wordLengthJSD, c.sentenceLengthJSD, c.punctuationJSD)
            for (name, s) in [("teacher", style.teacher), ("suspect", style.suspect)] {
                out += String(
                    format:
                        "  %@  words/sentence %.1f  MATTR %.3f  MTLD %.1f  Yule's K %.1f  bullets in %.0f%% of docs\n",
                    name, s.meanSentenceLength, s.mattr, s.mtld ?? 0, s.yulesK,
                    s.documents == 0 ? 0 : 100 * Double(s.markdown.documentsWithBullets) / Double(s.documents))
                let openings = s.openings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .prefix(3)
                let closings = s.closings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .prefix(3)
                if !openings.isEmpty || !closings.isEmpty {
                    out += "           opens "
                    out += openings.map { String(format: "\"%@\" %.0f%%", $0.key, 100 * $0.value) }.joined(
                        separator: ", ")
                    out += "; closes "
                    out += closings.map { String(format: "\"%@\" %.0f%%", $0.key, 100 * $0.value) }.joined(
                        separator: ", ")
                    out += "\n"
                }
            }
        }
        if let identity {
            out += "\nIdentity claims (documents naming themselves as a model or maker)\n"
            out += IdentityTextFormatter.format(identity.teacher, name: "teacher")
            out += IdentityTextFormatter.format(identity.suspect, name: "suspect")
        }
        return out
    }
}
