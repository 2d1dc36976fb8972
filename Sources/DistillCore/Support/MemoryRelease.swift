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
public enum MemoryRelease {
    #if canImport(Glibc)
        private typealias Option = @convention(c) (Int32, Int32) -> Int32
        private static let option: Option? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
            return unsafeBitCast(symbol, to: Option.self)
        }()
        private typealias Trim = @convention(c) (Int) -> Int32
        private static let trim: Trim? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        }()
    #endif

    /// Makes every allocation of 4 MB or more its own mapping, returned to the system when it is freed.
    /// glibc otherwise raises that threshold to the size of each large buffer freed (up to 32 MB), after
    /// which such buffers live in the heap and stay resident once freed; a score's arrays of 5–30 MB
    /// (bit sets, flags, LSH bands, signatures) then add up. Fixing the threshold (`mallopt`,
    /// `M_MMAP_THRESHOLD` = −3) took the bench score's peak from 0.65–0.68 GB to 0.63 GB at the same
    /// speed. Call once, before the work; a no-op without glibc.
    public static func mapLargeBuffers() {
        #if canImport(Glibc)
            _ = option?(-3, 4 << 20)
        #endif
    }

    /// Returns the allocator's free pages to the system.
    /// - Complexity: O(heap size) page-table work, a few milliseconds for a heap of a GB.
    static func releaseFreePages() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
