/// Raw records cut from one file, copied into one contiguous buffer for parallel decoding.
struct RecordBatch: Sendable {
    /// One record's place in ``storage``, and where it came from.
    struct Raw: Sendable {
        var start: Int
        var count: Int
        /// 1-based line of the record's first byte.
        var line: Int
        /// Byte offset of the record's first byte in the decompressed stream.
        var byteOffset: Int
        /// When the record was over the size limit: its size (or the bytes seen before giving up).
        var oversizeBytes: Int = 0
    }

    var storage: [UInt8] = []
    var records: [Raw] = []

    var isEmpty: Bool { records.isEmpty }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }

    /// Makes room for `bytes` bytes of storage in one allocation (instead of growth by doubling,
    /// which copies and touches fresh pages at every step).
    mutating func reserveStorage(_ bytes: Int) {
        if storage.capacity < bytes { storage.reserveCapacity(bytes) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer, line: Int, byteOffset: Int) {
        records.append(Raw(start: storage.count, count: bytes.count, line: line, byteOffset: byteOffset))
        storage.append(contentsOf: bytes)
    }

    mutating func appendOversize(bytes: Int, line: Int, byteOffset: Int) {
        records.append(Raw(start: storage.count, count: 0, line: line, byteOffset: byteOffset, oversizeBytes: bytes))
    }
}

/// A buffered reader over a ``ByteSource`` that the record splitters scan.
final class ChunkBuffer {
    let source: ByteSource
    var buffer: UnsafeMutableRawBufferPointer
    var start = 0
    var end = 0
    var eof = false
    /// Stream offset of `buffer[0]`.
    var bufferOffset = 0

    init(source: ByteSource, capacity: Int = 1 << 20) {
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    /// Refills the buffer when empty; returns false at the end of the stream.
    func fill() throws -> Bool {
        if start < end { return true }
        if eof { return false }
        bufferOffset += end
        start = 0
        end = 0
        let n = try source.read(into: buffer)
        if n == 0 {
            eof = true
            return false
        }
        end = n
        return true
    }

    /// Stream offset of `buffer[start]`.
    var offset: Int { bufferOffset + start }
}
