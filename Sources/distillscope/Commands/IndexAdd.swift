import ArgumentParser
import DistillCore
import DistillReport
import DistillStore
import Foundation

extension Index {
    /// `distillscope index add NAME CORPUS...`: fingerprint a reference model's outputs into the store.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Add a reference model: n-gram sets, MinHash signatures, pairing keys, probe documents, identities, watermark.",
            discussion: "One transaction: an interrupted add leaves the store as it was.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var corpus: CorpusArguments
        @OptionGroup var store: StoreArguments
        @OptionGroup var signals: ReferenceSignalArguments

        @Argument(help: "The reference's name (unique in the store).")
        var name: String

        @Argument(help: "The reference model's outputs (files, directories or -).")
        var paths: [String]

        @Option(help: "A description of the reference.")
        var description: String = ""

        @Option(help: "Probe documents kept for the null distribution (only when the store is new).")
        var probes: Int = 2000

        @OptionGroup var metadata: ReferenceMetadataArguments

        @Option(help: "Write a JSON summary to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give the reference's corpus") }
            if probes < 1 { throw ValidationError("--probes must be positive") }
            try metadata.validate()
        }

        func run() throws {
            try FingerprintStore.validate(name: name)  // before the work, not after it
            let threads = global.threadCount
            let quiet = global.quiet
            let fingerprintStore = try store.open(create: true)
            var options = try fingerprintStore.scoringOptions() ?? ScoringOptions()
            if try fingerprintStore.scoringOptions() == nil { options.probeDocuments = probes }
            if try fingerprintStore.referenceNames().contains(name) { throw StoreError.duplicateReference(name: name) }
            let identity = try signals.identity()
            let watermark = try signals.watermark()
            let bar = global.makeProgress(label: "index add")
            var fingerprint = try ReferenceFingerprinter.fingerprint(
                paths: paths, corpusOptions: corpus.options(threads: threads), options: options, identity: identity,
                progress: { bar?.update(bytes: $0.bytesRead, total: $0.totalBytes, items: $0.documents) },
                stage: { step in
                    bar?.finish()
                    bar?.restart()  // each pass over the corpus gets its own rate and ETA
                    if !quiet { Terminal.writeError("\(name): \(step)…\n") }
                })
            bar?.finish()
            fingerprint.watermark = watermark
            if !global.quiet { Terminal.writeError("storing \(name)…\n") }
            try fingerprintStore.add(
                name: name, description: description, source: paths.joined(separator: " "), fingerprint: fingerprint,
                options: options, toolVersion: DistillScope.version,
                metadata: ReferenceMetadata(family: metadata.family ?? name, role: metadata.role ?? .candidate),
                inTransaction: { step in
                    if !quiet { Terminal.writeError("stored \(step)…\n") }
                    // A pause inside the transaction, for tests that interrupt an ingestion.
                    if let ms = ProcessInfo.processInfo.environment["DISTILLSCOPE_TEST_INGEST_PAUSE_MS"].flatMap(
                        Int.init)
                    {
                        Thread.sleep(forTimeInterval: Double(ms) / 1000)
                    }
                })
            if let json {
                struct Added: Codable {
                    var schemaVersion: Int
                    var name: String
                    var family: String
                    var role: String
                    var documents: Int
                    var tokens: Int
                    var distinctNGrams: [String: Int]
                    var probes: Int
                }
                try JSONOutput.write(
                    Added(
                        schemaVersion: ReportJSON.schemaVersion, name: name, family: metadata.family ?? name,
                        role: (metadata.role ?? .candidate).rawValue, documents: fingerprint.documentCount,
                        tokens: fingerprint.tokenCount,
                        distinctNGrams: Dictionary(
                            fingerprint.ngramSets.map { (String($0.n), $0.count) }, uniquingKeysWith: { a, _ in a }),
                        probes: fingerprint.probes.documents.count), to: json)
                if json == "-" { return }
            }
            try Terminal.write(
                "added \(name) (family \(metadata.family ?? name), \((metadata.role ?? .candidate).rawValue)): "
                    + "\(fingerprint.documentCount) documents, \(fingerprint.tokenCount) tokens, "
                    + fingerprint.ngramSets.map { "\($0.count) distinct \($0.n)-grams" }.joined(separator: ", ")
                    + ", \(fingerprint.probes.documents.count) probes"
                    + Self.describe(fingerprint) + "\n")
        }

        /// The identities and watermark of the new reference, as text.
        static func describe(_ fingerprint: ReferenceFingerprint) -> String {
            var out = ""
            if let identity = fingerprint.identity {
                let known = identity.identities(claimCounts: identity.probeClaims, documents: identity.probeDocuments)
                out += known.isEmpty ? ", no identity of its own" : ", identities " + known.joined(separator: ", ")
                if let corpus = identity.corpus, !corpus.rates.isEmpty {
                    out +=
                        " (self-claims: "
                        + corpus.rates.map { "\($0.identity) \($0.documents)/\(corpus.documents)" }.joined(
                            separator: ", ")
                        + ")"
                }
            }
            if let w = fingerprint.watermark {
                out += ", watermark \(w.scheme) key \(w.keyFingerprint)" + (w.key == nil ? "" : " (key stored)")
                if let tokenizer = w.tokenizer { out += " on tokens of \(DistillError.excerpt(tokenizer, limit: 60))" }
            }
            return out
        }
    }
}
