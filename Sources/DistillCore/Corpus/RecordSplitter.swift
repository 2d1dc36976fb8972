import Foundation

/// Cuts a byte stream into raw records.
protocol RecordSplitter: AnyObject {
    /// Appends the next record to `batch`; returns false at the end of the input.
    func next(into batch: inout RecordBatch) throws -> Bool
    /// Appends records until the batch holds at least `targetBytes` or the input ends.
    func fill(_ batch: inout RecordBatch, targetBytes: Int) throws
}

extension RecordSplitter {
    func fill(_ batch: inout RecordBatch, targetBytes: Int) throws {
        while batch.storage.count < targetBytes && batch.records.count < 65_536 {
            if try !next(into: &batch) { return }
        }
    }
}

/// One record per line (JSONL). Whole chunks of the stream are appended to the batch at once and
/// lines are found in place with memchr, so each byte is copied once. A line over the size limit is
/// never kept whole: it is reported as an oversize record as soon as it passes the limit and nothing
/// after it is read (`stopAtOversize`, when an oversize record is an error: endless input without a
/// newline stops there), or its bytes are dropped as they come until its end (when bad records are
/// skipped).
final class LineSplitter: RecordSplitter {
    private let source: ByteSource
    private let maxRecordBytes: Int
    private let stopAtOversize: Bool
    private let chunk: UnsafeMutableRawBufferPointer
    /// The unfinished last line of the previous batch, moved to the start of the next.
    private var carry: [UInt8] = []
    private var carryOffset = 0
    /// Decompressed bytes read so far.
    private(set) var streamOffset = 0
    private var lineNumber = 0
    /// Inside an oversize line: its bytes so far and where it began.
    private var skipping = 0
    private var skipOffset = 0
    private var eof = false

    init(source: ByteSource, maxRecordBytes: Int, stopAtOversize: Bool = false, chunkBytes: Int = 1 << 20) {
        self.source = source
        self.maxRecordBytes = maxRecordBytes
        self.stopAtOversize = stopAtOversize
        chunk = .allocate(byteCount: chunkBytes, alignment: 64)
    }

    deinit { chunk.deallocate() }

    func next(into batch: inout RecordBatch) throws -> Bool {
        let before = batch.records.count
        try fill(&batch, targetBytes: 1)
        return batch.records.count > before
    }

    func fill(_ batch: inout RecordBatch, targetBytes: Int) throws {
        // Stream offset of storage[0]; it moves on when an oversize line's bytes are dropped.
        var storageOffset = carryOffset - batch.storage.count
        var lineStart = batch.storage.count
        // A batch ends at the first chunk that reaches `targetBytes`, so this is its largest size
        // (short of an overlong line).
        batch.reserveStorage(batch.storage.count + carry.count + max(targetBytes, 1) + chunk.count)
        batch.storage.append(contentsOf: carry)
        carry.removeAll(keepingCapacity: true)
        var scanFrom = lineStart
        while true {
            // Complete lines in what is buffered.
            let found: Int = batch.storage.withUnsafeBytes { p in
                var count = 0
                while scanFrom < p.count,
                    let hit = memchr(p.baseAddress! + scanFrom, 0x0A, p.count - scanFrom)
                {
                    let end = UnsafeRawPointer(hit) - p.baseAddress!
                    finishLine(&batch, start: lineStart, end: end, p: p, storageOffset: storageOffset)
                    lineStart = end + 1
                    scanFrom = lineStart
                    count += 1
                }
                scanFrom = p.count
                return count
            }
            _ = found
            // The unfinished line: drop its bytes once it is over the limit.
            let pending = batch.storage.count - lineStart
            if skipping > 0 || pending > maxRecordBytes {
                if skipping == 0 { skipOffset = storageOffset + lineStart }
                skipping += pending
                batch.storage.removeSubrange(lineStart...)
                storageOffset += pending
                scanFrom = lineStart
                if stopAtOversize {
                    lineNumber += 1
                    batch.records.append(
                        RecordBatch.Raw(
                            start: lineStart, count: 0, line: lineNumber, byteOffset: skipOffset,
                            oversizeBytes: skipping))
                    skipping = 0
                    eof = true
                }
            }
            if eof || (!batch.records.isEmpty && batch.storage.count >= targetBytes) { break }
            let n = try source.read(into: chunk)
            if n == 0 {
                eof = true
                continue
            }
            streamOffset += n
            batch.storage.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        if eof {
            if batch.storage.count > lineStart || skipping > 0 {
                batch.storage.withUnsafeBytes { p in
                    finishLine(&batch, start: lineStart, end: p.count, p: p, storageOffset: storageOffset)
                }
            }
            carryOffset = streamOffset
        } else {
            carry.append(contentsOf: batch.storage[lineStart...])
            carryOffset = storageOffset + lineStart
            batch.storage.removeSubrange(lineStart...)
        }
    }

    /// Records the line [start, end) of the batch storage `p` (a trailing CR is dropped).
    private func finishLine(
        _ batch: inout RecordBatch, start: Int, end: Int, p: UnsafeRawBufferPointer, storageOffset: Int
    ) {
        lineNumber += 1
        if skipping > 0 || end - start > maxRecordBytes {
            let offset = skipping > 0 ? skipOffset : storageOffset + start
            batch.records.append(
                RecordBatch.Raw(
                    start: start, count: 0, line: lineNumber, byteOffset: offset, oversizeBytes: skipping + end - start)
            )
            skipping = 0
            return
        }
        var length = end - start
        if length > 0 && p[end - 1] == 0x0D { length -= 1 }
        batch.records.append(
            RecordBatch.Raw(start: start, count: length, line: lineNumber, byteOffset: storageOffset + start))
    }
}

/// JSON values one after another (`json-stream`) or the elements of one top-level array
/// (`json-array`). Tracks nesting and strings byte by byte to find each value's extent; the
/// values themselves are validated later by the record decoder.
final class JSONValueSplitter: RecordSplitter {
    private let chunks: ChunkBuffer
    private let maxRecordBytes: Int
    private let path: String
    private let isArray: Bool
    private let stopAtOversize: Bool
    private var line = 1
    private var started = false
    private var finished = false
    private var needComma = false
    private var value: [UInt8] = []

