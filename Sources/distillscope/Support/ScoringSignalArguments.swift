import ArgumentParser
import DistillCore
import DistillReport
import Foundation

extension WatermarkKey {
    /// The key in `file` (decimal or 0x-hex, surrounding white space ignored), for the option `option`.
    /// - Throws: when the file cannot be read or holds no key; the text is never echoed.
    init(file: String, option: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DistillError.unreadable(path: file, reason: "cannot read the key file")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), source: "\(option) \(file)")
    }
}

/// A subword tokenizer file for a token-mode watermark: loaded, and named by the SHA-256 of its bytes.
enum WatermarkTokenizerFile {
    static func load(_ path: String) throws -> (tokenizer: SubwordTokenizer, digest: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DistillError.unreadable(path: path, reason: "cannot read the tokenizer file")
        }
        return (try SubwordTokenizer.load(path: path), SHA256.hex(of: data))
    }
}

/// The options of `score` and `scan` for the identity and watermark signals.
struct ScoringSignalArguments: ParsableArguments {
    @Option(
        name: .customLong("watermark-key"),
        help: ArgumentHelp(
            "A watermark key (decimal or 0x-hex) for references whose key the store does not keep; repeatable. "
                + "Prefer --watermark-key-file or $\(WatermarkArguments.keyEnvironmentVariable).",
            valueName: "key"))
    var watermarkKeys: [String] = []

    @Option(
        name: .customLong("watermark-key-file"),
        help: ArgumentHelp("Read a watermark key from FILE; repeatable.", valueName: "file"))
    var watermarkKeyFiles: [String] = []

    @Option(
        name: .customLong("watermark-tokenizer"),
        help: ArgumentHelp(
            "The tokenizer of a token-mode reference watermark (tokenizer.json, *.tiktoken, GPT-2 vocab.json); "
                + "matched by its SHA-256; repeatable.", valueName: "file"))
    var watermarkTokenizers: [String] = []

    @Option(
        name: .customLong("watermark-keys-file"),
        help: ArgumentHelp(
            "SynthID keys (integers, white space or commas between them) for a reference whose keys the store does "
                + "not keep; repeatable. Or $\(WatermarkArguments.synthIDKeysEnvironmentVariable).",
            valueName: "file"))
    var watermarkKeysFiles: [String] = []

    @Option(
        name: .customLong("identity-patterns"),
        help: "An extra identity pattern file (JSON, see data/identity-patterns.json); repeatable.")
    var identityPatterns: [String] = []

    /// The keys from the options and the environment; each matches a reference by fingerprint.
    func keys() throws -> [WatermarkKey] {
        var keys = try watermarkKeys.map { try WatermarkKey(parsing: $0, source: "--watermark-key") }
        for file in watermarkKeyFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DistillError.unreadable(path: file, reason: "cannot read the key file")
            }
            keys.append(
                try WatermarkKey(parsing: String(decoding: data, as: UTF8.self), source: "--watermark-key-file \(file)")
            )
        }
        if let value = ProcessInfo.processInfo.environment[WatermarkArguments.keyEnvironmentVariable] {
            keys.append(try WatermarkKey(parsing: value, source: "$\(WatermarkArguments.keyEnvironmentVariable)"))
        }
        return keys
    }

    /// The SynthID key sets from the options and the environment; each matches a reference by fingerprint.
    func synthIDKeys() throws -> [[Int64]] {
        var sets: [[Int64]] = []
        for file in watermarkKeysFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DistillError.unreadable(path: file, reason: "cannot read the SynthID keys file")
            }
            sets.append(
                try SynthIDScheme.parseKeys(
                    String(decoding: data, as: UTF8.self), source: "--watermark-keys-file \(file)"))
        }
        if let value = ProcessInfo.processInfo.environment[WatermarkArguments.synthIDKeysEnvironmentVariable] {
            sets.append(
                try SynthIDScheme.parseKeys(value, source: "$\(WatermarkArguments.synthIDKeysEnvironmentVariable)"))
        }
        return sets
    }

    /// The extra patterns, merged, or nil.
    func patterns() throws -> IdentityPatterns? {
        guard let first = identityPatterns.first else { return nil }
        var merged = try IdentityPatterns.load(path: first)
        for path in identityPatterns.dropFirst() { merged = merged.merging(try IdentityPatterns.load(path: path)) }
        return merged
    }

    /// The scorer for these options.
    func scorer(options: VerdictOptions, ignoredKeys: [[UInt64]] = []) throws -> SuspectScorer {
        SuspectScorer(
            options: options, ignoredKeys: ignoredKeys, watermarkKeys: try keys(),
            watermarkTokenizers: try tokenizers(),
            identityPatterns: try patterns(), synthIDKeys: try synthIDKeys())
    }

    /// The token-mode watermark tokenizers given, by the SHA-256 of their file.
    func tokenizers() throws -> [String: SubwordTokenizer] {
        var tokenizers: [String: SubwordTokenizer] = [:]
        for path in watermarkTokenizers {
            let (tokenizer, digest) = try WatermarkTokenizerFile.load(path)
            tokenizers[digest] = tokenizer
        }
        return tokenizers
    }
}

