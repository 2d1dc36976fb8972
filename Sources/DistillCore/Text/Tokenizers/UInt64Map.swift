/// A flat open-addressing hash map from `UInt64` to `UInt64` (linear probing, multiplicative
/// hashing, load ≤ 1/2): the tokenisers' merge table and piece cache, several times faster than
/// `Dictionary` (no per-lookup SipHash). Insert-only, plus `removeAll`.
struct UInt64Map: Sendable {
    private var keys: [UInt64]
    private var values: [UInt64]
    private var shift: UInt64
    private var zeroValue: UInt64?  // key 0 marks empty slots, so it is kept aside
    private(set) var count = 0

    /// An empty map sized for about `capacity` entries.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The value of `key`.
    @inline(__always)
    func value(for key: UInt64) -> UInt64? {
        if key == 0 { return zeroValue }
        return keys.withUnsafeBufferPointer { k in
            let mask = k.count - 1
            var i = slot(key)
            while true {
                let found = k[i]
                if found == key { return values[i] }
                if found == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    /// Sets `key` to `value` unless it is present; returns whether it was inserted.
    @discardableResult
    mutating func insertIfAbsent(_ key: UInt64, _ value: UInt64) -> Bool {
        if key == 0 {
            if zeroValue != nil { return false }
            zeroValue = value
            count += 1
            return true
        }
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != 0 {
            if keys[i] == key { return false }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
        return true
    }

    /// Empties the map, keeping its storage.
    mutating func removeAll() {
        for i in keys.indices { keys[i] = 0 }
        zeroValue = nil
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let zero = zeroValue
        count = zero == nil ? 0 : 1
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { insertIfAbsent(k, v) }
    }
}
