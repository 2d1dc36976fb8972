import DistillCore
import DistillStore
import Foundation

/// What `index add` tells standard error while it works: a progress bar per pass over the corpus,
/// and the name of each step (nothing with `--quiet`).
struct IndexAddNarration {
    let name: String
    let quiet: Bool
    let bar: ProgressBar?

    func progress(_ p: ReadProgress) { bar?.update(bytes: p.bytesRead, total: p.totalBytes, items: p.documents) }

    func stage(_ stage: FingerprintStore.AddStage) {
        bar?.finish()
        switch stage {
        case .pass(let step):
            bar?.restart()  // each pass over the corpus gets its own rate and ETA
            if !quiet { Terminal.writeError("\(name): \(step)…\n") }
        case .storing:
            if !quiet { Terminal.writeError("storing \(name)…\n") }
        }
    }

    /// Told each step written inside the store's transaction.
    var inTransaction: @Sendable (String) -> Void {
        { [quiet] step in
            if !quiet { Terminal.writeError("stored \(step)…\n") }
            // A pause inside the transaction, for tests that interrupt an ingestion.
            if let ms = ProcessInfo.processInfo.environment["DISTILLSCOPE_TEST_INGEST_PAUSE_MS"].flatMap(Int.init) {
                Thread.sleep(forTimeInterval: Double(ms) / 1000)
            }
        }
    }
}
