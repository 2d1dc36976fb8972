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
            TestSeam.pauseInsideIngestTransaction()
        }
    }
}

/// Seams for the end-to-end tests, compiled only into debug and internal-checks builds
/// (`DEBUG` or `DISTILL_INTERNAL_CHECKS`, Package.swift): a release binary reads no test variable.
enum TestSeam {
    /// Whether the seams are compiled in.
    static var enabled: Bool {
        #if DEBUG || DISTILL_INTERNAL_CHECKS
            true
        #else
            false
        #endif
    }

    /// Sleeps `$DISTILLSCOPE_TEST_INGEST_PAUSE_MS` milliseconds inside the store's write transaction, for
    /// the tests that kill an ingestion or read beside it (`StoreCommandTests`); nothing in release builds.
    static func pauseInsideIngestTransaction() {
        #if DEBUG || DISTILL_INTERNAL_CHECKS
            if let ms = ProcessInfo.processInfo.environment["DISTILLSCOPE_TEST_INGEST_PAUSE_MS"].flatMap(Int.init) {
                Thread.sleep(forTimeInterval: Double(ms) / 1000)
            }
        #endif
    }
}