    init(chunks: ChunkBuffer, path: String, isArray: Bool, maxRecordBytes: Int, stopAtOversize: Bool = false) {
        self.chunks = chunks
        self.path = path
        self.isArray = isArray
        self.stopAtOversize = stopAtOversize
        self.maxRecordBytes = maxRecordBytes
    }

    private func peekByte() throws -> UInt8? {
        guard try chunks.fill() else { return nil }
        return chunks.buffer[chunks.start]
    }

    private func takeByte() {
        if chunks.buffer[chunks.start] == 0x0A { line += 1 }
        chunks.start += 1
    }

    private func error(_ message: String) -> DistillError {
        .malformedRecord(InputLocation(path: path, line: line), reason: message)
    }

    private func skipSpace() throws {
        while let b = try peekByte(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { takeByte() }
    }

    func next(into batch: inout RecordBatch) throws -> Bool {
        if finished { return false }
        try skipSpace()
        if isArray && !started {
            guard let b = try peekByte() else {
                finished = true
                return false
            }
            guard b == UInt8(ascii: "[") else { throw error("expected '[' to open the JSON array") }
            takeByte()
            started = true
            try skipSpace()
        }
        started = true
        guard let first = try peekByte() else {
            if isArray { throw error("unexpected end of file: the JSON array is not closed with ']'") }
            finished = true
            return false
        }
        if isArray {
            if first == UInt8(ascii: "]") {
                takeByte()
                try skipSpace()
                if let extra = try peekByte() {
                    throw error("unexpected \(JSONRecord.describe(extra)) after the closing ']'")
                }
                finished = true
                return false
            }
            if needComma {
                guard first == UInt8(ascii: ",") else {
                    throw error("expected ',' or ']' between array elements, found \(JSONRecord.describe(first))")
                }
                takeByte()
                try skipSpace()
            }
        }
        try readValue(into: &batch)
        needComma = true
        return true
    }

    /// Copies one value's bytes (up to the limit) into `batch`.
    private func readValue(into batch: inout RecordBatch) throws {
        let startLine = line
        let startOffset = chunks.offset
        value.removeAll(keepingCapacity: true)
        var size = 0
        var depth = 0
        var inString = false
        var escaped = false
        func keep(_ b: UInt8) {
            size += 1
            if size <= maxRecordBytes { value.append(b) }
        }
        while let b = try peekByte() {
            if stopAtOversize && size > maxRecordBytes {
                // Oversize is an error: report it now, read no further.
                finished = true
                return finish(&batch, size: size, line: startLine, offset: startOffset)
            }
            if inString {
                takeByte()
                keep(b)
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                if depth == 0 && !inString { break }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                takeByte()
                keep(b)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                takeByte()
                keep(b)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    if size == 0 { throw error("unexpected \(JSONRecord.describe(b))") }
                    return finish(&batch, size: size, line: startLine, offset: startOffset)
                }
                depth -= 1
                takeByte()
                keep(b)
                if depth == 0 { return finish(&batch, size: size, line: startLine, offset: startOffset) }
            case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                if depth == 0 {
                    if size == 0 { throw error("unexpected \(JSONRecord.describe(b))") }
                    return finish(&batch, size: size, line: startLine, offset: startOffset)
                }
                takeByte()
                keep(b)
            default:
                takeByte()
                keep(b)
            }
        }
        if inString || depth > 0 {
            throw DistillError.malformedRecord(
                InputLocation(path: path, line: startLine),
                reason: "unexpected end of file inside a JSON value (truncated file?)")
        }
        finish(&batch, size: size, line: startLine, offset: startOffset)
    }

    private func finish(_ batch: inout RecordBatch, size: Int, line: Int, offset: Int) {
        if size > maxRecordBytes {
            batch.appendOversize(bytes: size, line: line, byteOffset: offset)
        } else {
            value.withUnsafeBytes { batch.append($0, line: line, byteOffset: offset) }
        }
    }
}

/// A whole plain-text file as one record.
final class WholeFileSplitter: RecordSplitter {
    private let chunks: ChunkBuffer
    private let maxRecordBytes: Int
    private var done = false

    init(chunks: ChunkBuffer, maxRecordBytes: Int) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    func next(into batch: inout RecordBatch) throws -> Bool {
        if done { return false }
        done = true
        var bytes: [UInt8] = []
        var size = 0
        // The file is one record: past the limit it is oversize whatever follows, so reading stops
        // there (endless input such as /dev/zero ends).
        while size <= maxRecordBytes, try chunks.fill() {
            let n = chunks.end - chunks.start
            size += n
            if size <= maxRecordBytes {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunks.buffer[chunks.start..<chunks.end]))
            } else {
                bytes = []
            }
            chunks.start = chunks.end
        }
        if size > maxRecordBytes {
            batch.appendOversize(bytes: size, line: 1, byteOffset: 0)
        } else {
            bytes.withUnsafeBytes { batch.append($0, line: 1, byteOffset: 0) }
        }
        return true
    }
}