/// The options of `index add` that describe what a reference says about itself: identities and watermark.
struct ReferenceSignalArguments: ParsableArguments {
    @Option(
        name: .customLong("identity"),
        help: ArgumentHelp(
            "An identity the reference is known by (an id of the identity patterns, such as openai); repeatable. "
                + "Default: the identities its own documents claim.", valueName: "id"))
    var identities: [String] = []

    @Option(
        name: .customLong("identity-patterns"),
        help: "Identity patterns to add for this reference (JSON); stored with it and used when scoring; repeatable.")
    var identityPatterns: [String] = []

    @Option(name: .customLong("watermark-key"), help: "The reference's watermark key (decimal or 0x-hex).")
    var watermarkKey: String?

    @Option(name: .customLong("watermark-key-file"), help: "Read the reference's watermark key from FILE.")
    var watermarkKeyFile: String?

    @Option(
        name: .customLong("watermark-scheme"),
        help: "The reference's watermark scheme: ds-kgw, ds-gumbel or kgw (MarkLLM / lm-watermarking; token mode).")
    var watermarkScheme: WatermarkScheme = .kgw

    @Option(
        name: .customLong("watermark-gamma"),
        help: "Green fraction γ of the watermark (ds-kgw: default 0.25; kgw: 0.5).")
    var watermarkGamma: Double?

    @Option(name: .customLong("watermark-vocab-size"), help: "kgw: the model's vocabulary size (vocab_size), required.")
    var watermarkVocabSize: Int?

    @Option(name: .customLong("watermark-prefix-length"), help: "kgw: prefix_length (default 1).")
    var watermarkPrefixLength: Int?

    @Option(
        name: .customLong("watermark-f-scheme"), help: "kgw: MarkLLM's f_scheme: time (default), additive, skip, min.")
    var watermarkFScheme: KGWScheme.ContextFunction?

    @Option(
        name: .customLong("watermark-seeding-scheme"),
        help: "kgw: lm-watermarking's seeding_scheme instead: simple_1 or lefthash.")
    var watermarkSeedingScheme: String?

    @Option(
        name: .customLong("watermark-keys-file"),
        help: ArgumentHelp(
            "synthid: the watermark's keys (integers, white space or commas between them).", valueName: "file"))
    var watermarkKeysFile: String?

    @Option(name: .customLong("watermark-ngram-len"), help: "synthid: ngram_len (default 5).")
    var watermarkNgramLen: Int?

    @Option(name: .customLong("watermark-sampling-table-size"), help: "synthid: sampling_table_size (default 65536).")
    var watermarkSamplingTableSize: Int?

    @Option(name: .customLong("watermark-sampling-table-seed"), help: "synthid: sampling_table_seed (default 0).")
    var watermarkSamplingTableSeed: UInt64?

    @Option(name: .customLong("watermark-context-history-size"), help: "synthid: context_history_size (default 1024).")
    var watermarkContextHistorySize: Int?

    @Option(name: .customLong("watermark-context"), help: "Context width h of the watermark.")
    var watermarkContext: Int = 1

