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
            identityPatterns: try patterns())
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

    @Option(name: .customLong("watermark-scheme"), help: "The reference's watermark scheme: ds-kgw or ds-gumbel.")
    var watermarkScheme: WatermarkScheme = .kgw

    @Option(name: .customLong("watermark-gamma"), help: "Green fraction γ of the watermark (ds-kgw).")
    var watermarkGamma: Double = 0.25

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
        if (storeWatermarkKey || watermarkTokenizer != nil) && watermarkKey == nil && watermarkKeyFile == nil {
            throw ValidationError(
                "--store-watermark-key and --watermark-tokenizer need --watermark-key or --watermark-key-file")
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
        let key: WatermarkKey
        if let watermarkKey {
            key = try WatermarkKey(parsing: watermarkKey, source: "--watermark-key")
        } else if let watermarkKeyFile {
            key = try WatermarkKey(file: watermarkKeyFile, option: "--watermark-key-file")
        } else {
            return nil
        }
        let parameters = WatermarkParameters(
            scheme: watermarkScheme, gamma: watermarkGamma, contextWidth: watermarkContext, seeding: watermarkSeeding)
        do {
            try parameters.validate()
        } catch {
            throw error.renamingOptions([
                "WatermarkParameters.gamma": "--watermark-gamma",
                "WatermarkParameters.contextWidth": "--watermark-context",
            ])
        }
        var record = WatermarkConfigRecord(parameters: parameters, key: key, storeKey: storeWatermarkKey)
        if let watermarkTokenizer {
            record.tokenizer = URL(fileURLWithPath: watermarkTokenizer).lastPathComponent
            record.tokenizerDigest = try WatermarkTokenizerFile.load(watermarkTokenizer).digest
        }
        return record
    }
}
