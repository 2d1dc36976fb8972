/// A bounded cache from piece bytes to token ids, keyed by FNV-1a 64 and verified byte for byte
/// (a colliding piece is simply encoded again). Cleared when it grows past a few MiB.
struct PieceCache {
    private var index = UInt64Map(capacity: 1 << 14)
    private var keys: [UInt8] = []
    private var entries: [SIMD4<Int32>] = []  // key start, key count, id start, id count
    private var ids: [Int32] = []

    @inline(__always)
    private static func hash(_ piece: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = StableHash.fnvOffsetBasis
        for b in piece { h = (h ^ UInt64(b)) &* StableHash.fnvPrime }
        return h
    }

    mutating func lookup(_ piece: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) -> Bool {
        guard let e = index.value(for: Self.hash(piece)) else { return false }
        let entry = entries[Int(e)]
        guard Int(entry[1]) == piece.count else { return false }
        let same = keys.withUnsafeBufferPointer { k in
            let start = Int(entry[0])
            for j in 0..<piece.count where k[start + j] != piece[j] { return false }
            return true
        }
        guard same else { return false }
        out.append(contentsOf: ids[Int(entry[2])..<Int(entry[2] + entry[3])])
        return true
    }

    mutating func insert(_ piece: UnsafeBufferPointer<UInt8>, ids new: ArraySlice<Int32>) {
        if piece.count > 256 { return }
        if keys.count > 4 << 20 { clear() }
        let h = Self.hash(piece)
        guard index.insertIfAbsent(h, UInt64(entries.count)) else { return }
        entries.append(SIMD4(Int32(keys.count), Int32(piece.count), Int32(ids.count), Int32(new.count)))
        keys.append(contentsOf: piece)
        ids.append(contentsOf: new)
    }

    private mutating func clear() {
        index.removeAll()
        keys.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }
}
