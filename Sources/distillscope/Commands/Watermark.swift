import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope watermark`: portable keyed watermarks (DESIGN.md "Exact definitions").
struct Watermark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watermark detection and the radioactivity test (ds-kgw, ds-gumbel).",
        discussion: """
            The key is read from --key, --key-file or $DISTILLSCOPE_WATERMARK_KEY and never printed: \
            reports show its fingerprint.
            """,
        subcommands: [Detect.self, Radioactivity.self])
}
