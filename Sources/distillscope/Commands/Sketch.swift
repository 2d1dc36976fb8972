import ArgumentParser
import DistillCore
import Foundation

/// `distillscope sketch CORPUS --out FILE`: MinHash signatures of every document.
struct Sketch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute MinHash signatures of a corpus and write them to a signature file.",
        discussion: "The file format is documented in docs/overlap.md; memory stays near k × 4 bytes per document.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var corpus: CorpusArguments
    @OptionGroup var fingerprint: FingerprintArguments

    @Argument(help: "The corpus (files, directories or -).")
    var paths: [String]

    @Option(name: [.customLong("output"), .customLong("out")], help: "Signature file to write (omit to only report).")
    var out: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give a corpus path") }
    }

    func run() throws {
        let threads = global.threadCount
        let bar = global.makeProgress(label: "sketch")
        var options = fingerprint.options(keepWordIDs: false, keepText: false)
        options.keepShingleSets = false
        let start = Date()
        let fingerprints = try CorpusFingerprinter.fingerprint(
            paths: paths, corpusOptions: corpus.options(threads: threads), options: options,
            progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) })
        bar?.finish()
        if let out {
            try SignatureFile.write(fingerprints, shingleWidth: fingerprint.shingle, seed: fingerprint.seed, to: out)
        }
        let bytes = fingerprints.summary.files.reduce(0) { $0 + $1.decodedBytes }
        try Terminal.write(
            "\(fingerprints.count) documents, k = \(fingerprints.permutations), \(fingerprint.shingle)-gram shingles"
                + (out.map { ", written to \($0)" } ?? "") + "\n")
        if !global.quiet {
            let seconds = Date().timeIntervalSince(start)
            Terminal.writeError(
                String(
                    format: "%.1f MB in %.2f s (%.0f MB/s)\n", Double(bytes) / 1e6, seconds,
                    Double(bytes) / 1e6 / seconds))
        }
    }
}