    @Option(name: .customLong("watermark-seeding"), help: "Seeding of the watermark: chain or min.")
    var watermarkSeeding: WatermarkSeeding = .chain

    @Option(
        name: .customLong("watermark-tokenizer"),
        help: ArgumentHelp(
            "Token mode: the tokenizer the watermark was embedded with (tokenizer.json, *.tiktoken, GPT-2 "
                + "vocab.json). Default: text mode (word ids).", valueName: "file"))
    var watermarkTokenizer: String?

    @Flag(
        name: .customLong("store-watermark-key"),
        help: "Keep the watermark key in the store (by default only its fingerprint is kept).")
    var storeWatermarkKey = false

    func validate() throws {
        if watermarkKey != nil && watermarkKeyFile != nil {
            throw ValidationError("give the watermark key once: --watermark-key or --watermark-key-file")
        }
        if (storeWatermarkKey || watermarkTokenizer != nil) && watermarkKey == nil && watermarkKeyFile == nil
            && watermarkKeysFile == nil
        {
            throw ValidationError(
                "--store-watermark-key and --watermark-tokenizer need --watermark-key, --watermark-key-file "
                    + "or (synthid) --watermark-keys-file")
        }
    }

    /// The declared identities and the merged extra patterns; unknown identity ids are an error.
    func identity() throws -> (declared: [String], patterns: IdentityPatterns?) {
        var merged: IdentityPatterns?
        for path in identityPatterns {
            let p = try IdentityPatterns.load(path: path)
            merged = merged.map { $0.merging(p) } ?? p
        }
        let known = Set((merged.map { IdentityPatterns.standard.merging($0) } ?? .standard).identities.map(\.id))
        for id in identities where !known.contains(id) {
            throw DistillError.invalidOption(
                name: "--identity",
                reason: "\(quotedID(id)) is not an identity of the patterns (known: "
                    + known.sorted().joined(separator: ", ") + ")")
        }
        return (Array(Set(identities)).sorted(), merged)
    }

    private func quotedID(_ id: String) -> String { "\"" + DistillError.excerpt(id, limit: 40) + "\"" }

    /// The watermark record, or nil without a key.
    func watermark() throws -> WatermarkConfigRecord? {
        if watermarkScheme == .synthID || watermarkKeysFile != nil { return try synthIDWatermark() }
        let key: WatermarkKey
        if let watermarkKey {
            key = try WatermarkKey(parsing: watermarkKey, source: "--watermark-key")
        } else if let watermarkKeyFile {
            key = try WatermarkKey(file: watermarkKeyFile, option: "--watermark-key-file")
        } else {
            return nil
        }
        let kgwOptions = [
            ("--watermark-vocab-size", watermarkVocabSize != nil),
            ("--watermark-prefix-length", watermarkPrefixLength != nil),
            ("--watermark-f-scheme", watermarkFScheme != nil),
            ("--watermark-seeding-scheme", watermarkSeedingScheme != nil),
        ]
        let synthIDOptions = [
            ("--watermark-ngram-len", watermarkNgramLen != nil),
            ("--watermark-sampling-table-size", watermarkSamplingTableSize != nil),
            ("--watermark-sampling-table-seed", watermarkSamplingTableSeed != nil),
            ("--watermark-context-history-size", watermarkContextHistorySize != nil),
        ]
        if let misplaced = synthIDOptions.first(where: { $0.1 }) {
            throw DistillError.invalidOption(name: misplaced.0, reason: "applies to --watermark-scheme synthid only")
        }
        var record: WatermarkConfigRecord
        switch watermarkScheme {
        case .kgw, .gumbel:
            if let misplaced = kgwOptions.first(where: { $0.1 }) {
                throw DistillError.invalidOption(
                    name: misplaced.0, reason: "applies to --watermark-scheme kgw only")
            }
            let parameters = WatermarkParameters(
                scheme: watermarkScheme, gamma: watermarkGamma ?? 0.25, contextWidth: watermarkContext,
                seeding: watermarkSeeding)
            do {
                try parameters.validate()
            } catch {
                throw error.renamingOptions([
                    "WatermarkParameters.gamma": "--watermark-gamma",
                    "WatermarkParameters.contextWidth": "--watermark-context",
                ])
            }
            record = WatermarkConfigRecord(parameters: parameters, key: key, storeKey: storeWatermarkKey)
        case .deployedKGW:
            guard let watermarkVocabSize else {
                throw DistillError.invalidOption(
                    name: "--watermark-vocab-size", reason: "a kgw watermark needs the model's vocabulary size")
            }
            guard watermarkTokenizer != nil else {
                throw DistillError.invalidOption(
                    name: "--watermark-tokenizer",
                    reason: "a kgw watermark is scored on the model's own token ids: give its tokenizer")
            }
            var seeding = KGWScheme.Seeding.markLLM(watermarkFScheme ?? .time)
            if let s = watermarkSeedingScheme {
                guard s == "simple_1" || s == "lefthash", watermarkFScheme == nil else {
                    throw DistillError.invalidOption(
                        name: "--watermark-seeding-scheme",
                        reason: "only simple_1 and lefthash are implemented, and not together with --watermark-f-scheme"
                    )
                }
                seeding = .lmWatermarkingAdditive
            }
            let scheme = try KGWScheme(
                vocabularySize: watermarkVocabSize, gamma: watermarkGamma ?? 0.5, hashKey: key.value,
                prefixLength: watermarkPrefixLength ?? 1, seeding: seeding)
            record = WatermarkConfigRecord(kgw: scheme, storeKey: storeWatermarkKey)
        case .synthID:
            return try synthIDWatermark()
        }
        if let watermarkTokenizer {
            record.tokenizer = URL(fileURLWithPath: watermarkTokenizer).lastPathComponent
            record.tokenizerDigest = try WatermarkTokenizerFile.load(watermarkTokenizer).digest
        }
        return record
    }

