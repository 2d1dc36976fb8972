/// Token id ↔ bytes, with a hash index (FNV-1a 64 of the bytes, verified on lookup).
struct TokenVocabulary: Sendable {
    /// All tokens' bytes, concatenated; token `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    let bytes: [UInt8]
    let starts: [Int32]
    let index: UInt64Map

    /// A vocabulary from `(bytes, id)` entries; ids need not be dense (gaps decode as empty).
    init(entries: [([UInt8], Int)]) {
        let count = (entries.map(\.1).max() ?? -1) + 1
        var byID = [[UInt8]](repeating: [], count: count)
        for (b, id) in entries { byID[id] = b }
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        var index = UInt64Map(capacity: count)
        for (id, b) in byID.enumerated() {
            bytes.append(contentsOf: b)
            starts.append(Int32(bytes.count))
            if !b.isEmpty { index.insertIfAbsent(StableHash.fnv1a64(b), UInt64(id)) }
        }
        self.bytes = bytes
        self.starts = starts
        self.index = index
    }

    var count: Int { starts.count - 1 }

    /// The bytes of token `id`.
    func bytes(of id: Int) -> ArraySlice<UInt8> {
        guard id >= 0 && id < count else { return [] }
        return bytes[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// The token whose bytes are `piece`, if any.
    func id(of piece: UnsafeBufferPointer<UInt8>) -> Int32? {
        var h = StableHash.fnvOffsetBasis
        for b in piece { h = (h ^ UInt64(b)) &* StableHash.fnvPrime }
        guard let found = index.value(for: h) else { return nil }
        let id = Int32(truncatingIfNeeded: found)
        let start = Int(starts[Int(id)])
        let end = Int(starts[Int(id) + 1])
        guard end - start == piece.count else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            for k in 0..<piece.count where all[start + k] != piece[k] { return nil }
            return id
        }
    }
}
