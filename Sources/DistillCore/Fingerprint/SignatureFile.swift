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

    /// Writes `corpus`'s signatures to `path` atomically (a temporary file, then a rename).
    public static func write(_ corpus: FingerprintedCorpus, shingleWidth: Int, seed: UInt64, to path: String) throws {
        var data = Data(magic)
        func append<T: FixedWidthInteger>(_ v: T) {
            withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
        }
        append(UInt32(corpus.permutations))
        append(UInt32(shingleWidth))
        append(seed)
        append(UInt64(corpus.count))
        data.reserveCapacity(data.count + corpus.signatures.count * 4 + corpus.count * 16)
        for v in corpus.signatures { append(v) }
        let encoder = JSONEncoder()
        for id in corpus.ids {
            data.append(try encoder.encode(id))
            data.append(0x0A)
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads a signature file: (k, shingle width, seed, ids, signatures).
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
