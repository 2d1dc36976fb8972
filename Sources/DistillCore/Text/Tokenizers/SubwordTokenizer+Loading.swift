import Foundation

extension SubwordTokenizer {
    /// Loads a tokeniser, gzip-compressed or not (detected by magic bytes):
    /// - `*.tiktoken`: a tiktoken rank file (`base64(token) rank` per line); the pattern is chosen
    ///   by the encoding's name in the file name (`cl100k_base`, `o200k_base`, `r50k_base`, `p50k_base`);
    /// - `tokenizer.json` (any `*.json` with a `model`): a Hugging Face byte-level BPE tokeniser;
    /// - `vocab.json`: GPT-2's vocabulary, with `merges.txt` beside it (the same name with
    ///   `vocab.json` replaced by `merges.txt`).
    /// - Throws: ``DistillError/unreadable(path:reason:)`` naming the file and what is wrong.
    /// - Complexity: O(vocabulary bytes).
    public static func load(path: String) throws(DistillError) -> SubwordTokenizer {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let base = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
        let data = try readFile(path)
        if base.hasSuffix(".tiktoken") {
            return try tiktoken(data, name: base, path: path)
        }
        guard base.hasSuffix(".json") else {
            throw DistillError.unreadable(
                path: path,
                reason: "not a tokenizer: expected *.tiktoken, tokenizer.json or vocab.json (optionally .gz)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DistillError.unreadable(path: path, reason: "not a JSON object")
        }
        if object["model"] is [String: Any] { return try huggingFace(object, data: data, name: base, path: path) }
        return try gpt2(vocabulary: object, name: base, path: path)
    }

    /// The whole file, inflated if it is gzip.
    static func readFile(_ path: String) throws(DistillError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw DistillError.missingPath(path) }
        do {
            let source = try FileSource(path: path)
            var raw = Data()
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
            defer { buffer.deallocate() }
            var first = true
            var gzip: ByteSource?
            while true {
                let n = try (gzip ?? source).read(into: buffer)
                if n == 0 { break }
                if first && gzip == nil && n >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B {
                    first = false
                    // Re-open through zlib from the start.
                    gzip = try GzipSource(input: try FileSource(path: path), path: path)
                    continue
                }
                first = false
                raw.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
            }
            return raw
        } catch let error as DistillError {
            throw error
        } catch {
            throw DistillError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Rejects vocabularies whose ids are far sparser than their entries (a damaged or hostile
    /// file would otherwise make the id table huge).
    static func checkDense(_ entries: [([UInt8], Int)], path: String) throws(DistillError) {
        let largest = entries.map(\.1).max() ?? 0
        guard largest < 4 * entries.count + 4096 else {
            throw DistillError.unreadable(
                path: path, reason: "token ids run to \(largest) for \(entries.count) tokens: not a dense vocabulary")
        }
    }

    static func tiktoken(_ data: Data, name: String, path: String) throws(DistillError) -> SubwordTokenizer {
        let pattern: PreTokenizer
        if name.contains("cl100k") {
            pattern = .cl100k
        } else if name.contains("o200k") {
            pattern = .o200k
        } else if name.contains("r50k") || name.contains("p50k") || name.contains("gpt2") {
            pattern = .gpt2
        } else {
            throw DistillError.unreadable(
                path: path, reason: "unknown tiktoken encoding: name the file after it (cl100k_base, o200k_base, ...)")
        }
        var entries: [([UInt8], Int)] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = line.split(separator: 0x20)
            guard fields.count == 2, let token = Data(base64Encoded: Data(fields[0])),
                let rank = Int(String(decoding: fields[1], as: UTF8.self)), rank >= 0, rank < Int(Int32.max)
            else {
                throw DistillError.unreadable(path: "\(path):\(lineNumber)", reason: "expected `base64-token rank`")
            }
            entries.append(([UInt8](token), rank))
        }
        try checkDense(entries, path: path)
        let vocabulary = TokenVocabulary(entries: entries)
        var byteTokens = [Int32](repeating: -1, count: 256)
        var merges = UInt64Map(capacity: entries.count * 2)
        for (bytes, rank) in entries {
            if bytes.count == 1 {
                byteTokens[Int(bytes[0])] = Int32(rank)
                continue
            }
            bytes.withUnsafeBufferPointer { b in
                for split in 1..<b.count {
                    guard let left = vocabulary.id(of: UnsafeBufferPointer(rebasing: b[..<split])),
                        let right = vocabulary.id(of: UnsafeBufferPointer(rebasing: b[split...]))
                    else { continue }
                    let key = UInt64(UInt32(left)) << 32 | UInt64(UInt32(right))
                    merges.insertIfAbsent(key, UInt64(rank) << 32 | UInt64(rank))
                }
            }
        }
        guard !byteTokens.contains(-1) else {
            throw DistillError.unreadable(path: path, reason: "not every single byte is a token")
        }
        let encoder = BytePairEncoder(
            byteTokens: byteTokens, merges: merges, vocabulary: vocabulary, wholePieceFirst: true)
        return SubwordTokenizer(
            name: name, preTokenizer: pattern, normalization: .none, addPrefixSpace: false, encoder: encoder)
    }
}
