import ArgumentParser
import DistillCore
import Foundation

extension WatermarkScheme: ExpressibleByArgument {}
extension WatermarkSeeding: ExpressibleByArgument {}
extension RadioactivityTest.PromptFilter: ExpressibleByArgument {}
extension KGWScheme.ContextFunction: ExpressibleByArgument {}

/// The watermark options shared by `watermark detect` and `watermark radioactivity`.
struct WatermarkArguments: ParsableArguments {
    static let keyEnvironmentVariable = "DISTILLSCOPE_WATERMARK_KEY"
    static let synthIDKeysEnvironmentVariable = "DISTILLSCOPE_SYNTHID_KEYS"

    @Option(
        help:
            "Watermark scheme: ds-kgw or ds-gumbel (DistillScope's portable schemes), kgw (KGW as MarkLLM and lm-watermarking compute it) or synthid (SynthID-Text)."
    )
    var scheme: WatermarkScheme = .kgw

    @Option(
        help:
            "The key K (decimal or 0x-hex; kgw: MarkLLM's hash_key). Prefer --key-file or $DISTILLSCOPE_WATERMARK_KEY: a command line is visible to other users."
    )
    var key: String?

    @Option(help: "Read the key from FILE.")
    var keyFile: String?

    @Option(help: "Green fraction γ (ds-kgw: default 0.25; kgw: gamma, default 0.5).")
    var gamma: Double?

    @Option(help: "Context width h: how many preceding tokens seed the green list (ds-kgw, ds-gumbel; default 1).")
    var context: Int?

    @Option(help: "Seeding: chain or min (ds-kgw, ds-gumbel; default chain).")
    var seeding: WatermarkSeeding?

    @Option(help: "kgw: the model's vocabulary size |V| (vocab_size), required.")
    var vocabSize: Int?

    @Option(help: "kgw: prefix_length, the context ids that seed the green list (default 1).")
    var prefixLength: Int?

    @Option(help: "kgw: MarkLLM's f_scheme: time (default), additive, skip or min.")
    var fScheme: KGWScheme.ContextFunction?

    @Option(help: "kgw: lm-watermarking's seeding_scheme instead of MarkLLM's: simple_1 or lefthash (the same PRF).")
    var seedingScheme: String?

    @Flag(help: "kgw: score each distinct n-gram once per document (lm-watermarking's ignore_repeated_ngrams).")
    var ignoreRepeatedNgrams = false

    @Option(
        help:
            "synthid: read the keys (decimal integers, white space or commas between them, or a JSON array) from FILE; or set $DISTILLSCOPE_SYNTHID_KEYS."
    )
    var keysFile: String?

    @Option(help: "synthid: ngram_len, at least 2 (default 5).")
    var ngramLen: Int?

    @Option(help: "synthid: sampling_table_size (default 65536).")
    var samplingTableSize: Int?

    @Option(help: "synthid: sampling_table_seed (default 0).")
    var samplingTableSeed: UInt64?

    @Option(help: "synthid: context_history_size (default 1024).")
    var contextHistorySize: Int?

    @Option(help: "synthid: per-document scores stop at the first occurrence of this token id (the EOS mask).")
    var eosTokenId: Int?

    @Option(
        help:
            "Token mode: a tokenizer.json, a *.tiktoken(.gz) rank file, or a GPT-2 vocab.json (merges.txt beside it). Default: text mode (word ids)."
    )
    var tokenizer: String?

    @Flag(
        help:
            "Token mode: the text and prompt fields hold the model's token ids, decimal, white space or commas between them."
    )
    var tokenIds = false

    @Option(help: "Significance level: exit 1 when the corpus p-value is at or below it.")
    var alpha: Double = 1e-3

