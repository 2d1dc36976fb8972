import Foundation

/// Loading a SentencePiece-style `tokenizer.json` (the files of Llama-2, Mistral and their kin, as
/// `transformers` converts a SentencePiece BPE model): a `BPE` model with `byte_fallback`, and either
/// the normalizer `Sequence[Prepend("▁"), Replace(" ", "▁")]` (or `Replace` alone) or the
/// pre-tokenizer `Metaspace("▁", prepend_scheme, split)`.
extension SubwordTokenizer {
    /// Whether `json` is SentencePiece-style rather than byte-level.
    static func isSentencePieceStyle(_ json: [String: Any], model: [String: Any]) -> Bool {
        if model["byte_fallback"] as? Bool == true { return true }
        if (json["pre_tokenizer"] as? [String: Any])?["type"] as? String == "Metaspace" { return true }
        return normalizerSteps(json).contains { $0["type"] as? String == "Prepend" }
    }

    static func normalizerSteps(_ json: [String: Any]) -> [[String: Any]] {
        guard let normalizer = json["normalizer"] as? [String: Any] else { return [] }
        if normalizer["type"] as? String == "Sequence" { return normalizer["normalizers"] as? [[String: Any]] ?? [] }
        return [normalizer]
    }

    /// The vocabulary and merges, decoded with `JSONDecoder`: `JSONSerialization` drops a U+FEFF at
    /// the start of a string, and SentencePiece vocabularies hold the piece "\u{FEFF}".
    struct Pieces: Decodable {
        struct Model: Decodable {
            var vocab: [String: Int]
            var merges: [Merge]
        }
        /// A merge, `"a b"` or `["a", "b"]`.
        struct Merge: Decodable {
            var pair: (String, String)?
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                    pair = parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
                } else {
                    let array = try container.decode([String].self)
                    pair = array.count == 2 ? (array[0], array[1]) : nil
                }
            }
        }
        var model: Model
    }

    static func sentencePiece(
        _ json: [String: Any], model: [String: Any], data: Data, name: String, path: String
    ) throws(DistillError) -> SubwordTokenizer {
        func fail(_ reason: String) -> DistillError { DistillError.unreadable(path: path, reason: reason) }
        let marker = "\u{2581}"
        var prepend = SentencePieceBPE.Prepend.never
        var replacesSpaces = false
        var normalization = Normalization.none
        for step in normalizerSteps(json) {
            switch step["type"] as? String {
            case "Prepend":
                guard step["prepend"] as? String == marker else { throw fail("Prepend of something other than ▁") }
                prepend = .always
            case "Replace":
                guard (step["pattern"] as? [String: Any])?["String"] as? String == " ",
                    step["content"] as? String == marker
                else { throw fail("unsupported Replace normalizer (only \" \" → \"▁\")") }
                replacesSpaces = true
            case "NFKC": normalization = .nfkc
            case "NFC": normalization = .nfc
            default:
                throw fail("unsupported normalizer \(step["type"] ?? "?") in a SentencePiece-style tokenizer")
            }
        }
        var split = false
        if let pre = json["pre_tokenizer"] as? [String: Any] {
            guard pre["type"] as? String == "Metaspace", pre["replacement"] as? String ?? marker == marker else {
                throw fail("unsupported pre_tokenizer \(pre["type"] ?? "?") in a SentencePiece-style tokenizer")
            }
            guard !replacesSpaces else { throw fail("both a Replace normalizer and a Metaspace pre_tokenizer") }
            replacesSpaces = true
            split = pre["split"] as? Bool ?? true
            // `prepend_scheme` (tokenizers ≥ 0.19) or the older `add_prefix_space`; `first` and
            // `always` are the same for one ordinary text.
            let scheme =
                pre["prepend_scheme"] as? String ?? ((pre["add_prefix_space"] as? Bool ?? true) ? "always" : "never")
            switch scheme {
            case "always", "first": prepend = .unlessLeading
            case "never": prepend = .never
            default: throw fail("unknown Metaspace prepend_scheme \(scheme)")
            }
        }
        guard replacesSpaces else { throw fail("a byte-fallback BPE without ▁ for spaces (no Replace or Metaspace)") }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let value = model[key] as? String, !value.isEmpty { throw fail("unsupported \(key) \(value)") }
        }
        if model["ignore_merges"] as? Bool == true { throw fail("ignore_merges in a SentencePiece-style tokenizer") }
        // Vocabulary: single scalars, byte tokens, and every token's text for decoding.
        var idOf: [String: Int] = [:]
        var scalars = UInt64Map(capacity: 1 << 12)
        var byteTokens = [Int32](repeating: -1, count: 256)
        var entries: [([UInt8], Int)] = []
        var runsAreIndependent = true
        let pieces: Pieces
        do { pieces = try JSONDecoder().decode(Pieces.self, from: data) } catch {
            throw fail("the model's vocab must map tokens to integer ids and merges be `a b` or [a, b]")
        }
        for (token, id) in pieces.model.vocab {
            guard id >= 0, id < Int(Int32.max) else { throw fail("vocab id \(id) out of range") }
            idOf[token] = id
            let units = Array(token.unicodeScalars)
            for i in units.indices.dropFirst() where units[i].value == SentencePieceBPE.replacement {
                if units[i - 1].value != SentencePieceBPE.replacement { runsAreIndependent = false }
            }
            if units.count == 1 { _ = scalars.insertIfAbsent(UInt64(units[0].value), UInt64(id)) }
            if let byte = fallbackByte(token) {
                byteTokens[Int(byte)] = Int32(id)
                entries.append(([byte], id))
            } else {
                entries.append((Array(token.replacingOccurrences(of: marker, with: " ").utf8), id))
            }
        }
        let unknown = (model["unk_token"] as? String).flatMap { idOf[$0] }.map(Int32.init) ?? -1
        // Merges: rank = position in the list; the last of a repeated pair wins, as in `tokenizers`.
        var pairs: [(String, String)] = []
        for (i, merge) in pieces.model.merges.enumerated() {
            guard let pair = merge.pair else { throw fail("merge \(i + 1) is neither `a b` nor [a, b]") }
            pairs.append(pair)
        }
        var table = UInt64Map(capacity: pairs.count)
        var lastRank: [UInt64: Int] = [:]
        for (rank, (a, b)) in pairs.enumerated() {
            guard let left = idOf[a], let right = idOf[b], idOf[a + b] != nil else {
                throw fail(
                    "merge \(rank + 1) `\(DistillError.excerpt(a)) \(DistillError.excerpt(b))` is not in the vocabulary"
                )
            }
            lastRank[UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))] = rank
        }
        for (key, rank) in lastRank {
            let (a, b) = pairs[rank]
            _ = table.insertIfAbsent(key, UInt64(rank) << 32 | UInt64(idOf[a + b]!))
        }
        let encoder = BytePairEncoder(
            byteTokens: byteTokens, merges: UInt64Map(), vocabulary: TokenVocabulary(entries: entries),
            wholePieceFirst: false)
        let bpe = SentencePieceBPE(
            prepend: prepend, split: split, runsAreIndependent: runsAreIndependent, scalars: scalars,
            byteTokens: byteTokens, unknown: unknown, merges: table)
        return SubwordTokenizer(
            name: name, preTokenizer: .gpt2, normalization: normalization, addPrefixSpace: false, encoder: encoder,
            sentencePiece: bpe)
    }

    /// The byte of a byte-fallback token `<0xXX>` (upper-case hex, as `tokenizers` spells it).
    static func fallbackByte(_ token: String) -> UInt8? {
        let u = Array(token.utf8)
        guard u.count == 6, u[0] == UInt8(ascii: "<"), u[1] == UInt8(ascii: "0"), u[2] == UInt8(ascii: "x"),
            u[5] == UInt8(ascii: ">")
        else { return nil }
        func digit(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 65...70: return c - 55
            default: return nil
            }
        }
        guard let hi = digit(u[3]), let lo = digit(u[4]) else { return nil }
        return hi << 4 | lo
    }
}
