import ArgumentParser
import DistillCore
import Foundation

extension WatermarkScheme: ExpressibleByArgument {}
extension WatermarkSeeding: ExpressibleByArgument {}
extension RadioactivityTest.PromptFilter: ExpressibleByArgument {}

/// The watermark options shared by `watermark detect` and `watermark radioactivity`.
struct WatermarkArguments: ParsableArguments {
    static let keyEnvironmentVariable = "DISTILLSCOPE_WATERMARK_KEY"

    @Option(help: "Watermark scheme: ds-kgw or ds-gumbel.")
    var scheme: WatermarkScheme = .kgw

    @Option(
        help:
            "The key K (decimal or 0x-hex). Prefer --key-file or $DISTILLSCOPE_WATERMARK_KEY: a command line is visible to other users."
    )
    var key: String?

    @Option(help: "Read the key from FILE.")
    var keyFile: String?

    @Option(help: "Green fraction γ (ds-kgw).")
    var gamma: Double = 0.25

    @Option(help: "Context width h: how many preceding tokens seed the green list.")
    var context: Int = 1

    @Option(help: "Seeding: chain or min.")
    var seeding: WatermarkSeeding = .chain

    @Option(
        help:
            "Token mode: a tokenizer.json, a *.tiktoken(.gz) rank file, or a GPT-2 vocab.json (merges.txt beside it). Default: text mode (word ids)."
    )
    var tokenizer: String?

    @Option(help: "Significance level: exit 1 when the corpus p-value is at or below it.")
    var alpha: Double = 1e-3

    func validate() throws {
        if key != nil && keyFile != nil { throw ValidationError("give the key once: --key or --key-file") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie strictly between 0 and 1") }
    }

    var parameters: WatermarkParameters {
        WatermarkParameters(scheme: scheme, gamma: gamma, contextWidth: context, seeding: seeding)
    }

    /// The key from --key, --key-file or the environment, in that order.
    func resolveKey() throws -> WatermarkKey {
        if let key { return try WatermarkKey(parsing: key, source: "--key") }
        if let keyFile { return try WatermarkKey(file: keyFile, option: "--key-file") }
        if let value = ProcessInfo.processInfo.environment[Self.keyEnvironmentVariable] {
            return try WatermarkKey(parsing: value, source: "$\(Self.keyEnvironmentVariable)")
        }
        throw DistillError.invalidOption(
            name: "--key", reason: "give the watermark key with --key, --key-file or $\(Self.keyEnvironmentVariable)")
    }

    /// Text mode unless --tokenizer is given.
    func tokenization() throws -> WatermarkTokenization {
        guard let tokenizer else { return .words(.standard) }
        return .subword(try SubwordTokenizer.load(path: tokenizer))
    }

    /// How the tokens were made, for reports.
    var tokenizationName: String {
        tokenizer.map { "subword:" + URL(fileURLWithPath: $0).lastPathComponent } ?? "words"
    }
}

/// Number formatting shared by the watermark tables.
enum WatermarkFormat {
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + pad : pad + text
    }

    /// log10 p as text; "0" rather than "-0.00".
    static func log10P(_ value: Double) -> String {
        let text = fixed(value, 2)
        return text == "-0.00" ? "0.00" : text
    }
}
