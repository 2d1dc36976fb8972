import Foundation

/// A file of MinHash signatures, for exchange between runs, shards and tools.
///
/// Layout (all integers little-endian):
/// - 8 bytes magic `DSMHSIG1`;
/// - UInt32 permutations k, UInt32 shingle width, UInt64 seed, UInt64 document count n;
/// - n × k UInt32 signature values, document after document;
/// - n lines, one JSON string per line: the document ids.
public enum SignatureFile {
    public static let magic = Array("DSMHSIG1".utf8)

    /// Writes `corpus`'s signatures to `path` atomically (a temporary file beside it, then a rename),
    /// streaming in blocks so memory stays at the signatures already held.
    /// A symlink is written through (its target is replaced, not the link); a device or pipe is written
    /// directly, never replaced by a file.
    /// - Complexity: O(*n* × *k* + id bytes) for *n* documents of *k* values; a regular file is
    ///   written in 1 MiB blocks, while a device or pipe gets the whole file encoded in memory first.
    public static func write(_ corpus: FingerprintedCorpus, shingleWidth: Int, seed: UInt64, to given: String) throws {
        let path = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
            type != .typeRegular
        {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw DistillError.cannotWrite(path: given, reason: "cannot open it for writing")
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: encoded(corpus, shingleWidth: shingleWidth, seed: seed))
            } catch {
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
                let reason =
                    underlying?.domain == NSPOSIXErrorDomain
                    ? String(cString: strerror(Int32(underlying!.code))) : error.localizedDescription
                throw DistillError.cannotWrite(path: given, reason: reason)
            }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw DistillError.unreadable(path: path, reason: "cannot create a temporary file beside it")
        }
        var done = false
        defer { if !done { try? FileManager.default.removeItem(at: temporary) } }
        let handle = try FileHandle(forWritingTo: temporary)
        var block = Data(magic)
        func append<T: FixedWidthInteger>(_ v: T) {
            withUnsafeBytes(of: v.littleEndian) { block.append(contentsOf: $0) }
        }
        func flush(ifOver limit: Int) throws {
            if block.count >= limit {
                try handle.write(contentsOf: block)
                block.removeAll(keepingCapacity: true)
            }
        }
        append(UInt32(corpus.permutations))
        append(UInt32(shingleWidth))
        append(seed)
        append(UInt64(corpus.count))
        for v in corpus.signatures {
            append(v)
            try flush(ifOver: 1 << 20)
        }
        let encoder = JSONEncoder()
        for id in corpus.ids {
            block.append(try encoder.encode(id))
            block.append(0x0A)
            try flush(ifOver: 1 << 20)
        }
        try flush(ifOver: 0)
        try handle.synchronize()
        try handle.close()
        // rename(2) replaces any existing file atomically: readers see the old file or the new one.
        guard rename(temporary.path, path) == 0 else {
            throw DistillError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        done = true
    }

    /// The whole file's bytes (for writing to a device or pipe, where nothing is renamed).
    static func encoded(_ corpus: FingerprintedCorpus, shingleWidth: Int, seed: UInt64) throws -> Data {
        var block = Data(magic)
        func append<T: FixedWidthInteger>(_ v: T) {
            withUnsafeBytes(of: v.littleEndian) { block.append(contentsOf: $0) }
        }
        append(UInt32(corpus.permutations))
        append(UInt32(shingleWidth))
        append(seed)
        append(UInt64(corpus.count))
        for v in corpus.signatures { append(v) }
        let encoder = JSONEncoder()
        for id in corpus.ids {
            block.append(try encoder.encode(id))
            block.append(0x0A)
        }
        return block
    }

    /// Reads a signature file: (k, shingle width, seed, ids, signatures).
    /// - Complexity: O(*b*) for a file of *b* bytes, all held in memory (twice: as `Data` and as bytes)
    ///   while it is parsed.
    public static func read(_ path: String) throws -> (
        permutations: Int, shingleWidth: Int, seed: UInt64, ids: [String], signatures: [UInt32]
    ) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        guard bytes.count >= 32, Array(bytes[0..<8]) == magic else {
            throw DistillError.malformedRecord(
                InputLocation(path: path, byteOffset: 0), reason: "not a DistillScope signature file")
        }
        func u32(_ o: Int) -> UInt32 { bytes[o..<(o + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func u64(_ o: Int) -> UInt64 { bytes[o..<(o + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        let k = Int(u32(8))
        let width = Int(u32(12))
        let seed = u64(16)
        let n = Int(u64(24))
        let end = 32 + n * k * 4
        guard k > 0, end <= bytes.count else {
            throw DistillError.malformedRecord(
                InputLocation(path: path, byteOffset: 32), reason: "truncated signature file")
        }
        var signatures = [UInt32](repeating: 0, count: n * k)
        for i in 0..<(n * k) { signatures[i] = u32(32 + i * 4) }
        let decoder = JSONDecoder()
        let lines = bytes[end...].split(separator: 0x0A)
        guard lines.count == n else {
            throw DistillError.malformedRecord(
                InputLocation(path: path, byteOffset: end), reason: "expected \(n) ids, found \(lines.count)")
        }
        let ids = try lines.map { try decoder.decode(String.self, from: Data($0)) }
        return (k, width, seed, ids, signatures)
    }
}
