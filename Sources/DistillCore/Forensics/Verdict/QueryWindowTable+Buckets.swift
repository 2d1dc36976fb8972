extension QueryWindowTable {
    /// The keys of every bucket in one buffer: bucket `b` owns `offsets[b]..<offsets[b + 1]`, of which
    /// the first `sizes[b]` values are its sorted distinct keys once ``sortDistinct(_:)`` ran.
    ///
    /// Filled by workers writing disjoint places (each worker's places in each bucket were counted
    /// first), then each bucket sorted by the one task that owns its partition, read-only afterwards;
    /// that discipline is what makes the unchecked `Sendable` sound.
    final class Buckets: @unchecked Sendable {
        let count: Int
        private let storage: UnsafeMutablePointer<UInt32>
        private let offsets: UnsafeMutablePointer<Int>
        private let sizes: UnsafeMutablePointer<Int>

        /// Buckets whose ranges `offsets` gives (`count + 1` ascending offsets, the last the total).
        /// - Complexity: O(`count`), one allocation of the total.
        init(offsets: [Int]) {
            count = offsets.count - 1
            storage = .allocate(capacity: max(1, offsets[count]))
            HugePages.advise(storage, bytes: max(1, offsets[count]) * 4)
            self.offsets = .allocate(capacity: offsets.count)
            self.offsets.initialize(from: offsets, count: offsets.count)
            sizes = .allocate(capacity: count)
            for b in 0..<count { (sizes + b).initialize(to: offsets[b + 1] - offsets[b]) }
        }

        deinit {
            storage.deallocate()
            offsets.deallocate()
            sizes.deallocate()
        }

        /// Writes `value` at place `i` of the buffer.
        @inline(__always)
        func place(_ value: UInt32, at i: Int) {
            storage[i] = value
        }

        /// Sorts bucket `b` and keeps its distinct values.
        /// - Complexity: O(*n* log *n*) for its *n* values.
        func sortDistinct(_ b: Int) {
            var values = UnsafeMutableBufferPointer(start: storage + offsets[b], count: sizes[b])
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
            UnsafeBufferPointer(start: storage + offsets[b], count: sizes[b])
        }
    }
}
