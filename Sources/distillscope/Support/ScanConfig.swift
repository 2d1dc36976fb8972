import ArgumentParser
import DistillCore
import DistillReport
import Foundation

/// `.distillscope.toml`: thresholds, ignores and output settings of `scan` (docs/ci.md).
///
/// ```toml
/// [thresholds]
/// alpha = 0.001          # corrected p-value a finding needs
/// min-rate = 0.0         # share of a file's documents that must exceed the null threshold
/// [thresholds.signals.ngram-13]
/// alpha = 1e-6
/// [ignore]
/// phrases = ["I hope this helps! Let me know if you have any other questions."]
/// patterns = ["(?i)lorem ipsum"]   # documents whose text matches are not scanned
/// allowed-sources = ["licensed-model"]
/// paths = ["fixtures/"]            # input paths starting with these are skipped
/// [output]
/// format = "sarif"
/// file = "distillscope.sarif"
/// fail-on = "any"
/// ```
struct ScanConfig {
    init() {}

    struct Threshold {
        var alpha: Double?
        var minRate: Double?
        var signals: [String: Threshold]?
    }
    struct Ignore {
        var phrases: [String]?
        var patterns: [String]?
        var allowedSources: [String]?
        var paths: [String]?
    }
    struct Output {
        var format: String?
        var file: String?
        var failOn: String?
    }

    var thresholds: Threshold?
    var ignore: Ignore?
    var output: Output?

    /// The configuration of a run: `path` when given, else `.distillscope.toml` when present, else
    /// the defaults. A file that cannot be used is reported and exits 2.
    static func resolve(_ path: String?) throws -> ScanConfig {
        let path = path ?? (FileManager.default.fileExists(atPath: ".distillscope.toml") ? ".distillscope.toml" : nil)
        guard let path else { return ScanConfig() }
        do {
            return try load(path: path)
        } catch let error as ScanConfigError {
            Terminal.error(error.description)
            throw ExitCode(ExitStatus.inputError)
        }
    }

