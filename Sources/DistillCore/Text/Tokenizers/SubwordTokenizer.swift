import Foundation

/// A BPE subword tokeniser that produces the same ids as the reference implementations (DESIGN.md
/// "Text"): a tiktoken rank file (`cl100k_base`, `o200k_base`, ...), a Hugging Face `tokenizer.json`
/// with a byte-level BPE model or a SentencePiece-style one (`▁` for spaces, byte fallback: Llama-2,
/// Mistral), or GPT-2's `vocab.json` + `merges.txt`. See ``load(path:)``.
///
/// Encoding is ordinary text only: special tokens (`<|endoftext|>`, added tokens) are not
/// recognised in the text and are encoded as the text they spell (tiktoken's `encode_ordinary`).
public final class SubwordTokenizer: Sendable {
    /// The Unicode normalisation a `tokenizer.json` declares.
    public enum Normalization: String, Sendable, Codable {
        case none, nfc, nfkc
    }

    /// A short name: the file name.
    public let name: String
    /// The pre-tokenisation pattern (byte-level files; a SentencePiece-style file has none).
    public let preTokenizer: PreTokenizer
    /// Normalisation applied to the whole text first.
    public let normalization: Normalization
    /// Prepend a space when the text does not start with one (Hugging Face `add_prefix_space`).
    public let addPrefixSpace: Bool
    let encoder: BytePairEncoder
    /// The SentencePiece-style encoder of a Llama-2 / Mistral / Gemma `tokenizer.json` (nil for
    /// byte-level files); ``encoder`` then only decodes.
    let sentencePiece: SentencePieceBPE?

    /// Whether the file is a SentencePiece-style BPE (`▁` for spaces, byte fallback).
    public var isSentencePiece: Bool { sentencePiece != nil }

    init(
        name: String, preTokenizer: PreTokenizer, normalization: Normalization, addPrefixSpace: Bool,
        encoder: BytePairEncoder, sentencePiece: SentencePieceBPE? = nil
    ) {
        self.sentencePiece = sentencePiece
        self.name = name
        self.preTokenizer = preTokenizer
        self.normalization = normalization
        self.addPrefixSpace = addPrefixSpace
        self.encoder = encoder
    }

    /// The number of token ids (one past the largest id).
    public var vocabularySize: Int { encoder.vocabulary.count }

    /// The token ids of `text`.
    /// - Complexity: O(*n*) for *n* bytes (pieces are short).
    public func encode(_ text: String) -> [Int] {
        var session = Session(self)
        return session.encode(text)
    }

    /// The bytes a sequence of ids stands for (invalid ids give nothing).
    public func decode(_ ids: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        for id in ids { out.append(contentsOf: encoder.vocabulary.bytes(of: id)) }
        return out
    }

    /// An encoder with its own scratch buffers and a cache of pieces already seen: make one per
    /// thread and reuse it for many texts.
    public struct Session {
        let tokenizer: SubwordTokenizer
        private var scalars: [UInt32] = []
        private var classes: [UInt16] = []
        private var offsets: [Int32] = []
        private var scratch: [Int32] = []
        private var ranks: [UInt32] = []
        private var cache = PieceCache()
        private var bmpClasses: [UInt16] = []
        private var normalized: [[UInt8]: [UInt8]] = [:]
        private var normalizedBytes = 0
        private var work = SentencePieceBPE.Work()

        /// A session of `tokenizer`.
        public init(_ tokenizer: SubwordTokenizer) { self.tokenizer = tokenizer }

        /// The token ids of `text`.
        public mutating func encode(_ text: String) -> [Int] {
            var out: [Int32] = []
            encode(text, into: &out)
            return out.map(Int.init)
        }

        /// Appends the token ids of `text` to `out`.
        public mutating func encode(_ text: String, into out: inout [Int32]) {
            if let sentencePiece = tokenizer.sentencePiece {
                let prepared =
                    tokenizer.normalization != .none && !text.utf8.allSatisfy({ $0 < 0x80 }) ? normalize(text) : text
                sentencePiece.encode(prepared, into: &out, work: &work)
                return
            }
            var prepared = prepare(text)
            prepared.withUTF8 { encode(utf8: $0, into: &out) }
        }

        private mutating func prepare(_ text: String) -> String {
            var text = text
            if tokenizer.normalization != .none && !text.utf8.allSatisfy({ $0 < 0x80 }) {
                text = normalize(text)
            }
            if tokenizer.addPrefixSpace && !text.hasPrefix(" ") { text = " " + text }
            return text
        }

        /// NFKC (or NFC) of `text`, applied only to its non-ASCII runs, each with the ASCII
        /// character before it (which may compose with a following mark). This equals normalising
        /// the whole text: an ASCII character is a starter that never composes with what precedes
        /// it, so normalisation never reaches across one (UAX #15). Runs are cached.
        private mutating func normalize(_ text: String) -> String {
            var out: [UInt8] = []
            var copy = text
            copy.withUTF8 { bytes in
                out.reserveCapacity(bytes.count + 16)
                var i = 0
                let n = bytes.count
                while i < n {
                    if bytes[i] < 0x80 {
                        out.append(bytes[i])
                        i += 1
                        continue
                    }
                    var j = i
                    while j < n && bytes[j] >= 0x80 { j += 1 }
                    let start = i > 0 ? i - 1 : i
                    if start < i { out.removeLast() }
                    let segment = Array(bytes[start..<j])
                    if let done = normalized[segment] {
                        out.append(contentsOf: done)
                    } else {
                        let s = String(decoding: segment, as: UTF8.self)
                        let done = Array(
                            (tokenizer.normalization == .nfkc
                                ? s.precomposedStringWithCompatibilityMapping : s.precomposedStringWithCanonicalMapping)
                                .utf8)
                        if normalizedBytes > 4 << 20 {
                            normalized.removeAll(keepingCapacity: true)
                            normalizedBytes = 0
                        }
                        normalized[segment] = done
                        normalizedBytes += segment.count + done.count
                        out.append(contentsOf: done)
                    }
                    i = j
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// Appends the token ids of valid, already-normalised UTF-8 `bytes`.
        mutating func encode(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) {
            ScalarClassifier.decode(
                bytes, scalars: &scalars, classes: &classes, offsets: &offsets, bmpCache: &bmpClasses)
            let pattern = tokenizer.preTokenizer
            let encoder = tokenizer.encoder
            scalars.withUnsafeBufferPointer { s in
                classes.withUnsafeBufferPointer { c in
                    offsets.withUnsafeBufferPointer { o in
                        var i = 0
                        while i < c.count {
                            let end = pattern.pieceEnd(at: i, classes: c, scalars: s)
                            let piece = UnsafeBufferPointer(rebasing: bytes[Int(o[i])..<Int(o[end])])
                            if !cache.lookup(piece, into: &out) {
                                let before = out.count
                                encoder.encode(piece, into: &out, scratch: &scratch, ranks: &ranks)
                                cache.insert(piece, ids: out[before...])
                            }
                            i = end
                        }
                    }
                }
            }
        }
    }
}
