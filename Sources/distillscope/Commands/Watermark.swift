import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `distillscope watermark`: portable keyed watermarks (DESIGN.md "Exact definitions").
struct Watermark: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watermark detection and the radioactivity test (ds-kgw, ds-gumbel, kgw, synthid).",
        discussion: """
            The key is read from --key, --key-file or $DISTILLSCOPE_WATERMARK_KEY (kgw: MarkLLM's hash_key; \
            synthid: --keys-file or $DISTILLSCOPE_SYNTHID_KEYS) and never printed: reports show its \
            fingerprint. kgw and synthid score the model's own token ids (--token-ids or --tokenizer).
            """,
        subcommands: [Detect.self, Radioactivity.self])
}
