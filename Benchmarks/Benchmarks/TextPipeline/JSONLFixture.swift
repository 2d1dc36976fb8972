import Foundation

/// A JSONL corpus written to a temporary file for the reader benchmark (``CorpusReader`` reads
/// files, not memory). Records are `{"id": ..., "text": ...}` with ASCII English-like documents of
/// about 200 words, the shape of `shared/bench/gen_corpus.py`'s output.
enum JSONLFixture {
    /// Where this process writes its fixture.
    static let path: String = {
        let directory = FileManager.default.temporaryDirectory.path
        return directory + "/distillscope-bench-\(ProcessInfo.processInfo.processIdentifier).jsonl"
    }()

    private struct Record: Encodable {
        var id: String
        var text: String
    }

    /// Writes at least `byteCount` bytes of JSONL to ``path``.
    /// - Returns: the file's size in bytes.
    @discardableResult
    static func create(byteCount: Int, seed: UInt64) throws -> Int {
        var sample = SampleText(seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        data.reserveCapacity(byteCount + 16_384)
        var index = 0
        while data.count < byteCount {
            let record = Record(id: "doc-\(index)", text: sample.document(meanWords: 200))
            data.append(try encoder.encode(record))
            data.append(0x0A)
            index += 1
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return data.count
    }

    /// Size of the fixture on disk, or nil when it is not there.
    static func size() -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    static func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
