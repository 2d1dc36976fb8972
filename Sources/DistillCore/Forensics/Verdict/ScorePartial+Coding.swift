import Foundation

/// The binary form of a partial's records, after the header line. Each record: its byte length
/// (UInt32), a flag byte (1 explicit id, 2 prompt, 4 model, 8 line, 16 byte offset), the strings id,
/// path, text, then prompt and model when flagged (each a UInt32 byte count and UTF-8), line and byte
/// offset when flagged (Int64), the word ids (UInt32 count, UInt64 each) and the signature (UInt32
/// count, UInt32 each). Every integer is little-endian.
extension ScorePartial.Record {
    func append(to out: inout [UInt8]) {
        let start = out.count
        Self.put(UInt32(0), &out)
        var flags: UInt8 = explicitID ? 1 : 0
        if prompt != nil { flags |= 2 }
        if model != nil { flags |= 4 }
        if line != nil { flags |= 8 }
        if byteOffset != nil { flags |= 16 }
        out.append(flags)
        for s in [id, path, text] + [prompt, model].compactMap({ $0 }) {
            Self.put(UInt32(s.utf8.count), &out)
            out.append(contentsOf: s.utf8)
        }
        if let line { Self.put(Int64(line), &out) }
        if let byteOffset { Self.put(Int64(byteOffset), &out) }
        Self.put(UInt32(words.count), &out)
        for w in words { Self.put(w, &out) }
        Self.put(UInt32(signature.count), &out)
        for v in signature { Self.put(v, &out) }
        let length = UInt32(out.count - start - 4).littleEndian
        withUnsafeBytes(of: length) { for (k, b) in $0.enumerated() { out[start + k] = b } }
    }

    static func put<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Reads the records in `bytes`, or the index of the first damaged one.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<[Self], Damage> {
        var reader = Reader(bytes: bytes)
        var records: [Self] = []
        while reader.position < bytes.count {
            let start = reader.position
            reader.end = bytes.count
            guard let length = reader.integer(UInt32.self), let end = reader.limit(Int(length)),
                let r = Self.record(&reader, end: end)
            else { return .failure(Damage(record: records.count, byteOffset: start)) }
            records.append(r)
        }
        return .success(records)
    }

    struct Damage: Error {
        var record: Int
        var byteOffset: Int
    }

    private static func record(_ reader: inout Reader, end: Int) -> Self? {
        guard let flags = reader.integer(UInt8.self), let id = reader.string(), let path = reader.string(),
            let text = reader.string()
        else { return nil }
        let prompt = flags & 2 != 0 ? reader.string() : nil
        let model = flags & 4 != 0 ? reader.string() : nil
        let line = flags & 8 != 0 ? reader.integer(Int64.self).map(Int.init) : nil
        let byteOffset = flags & 16 != 0 ? reader.integer(Int64.self).map(Int.init) : nil
        if (flags & 2 != 0 && prompt == nil) || (flags & 4 != 0 && model == nil) || (flags & 8 != 0 && line == nil)
            || (flags & 16 != 0 && byteOffset == nil)
        {
            return nil
        }
        guard let words = reader.integers(UInt64.self), let signature = reader.integers(UInt32.self),
            reader.position == end
        else { return nil }
        return Self(
            id: id, explicitID: flags & 1 != 0, prompt: prompt, model: model, text: text, path: path, line: line,
            byteOffset: byteOffset, words: words, signature: signature)
    }

    /// A bounds-checked cursor over the bytes.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        var end: Int

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            self.end = bytes.count
        }

        /// Limits reading to the next `count` bytes (one record); nil when they are not there.
        mutating func limit(_ count: Int) -> Int? {
            guard count <= bytes.count - position else { return nil }
            end = position + count
            return end
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            let size = MemoryLayout<T>.size
            guard end - position >= size else { return nil }
            defer { position += size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
        }

        mutating func string() -> String? {
            guard let n = integer(UInt32.self).map(Int.init), n <= end - position else { return nil }
            defer { position += n }
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)]), as: UTF8.self)
        }

        mutating func integers<T: FixedWidthInteger>(_: T.Type) -> [T]? {
            guard let n = integer(UInt32.self).map(Int.init), n <= (end - position) / MemoryLayout<T>.size else {
                return nil
            }
            return (0..<n).map { _ in integer(T.self)! }
        }
    }
}
