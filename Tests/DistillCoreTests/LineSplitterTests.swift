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

/// A source that never ends: `prefix`, then `filler` forever (a stream with no newline, like /dev/zero).
final class EndlessSource: ByteSource {
    let prefix: [UInt8]
    let filler: UInt8
    var position = 0
    var consumedBytes: Int { position }

    init(prefix: String, filler: UInt8) {
        self.prefix = Array(prefix.utf8)
        self.filler = filler
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        for k in 0..<buffer.count {
            buffer[k] = position + k < prefix.count ? prefix[position + k] : filler
        }
        position += buffer.count
        return buffer.count
    }
}

/// Endless input stops at the record limit when an oversize record is an error, in every container.
@Suite struct EndlessInputTests {
    static let limit = 100_000

    @Test func linesStopAtTheLimit() throws {
        let source = EndlessSource(prefix: "{\"text\": \"ok\"}\n{\"text\": \"", filler: UInt8(ascii: "a"))
        let splitter = LineSplitter(source: source, maxRecordBytes: Self.limit, stopAtOversize: true, chunkBytes: 4096)
        var records: [RecordBatch.Raw] = []
        while true {
            var batch = RecordBatch()
            guard try splitter.next(into: &batch) else { break }
            records += batch.records
        }
        #expect(records.count == 2)
        #expect(records.last?.oversizeBytes ?? 0 > Self.limit)
        #expect(records.last?.line == 2)
        #expect(source.position < 4 * Self.limit)
    }

    @Test func jsonValuesAndWholeFilesStopAtTheLimit() throws {
        for isArray in [true, false] {
            let source = EndlessSource(prefix: isArray ? "[{\"text\": \"" : "{\"text\": \"", filler: UInt8(ascii: "b"))
            let splitter = JSONValueSplitter(
                chunks: ChunkBuffer(source: source), path: "endless", isArray: isArray, maxRecordBytes: Self.limit,
                stopAtOversize: true)
            var batch = RecordBatch()
            #expect(try splitter.next(into: &batch))
            #expect(batch.records.last?.oversizeBytes ?? 0 > Self.limit)
            #expect(try !splitter.next(into: &batch))
            #expect(source.position < 4 * Self.limit + (1 << 20))
        }
        let source = EndlessSource(prefix: "", filler: 0)
        let whole = WholeFileSplitter(chunks: ChunkBuffer(source: source), maxRecordBytes: Self.limit)
        var batch = RecordBatch()
        #expect(try whole.next(into: &batch))
        #expect(batch.records.last?.oversizeBytes ?? 0 > Self.limit)
        #expect(source.position < Self.limit + (4 << 20))
    }
}
