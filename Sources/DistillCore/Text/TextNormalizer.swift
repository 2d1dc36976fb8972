import Foundation

/// Normalises text before tokenising: NFKC, lower-case, white space collapsed, and optionally
/// confusable characters folded (DESIGN.md "Text").
///
/// The work is done run by run, a run being a maximal stretch between ASCII white space. An ASCII
/// run is lower-cased in place; a run whose every scalar is normalisation-stable (curly quotes,
/// dashes, accented letters already in NFKC and lower case, CJK) is copied; only the remaining runs
/// go through Foundation's NFKC, which is an order of magnitude slower. Cutting at ASCII white space is
/// safe because no scalar composes across it.
public struct TextNormalizer: Sendable {
    public let options: NormalizationOptions

    public init(options: NormalizationOptions = .standard) {
        self.options = options
    }

    /// The normalised form of `text`.
    public func normalize(_ text: String) -> String {
        var out = [UInt8]()
        var copy = text
        copy.withUTF8 { normalize(utf8: $0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Normalises valid UTF-8 `input` into `output` (replacing its contents).
    /// - Complexity: O(*n*) in the input length.
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var runs: [RunMapping]? = nil
        normalize(utf8: input, into: &output, runs: &runs)
    }

    /// Where one run (a stretch between ASCII white space) of the input went in the output.
    public struct RunMapping: Sendable, Hashable {
        /// Output offset at which the run's normalised bytes begin (a collapsed space may precede them).
        public var normalizedStart: Int
        /// The run's bytes in the input.
        public var originalStart: Int
        public var originalEnd: Int
    }

    /// The normalised form of `text` and, for each run, where it came from: maps tokens of the
    /// normalised text back to the original (at run granularity), so evidence can quote the source.
    public func normalizeWithRunMap(_ text: String) -> (normalized: [UInt8], runs: [RunMapping]) {
        var out = [UInt8]()
        var runs: [RunMapping]? = []
        var copy = text
        copy.withUTF8 { normalize(utf8: $0, into: &out, runs: &runs) }
        return (out, runs ?? [])
    }

    private func normalize(
        utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], runs: inout [RunMapping]?
    ) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(input.count)
        var writer = WhitespaceWriter(collapse: options.collapseWhitespace)
        var scratch = [UInt8]()
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            if UnicodeClass.isASCIISpace(b) {
                writer.space(b, into: &output)
                i += 1
                continue
            }
            var j = i
            var ascii = true
            while j < n {
                let c = input[j]
                if UnicodeClass.isASCIISpace(c) { break }
                if c >= 0x80 { ascii = false }
                j += 1
            }
            let run = UnsafeBufferPointer(rebasing: input[i..<j])
            runs?.append(RunMapping(normalizedStart: output.count, originalStart: i, originalEnd: j))
            if ascii {
                writer.flush(into: &output)
                if options.lowercase {
                    for c in run { output.append(UnicodeClass.asciiLower(c)) }
                } else {
                    output.append(contentsOf: run)
                }
            } else {
                normalizeRun(run, scratch: &scratch)
                writer.write(scalarsOf: scratch, into: &output)
            }
            i = j
        }
    }

    /// Normalises one non-ASCII run (no ASCII white space inside) into `scratch`.
    func normalizeRun(_ run: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        let needsFullPath =
            (options.unicodeCompatibility || options.lowercase) && !Self.isStable(run)
        if needsFullPath {
            var s = String(decoding: run, as: UTF8.self)
            if options.unicodeCompatibility { s = s.precomposedStringWithCompatibilityMapping }
            if options.lowercase { s = s.lowercased() }
            scratch.append(contentsOf: s.utf8)
        } else if options.lowercase {
            for c in run { scratch.append(UnicodeClass.asciiLower(c)) }
        } else {
            scratch.append(contentsOf: run)
        }
        if options.foldConfusables {
            Confusables.fold(&scratch)
        }
    }

    /// True when every non-ASCII scalar of `run` is normalisation-stable.
    static func isStable(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < run.count {
            if run[i] < 0x80 {
                i += 1
                continue
            }
            let (scalar, len) = UnicodeClass.decode(run, at: i)
            if !UnicodeClass.isNormalizationStable(scalar) { return false }
            i += len
        }
        return true
    }
}

/// Writes normalised output, collapsing white space (ASCII and Unicode `White_Space`) when asked.
struct WhitespaceWriter {
    let collapse: Bool
    private var pendingSpace = false

    init(collapse: Bool) { self.collapse = collapse }

    mutating func space(_ b: UInt8, into out: inout [UInt8]) {
        if collapse {
            pendingSpace = !out.isEmpty
        } else {
            out.append(b)
        }
    }

    @inline(__always)
    mutating func flush(into out: inout [UInt8]) {
        if pendingSpace {
            out.append(0x20)
            pendingSpace = false
        }
    }

    /// Appends normalised bytes that may contain white space scalars of any kind.
    mutating func write(scalarsOf bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    if UnicodeClass.isASCIISpace(b) {
                        space(b, into: &out)
                    } else {
                        flush(into: &out)
                        out.append(b)
                    }
                    i += 1
                    continue
                }
                let (scalar, len) = UnicodeClass.decode(p, at: i)
                if collapse && UnicodeClass.isSpaceScalar(scalar) {
                    pendingSpace = !out.isEmpty
                } else {
                    flush(into: &out)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<(i + len)]))
                }
                i += len
            }
        }
    }
}
