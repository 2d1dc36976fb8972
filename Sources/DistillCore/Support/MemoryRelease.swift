#if canImport(Glibc)
    import Glibc
#endif

/// Hands the allocator's free memory back to the system between the large phases of a score.
///
/// glibc's `malloc` keeps freed chunks of its heaps (one arena per thread) resident, and a buffer freed
/// by one thread is not reused by another thread's arena; so the resident size of a long score only
/// grows, to the sum of every phase's peak share. `malloc_trim(0)` (glibc 2.8 and later) releases the
/// free pages of every arena (`madvise(MADV_DONTNEED)`), so the resident size follows the live data.
/// Looked up at run time with `dlsym`: a no-op where the C library has no such function (musl,
/// Darwin).
enum MemoryRelease {
    #if canImport(Glibc)
        private typealias Trim = @convention(c) (Int) -> Int32
        private static let trim: Trim? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        }()
    #endif

    /// Returns the allocator's free pages to the system.
    /// - Complexity: O(heap size) page-table work, a few milliseconds for a heap of a GB.
    static func releaseFreePages() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