    /// The record of a SynthID watermark (`--watermark-scheme synthid --watermark-keys-file FILE`).
    private func synthIDWatermark() throws -> WatermarkConfigRecord {
        guard watermarkScheme == .synthID else {
            throw DistillError.invalidOption(
                name: "--watermark-keys-file", reason: "applies to --watermark-scheme synthid only")
        }
        guard let watermarkKeysFile else {
            throw DistillError.invalidOption(
                name: "--watermark-keys-file", reason: "a synthid watermark needs its keys (--watermark-keys-file FILE)"
            )
        }
        if watermarkKey != nil || watermarkKeyFile != nil || watermarkGamma != nil || watermarkVocabSize != nil {
            throw DistillError.invalidOption(
                name: "--watermark-scheme",
                reason: "synthid takes --watermark-keys-file and its own parameters, not --watermark-key or kgw's")
        }
        guard watermarkTokenizer != nil else {
            throw DistillError.invalidOption(
                name: "--watermark-tokenizer",
                reason: "a synthid watermark is scored on the model's own token ids: give its tokenizer")
        }
        guard let data = FileManager.default.contents(atPath: watermarkKeysFile) else {
            throw DistillError.unreadable(path: watermarkKeysFile, reason: "cannot read the SynthID keys file")
        }
        let keys = try SynthIDScheme.parseKeys(
            String(decoding: data, as: UTF8.self), source: "--watermark-keys-file \(watermarkKeysFile)")
        let n = watermarkNgramLen ?? 5
        guard n >= 2 else {
            throw DistillError.invalidOption(
                name: "--watermark-ngram-len", reason: "must be at least 2 (the context is ngram_len − 1 ids)")
        }
        let scheme = try SynthIDScheme(
            keys: keys, ngramLength: n, samplingTableSize: watermarkSamplingTableSize ?? 1 << 16,
            samplingTableSeed: watermarkSamplingTableSeed ?? 0, contextHistorySize: watermarkContextHistorySize ?? 1024)
        var record = WatermarkConfigRecord(synthID: scheme, storeKey: storeWatermarkKey)
        if let watermarkTokenizer {
            record.tokenizer = URL(fileURLWithPath: watermarkTokenizer).lastPathComponent
            record.tokenizerDigest = try WatermarkTokenizerFile.load(watermarkTokenizer).digest
        }
        return record
    }
}
