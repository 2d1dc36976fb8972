import Foundation

/// Cuts a byte stream into raw records.
protocol RecordSplitter: AnyObject {
    /// Appends the next record to `batch`; returns false at the end of the input.
    func next(into batch: inout RecordBatch) throws -> Bool
}

/// One record per line (JSONL). Lines over the size limit are never buffered whole: the splitter
/// stops keeping their bytes at the limit and reports them as oversize records.
final class LineSplitter: RecordSplitter {
    private let chunks: ChunkBuffer
    private let maxRecordBytes: Int
    private var partial: [UInt8] = []
    private var oversize = 0
    private var lineNumber = 0
    private var recordOffset = 0
    private var inRecord = false

    init(chunks: ChunkBuffer, maxRecordBytes: Int) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    func next(into batch: inout RecordBatch) throws -> Bool {
        while true {
            guard try chunks.fill() else {
                if inRecord {
                    emit(into: &batch, piece: UnsafeRawBufferPointer(start: nil, count: 0))
                    return true
                }
                return false
            }
            if !inRecord {
                inRecord = true
                recordOffset = chunks.offset
            }
            let base = chunks.buffer.baseAddress! + chunks.start
            let available = chunks.end - chunks.start
            if let hit = memchr(base, 0x0A, available) {
                let length = hit - UnsafeMutableRawPointer(mutating: base)
                emit(into: &batch, piece: UnsafeRawBufferPointer(start: base, count: length))
                chunks.start += length + 1
                return true
            }
            let piece = UnsafeRawBufferPointer(start: base, count: available)
            if oversize > 0 {
                oversize += available
            } else if partial.count + available > maxRecordBytes {
                oversize = partial.count + available
                partial = []
            } else {
                partial.append(contentsOf: piece)
            }
            chunks.start = chunks.end
        }
    }

    private func emit(into batch: inout RecordBatch, piece: UnsafeRawBufferPointer) {
        lineNumber += 1
        inRecord = false
        if oversize > 0 || partial.count + piece.count > maxRecordBytes {
            batch.appendOversize(
                bytes: max(oversize, partial.count) + piece.count, line: lineNumber, byteOffset: recordOffset)
            oversize = 0
            partial = []
            return
        }
        if partial.isEmpty {
            batch.append(trimCR(piece), line: lineNumber, byteOffset: recordOffset)
        } else {
            partial.append(contentsOf: piece)
            partial.withUnsafeBytes { batch.append(trimCR($0), line: lineNumber, byteOffset: recordOffset) }
            partial.removeAll(keepingCapacity: true)
        }
    }

    private func trimCR(_ p: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let last = p.last, last == 0x0D { return UnsafeRawBufferPointer(rebasing: p.dropLast()) }
        return p
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
    private var line = 1
    private var started = false
    private var finished = false
    private var needComma = false
    private var value: [UInt8] = []

    init(chunks: ChunkBuffer, path: String, isArray: Bool, maxRecordBytes: Int) {
        self.chunks = chunks
        self.path = path
        self.isArray = isArray
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
        while try chunks.fill() {
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
