#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel to back large, randomly read buffers with 2 MB pages (transparent huge pages,
/// `madvise(MADV_HUGEPAGE)`), where the system leaves that to each program (`enabled` = `madvise`,
/// the default of many distributions). A lookup at a random place of a 100 MB table misses the TLB on
/// nearly every read with 4 kB pages, and under virtualisation each miss walks two page tables: 2 MB
/// pages took the bench score's word-stream lookups from about 500 to about 100 ns. Advice only: a no-op
/// where the kernel has no transparent huge pages, refuses, or the platform is not Linux.
enum HugePages {
    static let size = 2 << 20

    /// Advises the 2 MB-aligned pages inside `bytes` (the partial pages at the ends are left as they
    /// are). Call before the buffer is first written: pages already touched stay small until the
    /// kernel's background daemon collapses them.
    /// - Complexity: O(1) system call.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
            let first = (Int(bitPattern: start) + size - 1) / size * size
            let end = (Int(bitPattern: start) + bytes) / size * size
            guard end > first, let at = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(at, end - first, 14)  // MADV_HUGEPAGE
        #endif
    }

    /// `count` zeros in an array whose storage was advised before it was written (worth it from a
    /// few MB).
    /// - Complexity: O(*count*).
    static func zeros<T: FixedWidthInteger>(_ count: Int, of _: T.Type = T.self) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress, count * MemoryLayout<T>.stride >= size {
                advise(UnsafeMutableRawPointer(base), bytes: count * MemoryLayout<T>.stride)
            }
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }
}
