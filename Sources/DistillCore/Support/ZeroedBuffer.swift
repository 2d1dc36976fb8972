#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A large, zero-initialised buffer of trivial values from an anonymous memory mapping: pages are
/// zero-filled by the kernel on first touch (no upfront memset), and on Linux the region is offered
/// transparent huge pages (`MADV_HUGEPAGE`), so random access into a table of hundreds of MB does not
/// miss the TLB on every probe.
///
/// Written only while its owner builds it, read-only afterwards; that discipline is what makes the
/// unchecked `Sendable` sound.
final class ZeroedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    private let mapping: UnsafeMutableRawPointer
    private let mappedBytes: Int

    init(count: Int) {
        precondition(_isPOD(Element.self), "ZeroedBuffer holds trivial values only")
        let hugePage = 2 << 20
        let bytes = max(1, count) * MemoryLayout<Element>.stride
        mappedBytes = bytes + hugePage
        guard let p = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            p != MAP_FAILED
        else {
            fatalError("out of memory: cannot map \(mappedBytes) bytes")
        }
        mapping = p
        // Start at a huge-page boundary so the kernel can back the whole table with huge pages.
        let address = Int(bitPattern: p)
        let aligned = (address + hugePage - 1) / hugePage * hugePage
        let start = UnsafeMutableRawPointer(bitPattern: aligned)!
        #if os(Linux)
            _ = madvise(start, bytes, 14)  // MADV_HUGEPAGE
        #endif
        base = start.bindMemory(to: Element.self, capacity: max(1, count))
        self.count = count
    }

    deinit { munmap(mapping, mappedBytes) }
}

/// Offers transparent huge pages (`MADV_HUGEPAGE`, Linux) for the whole 2 MiB pages inside an
/// array's reserved capacity: a large array filled once then touches a few dozen pages instead of
/// thousands of 4 KiB ones, each a page fault. A hint only; contents and results never change.
func adviseHugePages<Element>(forCapacityOf array: inout [Element]) {
    #if os(Linux)
        let hugePage = 2 << 20
        let bytes = array.capacity * MemoryLayout<Element>.stride
        guard bytes >= 2 * hugePage else { return }
        array.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
            let end = (Int(bitPattern: base) + bytes) / hugePage * hugePage
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14) }
        }
    #endif
}
