import Foundation

/// Loading Hugging Face byte-level BPE files: `tokenizer.json`, or GPT-2's `vocab.json` +
/// `merges.txt`.
extension SubwordTokenizer {
    /// GPT-2's byte ↔ printable-character table (`bytes_to_unicode`): printable Latin-1 bytes map to
    /// themselves, the other 68 bytes to U+0100 upwards in byte order.
    static let byteToCharacter: [Unicode.Scalar] = {
        var printable = Set<Int>()
        for r in [0x21...0x7E, 0xA1...0xAC, 0xAE...0xFF] { printable.formUnion(r) }
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next = 256
        for b in 0..<256 {
            if printable.contains(b) {
                table[b] = Unicode.Scalar(UInt32(b))!
            } else {
                table[b] = Unicode.Scalar(UInt32(next))!
                next += 1
            }
        }
        return table
    }()

    static let characterToByte: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (b, c) in byteToCharacter.enumerated() { map[c.value] = UInt8(b) }
        return map
    }()

    /// The bytes a byte-level token string stands for, or nil if it uses other characters.
    static func tokenBytes(_ token: String) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in token.unicodeScalars {
            guard let b = characterToByte[scalar.value] else { return nil }
            out.append(b)
        }
        return out
    }

    /// The known split patterns, as they appear in `tokenizer.json` files.
    static let knownPatterns: [String: PreTokenizer] = [
        #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#: .gpt2,
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#:
            .cl100k,
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#:
            .qwen2,
    ]

    static func huggingFace(_ json: [String: Any], data: Data, name: String, path: String) throws(DistillError)
        -> SubwordTokenizer
    {
        func fail(_ reason: String) -> DistillError { DistillError.unreadable(path: path, reason: reason) }
        guard let model = json["model"] as? [String: Any], (model["type"] as? String ?? "BPE") == "BPE",
            let vocab = model["vocab"] as? [String: Any], let merges = model["merges"] as? [Any]
        else { throw fail("expected a BPE model with `vocab` and `merges`") }
        if isSentencePieceStyle(json, model: model) {
            return try sentencePiece(json, model: model, data: data, name: name, path: path)
        }
        // Normaliser.
        var normalization = Normalization.none
        if let normalizer = json["normalizer"] as? [String: Any] {
            switch normalizer["type"] as? String {
            case "NFKC": normalization = .nfkc
            case "NFC": normalization = .nfc
            default: throw fail("unsupported normalizer \(normalizer["type"] ?? "?") (NFKC and NFC are supported)")
            }
        }
        // Pre-tokeniser: ByteLevel with its regex, or Split(pattern) then ByteLevel without one.
        var pattern: PreTokenizer?
        var addPrefixSpace = false
        var steps: [[String: Any]] = []
        if let pre = json["pre_tokenizer"] as? [String: Any] {
            steps = pre["type"] as? String == "Sequence" ? pre["pretokenizers"] as? [[String: Any]] ?? [] : [pre]
        }
        var byteLevel = false
        for step in steps {
            switch step["type"] as? String {
            case "ByteLevel":
                byteLevel = true
                addPrefixSpace = step["add_prefix_space"] as? Bool ?? false
                if step["use_regex"] as? Bool ?? true {
                    guard pattern == nil else { throw fail("two split patterns") }
                    pattern = .gpt2
                }
            case "Split":
                guard let regex = (step["pattern"] as? [String: Any])?["Regex"] as? String,
                    let known = knownPatterns[regex]
                else {
                    throw fail("unsupported Split pattern (GPT-2, Llama-3/cl100k and Qwen-2 patterns are supported)")
                }
                guard pattern == nil else { throw fail("two split patterns") }
                pattern = known
            default:
                throw fail("unsupported pre_tokenizer \(step["type"] ?? "?")")
            }
        }
        guard byteLevel, let pattern else { throw fail("not a byte-level BPE tokenizer (no ByteLevel pre_tokenizer)") }
        // Vocabulary and merges.
        var entries: [([UInt8], Int)] = []
        var idOf: [String: Int] = [:]
        for (token, value) in vocab {
            guard let id = (value as? NSNumber)?.intValue, id >= 0, id < Int(Int32.max) else {
                throw fail("vocab entry without an integer id")
            }
            idOf[token] = id
            if let bytes = tokenBytes(token) { entries.append((bytes, id)) }
        }
        let pairs = try mergePairs(merges, path: path)
        let encoder = try byteLevelEncoder(
            entries: entries, idOf: idOf, merges: pairs, wholePieceFirst: model["ignore_merges"] as? Bool ?? false,
            path: path)
        return SubwordTokenizer(
            name: name, preTokenizer: pattern, normalization: normalization, addPrefixSpace: addPrefixSpace,
            encoder: encoder)
    }

    /// The merges of a `tokenizer.json`, each `"a b"` or `["a", "b"]`.
    static func mergePairs(_ merges: [Any], path: String) throws(DistillError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        pairs.reserveCapacity(merges.count)
        for merge in merges {
            if let text = merge as? String {
                let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw DistillError.unreadable(
                        path: path, reason: "merge `\(DistillError.excerpt(text))` is not `a b`")
                }
                pairs.append((String(parts[0]), String(parts[1])))
            } else if let array = merge as? [String], array.count == 2 {
                pairs.append((array[0], array[1]))
            } else {
                throw DistillError.unreadable(path: path, reason: "a merge is neither `a b` nor [a, b]")
            }
        }
        return pairs
    }

    static func gpt2(vocabulary json: [String: Any], name: String, path: String) throws(DistillError)
        -> SubwordTokenizer
    {
        let url = URL(fileURLWithPath: path)
        let file = url.lastPathComponent
        guard file.contains("vocab.json") else {
            throw DistillError.unreadable(path: path, reason: "a JSON tokenizer must be tokenizer.json or vocab.json")
        }
        let mergesPath = url.deletingLastPathComponent().appendingPathComponent(
            file.replacingOccurrences(of: "vocab.json", with: "merges.txt")
        ).path
        let text = String(decoding: try readFile(mergesPath), as: UTF8.self)
        var pairs: [(String, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#version") || line.isEmpty { continue }
            let parts = line.split(separator: " ")
            guard parts.count == 2 else {
                throw DistillError.unreadable(path: "\(mergesPath):\(number + 1)", reason: "expected `a b`")
            }
            pairs.append((String(parts[0]), String(parts[1])))
        }
        var entries: [([UInt8], Int)] = []
        var idOf: [String: Int] = [:]
        for (token, value) in json {
            guard let id = (value as? NSNumber)?.intValue, id >= 0, id < Int(Int32.max) else {
                throw DistillError.unreadable(path: path, reason: "vocab entry without an integer id")
            }
            idOf[token] = id
            if let bytes = tokenBytes(token) { entries.append((bytes, id)) }
        }
        let encoder = try byteLevelEncoder(
            entries: entries, idOf: idOf, merges: pairs, wholePieceFirst: false, path: path)
        return SubwordTokenizer(
            name: name, preTokenizer: .gpt2, normalization: .none, addPrefixSpace: false, encoder: encoder)
    }

    /// The encoder of a byte-level BPE vocabulary: merge `i` (0-based) has rank `i`.
    static func byteLevelEncoder(
        entries: [([UInt8], Int)], idOf: [String: Int], merges: [(String, String)], wholePieceFirst: Bool, path: String
    ) throws(DistillError) -> BytePairEncoder {
        try checkDense(entries, path: path)
        var byteTokens = [Int32](repeating: -1, count: 256)
        for b in 0..<256 {
            guard let id = idOf[String(Character(byteToCharacter[b]))] else {
                throw DistillError.unreadable(path: path, reason: "byte \(b) has no token: not a byte-level vocabulary")
            }
            byteTokens[b] = Int32(id)
        }
        var table = UInt64Map(capacity: merges.count)
        for (rank, (a, b)) in merges.enumerated() {
            guard let left = idOf[a], let right = idOf[b], let merged = idOf[a + b] else {
                throw DistillError.unreadable(
                    path: path,
                    reason:
                        "merge \(rank + 1) `\(DistillError.excerpt(a)) \(DistillError.excerpt(b))` is not in the vocabulary"
                )
            }
            let key = UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))
            table.insertIfAbsent(key, UInt64(rank) << 32 | UInt64(merged))
        }
        return BytePairEncoder(
            byteTokens: byteTokens, merges: table, vocabulary: TokenVocabulary(entries: entries),
            wholePieceFirst: wholePieceFirst)
    }
}
