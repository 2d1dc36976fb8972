/// The word tokens attribution counts, as strings: for checks against other tools that must see
/// exactly the same input (`scripts/compare_faststylometry.py`).
public enum StyleTokens {
    /// The tokens of every document of a corpus, in reading order.
    public struct Dump: Sendable, Codable {
        public var suspect: [[String]]
        public var references: [String: [[String]]]
    }

    /// The normalised word tokens (runs of letters, marks and digits; punctuation left out) of `text`.
    public static func words(of text: String, normalizer: TextNormalizer) -> [String] {
        var out: [String] = []
        var bytes: [UInt8] = []
        var copy = text
        copy.withUTF8 { normalizer.normalize(utf8: $0, into: &bytes) }
        bytes.withUnsafeBufferPointer { p in
            WordTokenizer.forEachToken(in: p) { start, end, _ in
                if StyleProfiler.isWord(p, at: start) {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self))
                }
            }
        }
        return out
    }

    /// The tokens of a suspect and named references.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    public static func dump(
        suspect: String, references: [(name: String, path: String)], corpusOptions: CorpusOptions
    ) throws -> Dump {
        let normalizer = TextNormalizer()
        func read(_ path: String) throws -> [[String]] {
            try CorpusReader(paths: [path], options: corpusOptions).readAll().documents.map {
                words(of: $0.text, normalizer: normalizer)
            }
        }
        var refs: [String: [[String]]] = [:]
        for r in references { refs[r.name] = try read(r.path) }
        return Dump(suspect: try read(suspect), references: refs)
    }
}
