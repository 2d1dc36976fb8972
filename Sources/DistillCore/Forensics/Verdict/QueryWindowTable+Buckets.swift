extension QueryWindowTable {
    /// Growable `UInt32` arrays in raw memory, one per bucket: filing a key is a store and an
    /// increment (no uniqueness check or reference count as with an array of arrays), and a lookup
    /// reads two words before its binary search.
    ///
    /// Written by one thread while the table is filed, then each bucket by the one task that sorts
    /// it, read-only afterwards; that discipline is what makes the unchecked `Sendable` sound.
    final class Buckets: @unchecked Sendable {
        let count: Int
        private let storage: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
        private let sizes: UnsafeMutablePointer<Int>
        private let capacities: UnsafeMutablePointer<Int>

        /// `count` empty buckets with room for `reserve` values each.
        /// - Complexity: O(`count`) allocations.
        init(count: Int, reserve: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            sizes = .allocate(capacity: count)
            capacities = .allocate(capacity: count)
            let room = max(1, reserve)
            for b in 0..<count {
                (storage + b).initialize(to: .allocate(capacity: room))
                (sizes + b).initialize(to: 0)
                (capacities + b).initialize(to: room)
            }
        }

        deinit {
            for b in 0..<count { storage[b].deallocate() }
            storage.deallocate()
            sizes.deallocate()
            capacities.deallocate()
        }

        /// Appends `value` to bucket `b` (doubling its room when full).
        /// - Complexity: amortised O(1).
        @inline(__always)
        func append(_ value: UInt32, to b: Int) {
            let n = sizes[b]
            if n == capacities[b] {
                let grown = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * n)
                grown.moveInitialize(from: storage[b], count: n)
                storage[b].deallocate()
                storage[b] = grown
                capacities[b] = 2 * n
            }
            storage[b][n] = value
            sizes[b] = n + 1
        }

        /// Sorts bucket `b` and keeps its distinct values.
        /// - Complexity: O(*n* log *n*) for its *n* values.
        func sortDistinct(_ b: Int) {
            var values = UnsafeMutableBufferPointer(start: storage[b], count: sizes[b])
            values.sort()
            var n = 0
            for i in values.indices where i == 0 || values[i] != values[n - 1] {
                values[n] = values[i]
                n += 1
            }
            sizes[b] = n
        }

        /// The values of bucket `b`.
        @inline(__always)
        subscript(b: Int) -> UnsafeBufferPointer<UInt32> {
            UnsafeBufferPointer(start: storage[b], count: sizes[b])
        }
    }
}
