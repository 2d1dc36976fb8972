import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `watermark detect --html FILE [--example ID]`: one document token by token.
struct TokenPageArguments: ParsableArguments {
    @Option(help: "Write an HTML page showing one document token by token (green/red or g-value shading).")
    var html: String?

    @Option(help: "The document --html shows (default: the one with the smallest p-value).")
    var example: String?

    /// The watermark a page is drawn under.
    enum Source {
        case deployed(DeployedWatermark)
        case portable(WatermarkDetector)
    }

    func validate(paths: [String]) throws {
        if example != nil && html == nil { throw ValidationError("--example needs --html") }
        if html != nil && paths.contains("-") {
            throw ValidationError("--html reads the example document again: give files, not standard input (-)")
        }
    }

    /// Writes the page when asked: picks the document, reads its text again, scores it token by token.
    func write(
        report: WatermarkDetectReport, source: Source, paths: [String], corpus: CorpusOptions,
        tokenization: WatermarkTokenization
    ) throws {
        guard let html else { return }
        let index: Int
        if let example {
            guard let found = report.documents.firstIndex(where: { $0.id == example }) else {
                throw ValidationError("--example \(example): no document with that id")
            }
            index = found
        } else {
            // Smallest p among scored documents (the first on ties), else the first document.
            let scored = report.documents.indices.filter { report.documents[$0].score.scored > 0 }
            guard
                let best = scored.min(by: { report.documents[$0].score.log10P < report.documents[$1].score.log10P })
                    ?? report.documents.indices.first
            else { throw ValidationError("--html: the corpus has no document to show") }
            index = best
        }
        let documents = try CorpusFingerprinter.documents(paths: paths, corpusOptions: corpus, indexes: [index])
        guard let document = documents.first else {
            throw ValidationError("--html: document \(index + 1) could not be read again (did the input change?)")
        }
        let view: WatermarkTokenView
        switch source {
        case .deployed(let deployed):
            view = WatermarkTokenView.make(
                document: report.documents[index].id, text: document.text, tokenization: tokenization,
                deployed: deployed)
        case .portable(let detector):
            view = WatermarkTokenView.make(
                document: report.documents[index].id, text: document.text, tokenization: tokenization,
                detector: detector)
        }
        try ReportJSON.writeAtomically(Data(WatermarkTokenPage.render(report: report, view: view).utf8), to: html)
    }
}

extension Watermark.Detect {
    /// Whether repeated tuples are scored once: KGW's own `--ignore-repeated-ngrams`, else not
    /// `--keep-repeats`.
    func ignoresRepeats(_ deployed: DeployedWatermark) -> Bool {
        if case .kgw(_, let ignoreRepeatedNgrams) = deployed { return ignoreRepeatedNgrams }
        return !keepRepeats
    }
}