    /// Reads and checks a config file.
    /// - Throws: ``ScanConfigError`` naming the file and line: syntax errors, unknown keys (with the
    ///   nearest known key), values of the wrong type or out of range, unknown signal names.
    static func load(path: String) throws -> ScanConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScanConfigError(path: path, line: nil, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScanConfigError(path: path, line: nil, reason: "not UTF-8")
        }
        let root: ConfigText.Table
        do {
            root = try ConfigText.parse(text)
        } catch let error as ConfigText.SyntaxError {
            throw ScanConfigError(path: path, line: error.line, reason: error.reason)
        }
        var reader = Reader(path: path)
        return try reader.config(root)
    }

    /// Turns the parsed tables into a config, checking every key and value.
    private struct Reader {
        var path: String

        func bad(_ line: Int?, _ reason: String) -> ScanConfigError {
            ScanConfigError(path: path, line: line, reason: reason)
        }

        func unknown(_ key: String, line: Int, in table: String, known: [String]) -> ScanConfigError {
            let name = table.isEmpty ? key : "\(table).\(key)"
            return bad(
                line,
                "unknown key \(DistillError.excerpt(name, limit: 60).debugDescription)"
                    + Suggestion.hint(for: key, in: known)
                    + "; known keys\(table.isEmpty ? "" : " in [\(table)]"): \(known.joined(separator: ", "))")
        }

        func table(_ entry: (key: String, line: Int, node: ConfigText.Node), in parent: String) throws
            -> ConfigText.Table
        {
            guard case .table(let t) = entry.node else {
                throw bad(entry.line, "\(parent.isEmpty ? "" : parent + ".")\(entry.key) must be a table")
            }
            return t
        }

        func number(_ entry: (key: String, line: Int, node: ConfigText.Node), _ name: String) throws -> Double {
            guard case .value(.number(let v)) = entry.node else { throw bad(entry.line, "\(name) must be a number") }
            return v
        }

        func string(_ entry: (key: String, line: Int, node: ConfigText.Node), _ name: String) throws -> String {
            guard case .value(.string(let v)) = entry.node else { throw bad(entry.line, "\(name) must be a string") }
            return v
        }

        func strings(_ entry: (key: String, line: Int, node: ConfigText.Node), _ name: String) throws -> [String] {
            guard case .value(.array(let items)) = entry.node else {
                throw bad(entry.line, "\(name) must be an array of strings")
            }
            return try items.map {
                guard case .string(let v) = $0 else { throw bad(entry.line, "\(name) must be an array of strings") }
                return v
            }
        }

        mutating func config(_ root: ConfigText.Table) throws -> ScanConfig {
            var config = ScanConfig()
            let sections = ["thresholds", "ignore", "output"]
            for entry in root.entries {
                switch entry.key {
                case "thresholds": config.thresholds = try threshold(try table(entry, in: ""), name: "thresholds")
                case "ignore": config.ignore = try ignore(try table(entry, in: ""))
                case "output": config.output = try output(try table(entry, in: ""), line: entry.line)
                default:
                    // A key of a table written at the top: suggest where it belongs.
                    let leaves = [
                        "alpha": "thresholds.alpha", "min-rate": "thresholds.min-rate", "phrases": "ignore.phrases",
                        "patterns": "ignore.patterns", "allowed-sources": "ignore.allowed-sources",
                        "paths": "ignore.paths", "format": "output.format", "file": "output.file",
                        "fail-on": "output.fail-on",
                    ]
                    if Suggestion.nearest(to: entry.key, in: sections) == nil,
                        let leaf = Suggestion.nearest(to: entry.key, in: Array(leaves.keys).sorted()),
                        let full = leaves[leaf]
                    {
                        throw bad(
                            entry.line,
                            "unknown key \(DistillError.excerpt(entry.key, limit: 60).debugDescription) "
                                + "(did you mean \"\(full)\"? it belongs under [\(full.split(separator: ".")[0])])")
                    }
                    throw unknown(entry.key, line: entry.line, in: "", known: sections)
                }
            }
            return config
        }

        func threshold(_ t: ConfigText.Table, name: String) throws -> Threshold {
            var out = Threshold()
            let perSignal = name == "thresholds"
            let known = ["alpha", "min-rate"] + (perSignal ? ["signals"] : [])
            for entry in t.entries {
                let key = "\(name).\(entry.key)"
                switch entry.key {
                case "alpha":
                    let a = try number(entry, key)
                    if !(a > 0 && a < 1) { throw bad(entry.line, "\(key) must be in (0, 1)") }
                    out.alpha = a
                case "min-rate":
                    let r = try number(entry, key)
                    if !(0...1).contains(r) { throw bad(entry.line, "\(key) must be in [0, 1]") }
                    out.minRate = r
                case "signals" where perSignal:
                    var signals: [String: Threshold] = [:]
                    for signal in try table(entry, in: name).entries {
                        guard SignalNames.isKnown(signal.key) else {
                            throw bad(
                                signal.line,
                                "unknown signal \(DistillError.excerpt(signal.key, limit: 60).debugDescription) in [\(key)]"
                                    + Suggestion.hint(for: signal.key, in: SignalNames.known)
                                    + "; signals: \(SignalNames.known.joined(separator: ", "))")
                        }
                        signals[signal.key] = try threshold(
                            try table(signal, in: key), name: "\(key).\(signal.key)")
                    }
                    out.signals = signals
                default:
                    throw unknown(entry.key, line: entry.line, in: name, known: known)
                }
            }
            return out
        }

        func ignore(_ t: ConfigText.Table) throws -> Ignore {
            var out = Ignore()
            for entry in t.entries {
                let key = "ignore.\(entry.key)"
                switch entry.key {
                case "phrases": out.phrases = try strings(entry, key)
                case "patterns":
                    let patterns = try strings(entry, key)
                    for p in patterns where (try? NSRegularExpression(pattern: p)) == nil {
                        throw bad(
                            entry.line,
                            "\(key): invalid regular expression \(DistillError.excerpt(p, limit: 60).debugDescription)")
                    }
                    out.patterns = patterns
                case "allowed-sources": out.allowedSources = try strings(entry, key)
                case "paths": out.paths = try strings(entry, key)
                default:
                    throw unknown(
                        entry.key, line: entry.line, in: "ignore",
                        known: ["phrases", "patterns", "allowed-sources", "paths"])
                }
            }
            return out
        }

        func output(_ t: ConfigText.Table, line: Int) throws -> Output {
            var out = Output()
            for entry in t.entries {
                let key = "output.\(entry.key)"
                switch entry.key {
                case "format":
                    let f = try string(entry, key)
                    if ScanFormat(rawValue: f) == nil {
                        throw bad(
                            entry.line,
                            "output.format must be one of text, json, sarif, junit"
                                + Suggestion.hint(for: f, in: ScanFormat.allCases.map(\.rawValue)))
                    }
                    out.format = f
                case "file": out.file = try string(entry, key)
                case "fail-on":
                    let f = try string(entry, key)
                    if let problem = SignalNames.problem(failOn: f) {
                        throw bad(entry.line, "output.fail-on: \(problem)")
                    }
                    out.failOn = f
                default:
                    throw unknown(entry.key, line: entry.line, in: "output", known: ["format", "file", "fail-on"])
                }
            }
            return out
        }
    }

    /// The scan policy the config sets (command-line `--fail-on` wins).
    func policy(failOn override: ScanPolicy.FailOn?) -> ScanPolicy {
        let base = ScanPolicy.Threshold(
            alpha: thresholds?.alpha ?? ScanPolicy.Threshold().alpha, minimumRate: thresholds?.minRate ?? 0)
        var perSignal: [String: ScanPolicy.Threshold] = [:]
        for (name, t) in thresholds?.signals ?? [:] {
            perSignal[name] = ScanPolicy.Threshold(
                alpha: t.alpha ?? base.alpha, minimumRate: t.minRate ?? base.minimumRate)
        }
        return ScanPolicy(
            defaultThreshold: base, signalThresholds: perSignal, allowedReferences: Set(ignore?.allowedSources ?? []),
            failOn: override ?? output?.failOn.flatMap(ScanPolicy.FailOn.init) ?? .any)
    }
}

/// A configuration file that cannot be used.
struct ScanConfigError: Error, CustomStringConvertible, LocalizedError {
    var path: String
    var line: Int?
    var reason: String
    var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)" }
    var errorDescription: String? { description }
}

/// The output formats of `scan`.
enum ScanFormat: String, CaseIterable {
    case text, json, sarif, junit

    func formatter(sourceRoot: SourceRoot) -> any ScanFormatter {
        switch self {
        case .text: return ScanTextFormatter()
        case .json: return ScanJSONFormatter()
        case .sarif: return SARIFFormatter(sourceRoot: sourceRoot)
        case .junit: return JUnitFormatter()
        }
    }
}
