import DistillCore
import Foundation

/// Little-endian binary layouts of the store's blobs that are not n-gram partitions.
enum StoreCodec {
    /// Signatures: `UInt32` values, little-endian.
    static func encode(_ values: ArraySlice<UInt32>) -> Data {
        values.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    static func decodeUInt32s(_ data: Data) -> [UInt32]? {
        guard data.count % 4 == 0 else { return nil }
        var out: [UInt32] = []
        appendUInt32s(data, to: &out)
        return out
    }

    /// Appends the little-endian `UInt32`s of `data` (a multiple of 4 bytes) to `out`: one copy on a
    /// little-endian machine.
    static func appendUInt32s(_ data: Data, to out: inout [UInt32]) {
        let count = data.count / 4
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        out.withUnsafeMutableBufferPointer { dst in
            data.withUnsafeBytes { raw in
                #if _endian(little)
                    if count > 0 {
                        UnsafeMutableRawPointer(dst.baseAddress! + start).copyMemory(
                            from: raw.baseAddress!, byteCount: count * 4)
                    }
                #else
                    for i in 0..<count {
                        dst[start + i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                    }
                #endif
            }
        }
    }

    /// Probes: `P`, P document indexes, the width count `W`, then for each width and probe the window
    /// count and the window keys (`UInt64`), then the signature value count and values.
    static func encode(_ probes: ProbeSample) -> Data {
        var w = ByteWriter()
        w.put32(probes.documents.count)
        for d in probes.documents { w.put32(d) }
        w.put32(probes.windows.count)
        for width in probes.windows {
            for doc in width {
                w.put32(doc.count)
                for k in doc { w.put64(k) }
            }
        }
        w.put32(probes.signatures.count)
        for v in probes.signatures { w.put32(Int(v)) }
        return w.data
    }

    static func decodeProbes(_ data: Data) -> ProbeSample? {
        var r = ByteReader(data: data)
        guard let count = r.get32(), count <= data.count else { return nil }
        var documents: [Int] = []
        for _ in 0..<count {
            guard let d = r.get32() else { return nil }
            documents.append(d)
        }
        guard let widths = r.get32(), widths <= 64 else { return nil }
        var windows: [[[UInt64]]] = []
        for _ in 0..<widths {
            var perProbe: [[UInt64]] = []
            for _ in 0..<count {
                guard let c = r.get32(), c <= data.count else { return nil }
                guard let keys = r.get64s(c) else { return nil }
                perProbe.append(keys)
            }
            windows.append(perProbe)
        }
        guard let sigCount = r.get32(), sigCount <= data.count else { return nil }
        guard let signatures = r.get32s(sigCount) else { return nil }
        guard r.atEnd else { return nil }
        return ProbeSample(documents: documents, windows: windows, signatures: signatures)
    }

    /// Common n-gram sets: the width count, then for each width its width and, per partition, the key
    /// count and the keys (`UInt64`).
    static func encode(common sets: [NGramKeySet]) -> Data {
        var w = ByteWriter()
        w.put32(sets.count)
        for set in sets {
            w.put32(set.n)
            for p in set.partitions {
                w.put32(p.count)
                for k in p { w.put64(k) }
            }
        }
        return w.data
    }

    static func decodeCommon(_ data: Data) -> [NGramKeySet]? {
        var r = ByteReader(data: data)
        guard let count = r.get32(), count <= 64 else { return nil }
        var sets: [NGramKeySet] = []
        for _ in 0..<count {
            guard let n = r.get32() else { return nil }
            var parts: [[UInt64]] = []
            for p in 0..<NGramKeySet.partitionCount {
                guard let c = r.get32(), c <= data.count else { return nil }
                var keys: [UInt64] = []
                for _ in 0..<c {
                    guard let k = r.get64(), NGramKeySet.partition(k) == p, keys.last.map({ $0 < k }) ?? true else {
                        return nil
                    }
                    keys.append(k)
                }
                parts.append(keys)
            }
            sets.append(NGramKeySet(n: n, partitions: parts))
        }
        return r.atEnd ? sets : nil
    }

    struct ByteWriter {
        var data = Data()
        mutating func put32(_ v: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian) { data.append(contentsOf: $0) }
        }
        mutating func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    }

    struct ByteReader {
        let data: Data
        var offset = 0
        var atEnd: Bool { offset == data.count }
        mutating func get32() -> Int? {
            guard offset + 4 <= data.count else { return nil }
            let v = data.withUnsafeBytes {
                UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            offset += 4
            return Int(v)
        }
        /// `count` little-endian `UInt64`s, read in one pass.
        mutating func get64s(_ count: Int) -> [UInt64]? { values(count, as: UInt64.self) }
        /// `count` little-endian `UInt32`s, read in one pass.
        mutating func get32s(_ count: Int) -> [UInt32]? { values(count, as: UInt32.self) }
        /// `count` little-endian integers of type `T`, read in one pass; nil when fewer bytes are left.
        mutating func values<T: FixedWidthInteger>(_ count: Int, as: T.Type) -> [T]? {
            let size = MemoryLayout<T>.size
            guard count >= 0, count <= (data.count - offset) / size else { return nil }
            let start = offset
            let values = data.withUnsafeBytes { raw in
                [T](unsafeUninitializedCapacity: count) { buffer, n in
                    for i in 0..<count {
                        buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + size * i, as: T.self))
                    }
                    n = count
                }
            }
            offset += size * count
            return values
        }
        mutating func get64() -> UInt64? {
            guard offset + 8 <= data.count else { return nil }
            let v = data.withUnsafeBytes {
                UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            offset += 8
            return v
        }
    }
}
