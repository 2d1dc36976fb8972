import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

/// A byte source over an in-memory buffer that returns at most `step` bytes per read.
final class MemorySource: ByteSource {
    let bytes: [UInt8]
    let step: Int
    var position = 0
    var consumedBytes: Int { position }

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(step, buffer.count, bytes.count - position)
        for k in 0..<n { buffer[k] = bytes[position + k] }
        position += n
        return n
    }
}

@Suite struct LineSplitterTests {
    /// Lines cut across chunk and batch boundaries come out whole, numbered, with offsets; over-long
    /// lines become oversize records; a final line without newline is kept.
    @Test(arguments: [(1, 1), (3, 5), (7, 64), (64, 3), (1000, 1 << 20)])
    func cutsLinesAtAnyChunking(chunk: Int, target: Int) throws {
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(chunk * 7 + target))
        var lines: [String] = []
        for i in 0..<200 {
            let length = i % 37 == 0 ? 90 : Int.random(in: 0..<30, using: &rng)
            lines.append(String((0..<length).map { _ in "abcxyz{}\" ".randomElement(using: &rng)! }))
        }
        let text = lines.joined(separator: "\n") + (chunk % 2 == 0 ? "\n" : "")
        let bytes = Array(text.utf8)
        let limit = 60
        let splitter = LineSplitter(
            source: MemorySource(bytes, step: chunk), maxRecordBytes: limit, chunkBytes: max(chunk, 1))
        var got: [(String?, Int, Int)] = []
        while true {
            var batch = RecordBatch()
            try splitter.fill(&batch, targetBytes: target)
            if batch.records.isEmpty { break }
            for r in batch.records {
                let content =
                    r.oversizeBytes > 0
                    ? nil : String(decoding: batch.storage[r.start..<(r.start + r.count)], as: UTF8.self)
                got.append((content, r.line, r.byteOffset))
            }
        }
        var expected: [(String?, Int, Int)] = []
        var offset = 0
        for (i, line) in lines.enumerated() {
            if i == lines.count - 1 && line.isEmpty && chunk % 2 == 1 { break }
            expected.append((line.utf8.count > limit ? nil : line, i + 1, offset))
            offset += line.utf8.count + 1
        }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        #expect(got.map(\.2) == expected.map(\.2))
        #expect(splitter.streamOffset == bytes.count)
    }
}
