import DistillReport
import Foundation
import TOMLKit

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
struct ScanConfig: Decodable {
    init() {}

    struct Threshold: Decodable {
        var alpha: Double?
        var minRate: Double?
        var signals: [String: Threshold]?
        enum CodingKeys: String, CodingKey {
            case alpha, signals
            case minRate = "min-rate"
        }
    }
    struct Ignore: Decodable {
        var phrases: [String]?
        var patterns: [String]?
        var allowedSources: [String]?
        var paths: [String]?
        enum CodingKeys: String, CodingKey {
            case phrases, patterns, paths
            case allowedSources = "allowed-sources"
        }
    }
    struct Output: Decodable {
        var format: String?
        var file: String?
        var failOn: String?
        enum CodingKeys: String, CodingKey {
            case format, file
            case failOn = "fail-on"
        }
    }

    var thresholds: Threshold?
    var ignore: Ignore?
    var output: Output?

    /// Reads and checks a config file.
    /// - Throws: ``ScanConfigError`` naming the file (and line, for TOML syntax errors).
    static func load(path: String) throws -> ScanConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScanConfigError(path: path, line: nil, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScanConfigError(path: path, line: nil, reason: "not UTF-8")
        }
        let config: ScanConfig
        do {
            config = try TOMLDecoder().decode(ScanConfig.self, from: text)
        } catch let error as TOMLParseError {
            throw ScanConfigError(path: path, line: error.source.begin.line, reason: error.description)
        } catch let error as DecodingError {
            throw ScanConfigError(path: path, line: nil, reason: Self.describe(error))
        }
        try config.check(path: path)
        return config
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            let key = c.codingPath.map(\.stringValue).joined(separator: ".")
            return (key.isEmpty ? "" : "\(key): ") + c.debugDescription
        @unknown default:
            return "invalid configuration"
        }
    }

    func check(path: String) throws {
        func bad(_ reason: String) -> ScanConfigError { ScanConfigError(path: path, line: nil, reason: reason) }
        var all: [(String, Threshold)] = []
        if let thresholds {
            all.append(("thresholds", thresholds))
            for (name, t) in thresholds.signals ?? [:] { all.append(("thresholds.signals.\(name)", t)) }
        }
        for (key, t) in all {
            if let a = t.alpha, !(a > 0 && a < 1) { throw bad("\(key).alpha must be in (0, 1)") }
            if let r = t.minRate, !(0...1).contains(r) { throw bad("\(key).min-rate must be in [0, 1]") }
        }
        for p in ignore?.patterns ?? [] where (try? NSRegularExpression(pattern: p)) == nil {
            throw bad("ignore.patterns: invalid regular expression \(p.debugDescription)")
        }
        if let f = output?.format, ScanFormat(rawValue: f) == nil {
            throw bad("output.format must be one of text, json, sarif, junit")
        }
        if let f = output?.failOn, ScanPolicy.FailOn(f) == nil {
            throw bad("output.fail-on: invalid \(f.debugDescription)")
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
struct ScanConfigError: Error, CustomStringConvertible {
    var path: String
    var line: Int?
    var reason: String
    var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(reason)" }
}

/// The output formats of `scan`.
enum ScanFormat: String, CaseIterable {
    case text, json, sarif, junit

    var formatter: any ScanFormatter {
        switch self {
        case .text: return ScanTextFormatter()
        case .json: return ScanJSONFormatter()
        case .sarif: return SARIFFormatter()
        case .junit: return JUnitFormatter()
        }
    }
}
