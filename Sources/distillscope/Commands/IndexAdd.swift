import ArgumentParser
import DistillCore
import DistillReport
import DistillStore
import Foundation

extension NGramStorage: ExpressibleByArgument {}

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

        @Option(
            help:
                "How the n-grams are kept: keys (key sets per width, fastest to score) or words (the documents' word streams: about half the store, slower scoring; the store becomes format 3)."
        )
        var ngramStorage: NGramStorage = .keyPartitions

        @OptionGroup var metadata: ReferenceMetadataArguments

        @Option(help: "Write a JSON summary to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func validate() throws {
            if paths.isEmpty { throw ValidationError("give the reference's corpus") }
            if probes < 1 { throw ValidationError("--probes must be positive") }
            try metadata.validate()
        }

        func run() throws {
            try FingerprintStore.validate(name: name)  // before the store is created, and before the work
            // Options are checked before the store is created, so a bad one leaves nothing behind.
            let identity = try signals.identity()
            let watermark = try signals.watermark()
            let fingerprintStore = try store.open(create: true)
            let referenceMetadata = ReferenceMetadata(
                family: metadata.family ?? name, role: metadata.role ?? .candidate)
            let narration = IndexAddNarration(
                name: name, quiet: global.quiet, bar: global.makeProgress(label: "index add"))
            let fingerprint = try fingerprintStore.addReference(
                name: name, paths: paths, description: description, metadata: referenceMetadata, identity: identity,
                watermark: watermark, probeDocuments: probes, corpus: corpus.options(threads: global.threadCount),
                toolVersion: DistillScope.version, ngramStorage: ngramStorage, progress: narration.progress,
                stage: narration.stage,
                inTransaction: narration.inTransaction)
            if let json {
                try JSONOutput.write(
                    IndexAddReport(name: name, metadata: referenceMetadata, fingerprint: fingerprint), to: json)
                if json == "-" { return }
            }
            try Terminal.write(
                IndexTextFormatter.added(name: name, metadata: referenceMetadata, fingerprint: fingerprint))
        }
    }
}