    func validate() throws {
        if key != nil && keyFile != nil { throw ValidationError("give the key once: --key or --key-file") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie strictly between 0 and 1") }
        if tokenizer != nil && tokenIds { throw ValidationError("give one token mode: --tokenizer or --token-ids") }
    }

    /// The options given that belong to other schemes than `scheme`, by name.
    private func misplacedOptions() -> [String] {
        var portable: [String] = []
        if context != nil { portable.append("--context") }
        if seeding != nil { portable.append("--seeding") }
        var kgw: [String] = []
        if vocabSize != nil { kgw.append("--vocab-size") }
        if prefixLength != nil { kgw.append("--prefix-length") }
        if fScheme != nil { kgw.append("--f-scheme") }
        if seedingScheme != nil { kgw.append("--seeding-scheme") }
        if ignoreRepeatedNgrams { kgw.append("--ignore-repeated-ngrams") }
        var synthID: [String] = []
        if keysFile != nil { synthID.append("--keys-file") }
        if ngramLen != nil { synthID.append("--ngram-len") }
        if samplingTableSize != nil { synthID.append("--sampling-table-size") }
        if samplingTableSeed != nil { synthID.append("--sampling-table-seed") }
        if contextHistorySize != nil { synthID.append("--context-history-size") }
        if eosTokenId != nil { synthID.append("--eos-token-id") }
        switch scheme {
        case .kgw, .gumbel: return kgw + synthID
        case .deployedKGW:
            return portable + synthID
        case .synthID:
            let keyOptions = (key == nil ? [] : ["--key"]) + (keyFile == nil ? [] : ["--key-file"])
            return portable + kgw + (gamma == nil ? [] : ["--gamma"]) + keyOptions
        }
    }

    /// Fails with one sentence when an option of another scheme was given.
    func checkSchemeOptions() throws {
        if let first = misplacedOptions().first {
            throw DistillError.invalidOption(
                name: first,
                reason: "does not apply to --scheme \(scheme.rawValue) (see --help for each scheme's options)")
        }
    }

    var parameters: WatermarkParameters {
        WatermarkParameters(
            scheme: scheme, gamma: gamma ?? 0.25, contextWidth: context ?? 1, seeding: seeding ?? .chain)
    }

    /// The deployed watermark the options describe, or nil for a portable scheme.
    /// - Parameter keepRepeats: whether per-document scores keep repeated tuples (synthid: no
    ///   repetition mask; kgw refuses it: MarkLLM already scores every token).
    /// - Throws: `DistillError` with one sentence for a missing or misplaced parameter.
    func deployedWatermark(keepRepeats: Bool = false) throws -> DeployedWatermark? {
        try checkSchemeOptions()
        switch scheme {
        case .kgw, .gumbel:
            return nil
        case .deployedKGW:
            guard let vocabSize else {
                throw DistillError.invalidOption(
                    name: "--vocab-size", reason: "--scheme kgw needs the model's vocabulary size (vocab_size)")
            }
            if keepRepeats {
                throw DistillError.invalidOption(
                    name: "--keep-repeats",
                    reason: "kgw scores every token already (MarkLLM); --ignore-repeated-ngrams scores each n-gram once"
                )
            }
            let seeding: KGWScheme.Seeding
            if let seedingScheme {
                guard seedingScheme == "simple_1" || seedingScheme == "lefthash" else {
                    throw DistillError.invalidOption(
                        name: "--seeding-scheme",
                        reason: "only lm-watermarking's simple_1 and lefthash (additive PRF, h = 1) are implemented")
                }
                if fScheme != nil {
                    throw DistillError.invalidOption(
                        name: "--seeding-scheme",
                        reason: "give MarkLLM's --f-scheme or lm-watermarking's --seeding-scheme, not both")
                }
                if let prefixLength, prefixLength != 1 {
                    throw DistillError.invalidOption(
                        name: "--prefix-length", reason: "lm-watermarking's \(seedingScheme) uses one context id")
                }
                seeding = .lmWatermarkingAdditive
            } else {
                seeding = .markLLM(fScheme ?? .time)
            }
            let scheme = try KGWScheme(
                vocabularySize: vocabSize, gamma: gamma ?? 0.5, hashKey: try resolveKey().value,
                prefixLength: prefixLength ?? 1, seeding: seeding)
            return .kgw(scheme, ignoreRepeatedNgrams: ignoreRepeatedNgrams)
        case .synthID:
            let keys: [Int64]
            if let keysFile {
                guard let data = FileManager.default.contents(atPath: keysFile) else {
                    throw DistillError.unreadable(path: keysFile, reason: "cannot read the SynthID keys file")
                }
                keys = try SynthIDScheme.parseKeys(
                    String(decoding: data, as: UTF8.self), source: "--keys-file \(keysFile)")
            } else if let value = ProcessInfo.processInfo.environment[Self.synthIDKeysEnvironmentVariable] {
                keys = try SynthIDScheme.parseKeys(value, source: "$\(Self.synthIDKeysEnvironmentVariable)")
            } else {
                throw DistillError.invalidOption(
                    name: "--keys-file",
                    reason:
                        "--scheme synthid needs its keys: --keys-file FILE or $\(Self.synthIDKeysEnvironmentVariable)")
            }
            let n = ngramLen ?? 5
            guard n >= 2 else {
                throw DistillError.invalidOption(
                    name: "--ngram-len", reason: "must be at least 2 (the context is ngram_len − 1 ids)")
            }
            let scheme = try SynthIDScheme(
                keys: keys, ngramLength: n, samplingTableSize: samplingTableSize ?? 1 << 16,
                samplingTableSeed: samplingTableSeed ?? 0, contextHistorySize: contextHistorySize ?? 1024)
            return .synthID(scheme, mask: .init(ignoreRepeatedContexts: !keepRepeats, eosTokenID: eosTokenId))
        }
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

    /// Text mode unless --tokenizer or --token-ids is given; deployed schemes need token mode.
    func tokenization() throws -> WatermarkTokenization {
        if tokenIds { return .tokenIDs }
        if let tokenizer { return .subword(try SubwordTokenizer.load(path: tokenizer)) }
        if !scheme.isPortable {
            throw DistillError.invalidOption(
                name: "--scheme",
                reason: "\(scheme.rawValue) scores the model's own token ids: give --token-ids or its --tokenizer")
        }
        return .words(.standard)
    }

    /// How the tokens were made, for reports.
    var tokenizationName: String {
        if tokenIds { return "token-ids" }
        return tokenizer.map { "subword:" + URL(fileURLWithPath: $0).lastPathComponent } ?? "words"
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
