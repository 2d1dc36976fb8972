import CZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream of bytes read in chunks: a file, standard input, or a gzip stream over either.
protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Bytes taken from the underlying file so far (compressed bytes for gzip), for progress.
    var consumedBytes: Int { get }
}

/// A file descriptor, read with read(2).
final class FileSource: ByteSource {
    let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private(set) var consumedBytes = 0

    /// Opens `path` for reading, or standard input for `-` (its spooled copy when
    /// ``StandardInput/spool()`` was called: then it can be read more than once).
    init(path: String) throws {
        self.path = path
        var file = path
        if path == "-" {
            guard let spooled = try StandardInput.spooledPath() else {
                fd = 0
                ownsDescriptor = false
                return
            }
            file = spooled
        }
        let opened = open(file, O_RDONLY | O_CLOEXEC)
        if opened < 0 {
            let code = errno
            if code == ENOENT { throw DistillError.missingPath(path) }
            throw DistillError.unreadable(path: path, reason: String(cString: strerror(code)))
        }
        fd = opened
        ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(fd, base, buffer.count)
            if n >= 0 {
                consumedBytes += n
                return n
            }
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            throw DistillError.unreadable(path: displayPath, reason: reason)
        }
    }

    var displayPath: String { path == "-" ? "<stdin>" : path }
}

/// Bytes already read (a sniffed prefix) followed by the rest of another source.
final class PrefixedSource: ByteSource {
    private var prefix: [UInt8]
    private var prefixOffset = 0
    private let rest: ByteSource

    init(prefix: [UInt8], rest: ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    var consumedBytes: Int { rest.consumedBytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if prefixOffset < prefix.count {
            let n = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + prefixOffset, byteCount: n)
            }
            prefixOffset += n
            if prefixOffset == prefix.count {
                prefix = []
                prefixOffset = Int.max
            }
            return n
        }
        return try rest.read(into: buffer)
    }
}

/// A gzip stream (RFC 1952), inflated incrementally through zlib; never the whole file in memory.
///
/// Concatenated members are read one after another, as gzip(1) does. A stream that ends inside a
/// member is an error (truncated file); so is data after the last member that is not another member.
final class GzipSource: ByteSource {
    private let input: ByteSource
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private var inBuffer: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    private var compressedOffset = 0

    init(input: ByteSource, path: String) throws {
        self.input = input
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        inBuffer = .allocate(byteCount: 1 << 18, alignment: 16)
        let rc = ds_inflateInit2(stream, 15 + 16)
        if rc != Z_OK {
            stream.deinitialize(count: 1)
            stream.deallocate()
            inBuffer.deallocate()
            throw DistillError.gzip(InputLocation(path: path), reason: "cannot initialise zlib (\(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        inBuffer.deallocate()
    }

    var consumedBytes: Int { input.consumedBytes }

    /// Reads more compressed input, after `keep` leftover bytes that are moved to the front.
    private func refill(keeping keep: Int = 0) throws {
        let base = inBuffer.baseAddress!
        if keep > 0 {
            base.copyMemory(from: UnsafeRawPointer(stream.pointee.next_in), byteCount: keep)
        }
        let n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: inBuffer[keep...]))
        stream.pointee.next_in = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(keep + n)
        if n == 0 { inputEnded = true }
    }

    private var location: InputLocation {
        InputLocation(path: path, byteOffset: compressedOffset + Int(stream.pointee.total_in))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished || buffer.count == 0 { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(buffer.count)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded {
                try refill()
            }
            if stream.pointee.avail_in == 0 && inputEnded {
                throw DistillError.gzip(location, reason: "unexpected end of file: the gzip stream is truncated")
            }
            let rc = inflate(stream, Z_NO_FLUSH)
            switch rc {
            case Z_OK:
                continue
            case Z_STREAM_END:
                let produced = buffer.count - Int(stream.pointee.avail_out)
                if try startNextMemberIfAny() {
                    if produced > 0 { return produced }
                    continue
                }
                finished = true
                return produced
            case Z_BUF_ERROR:
                // No progress was possible: more input is needed.
                if inputEnded {
                    throw DistillError.gzip(location, reason: "unexpected end of file: the gzip stream is truncated")
                }
                if stream.pointee.avail_in == 0 { try refill() }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
                throw DistillError.gzip(location, reason: "corrupt data: \(message)")
            }
        }
        return buffer.count
    }

    /// After a member ends: true if another member follows (and inflate was reset for it).
    private func startNextMemberIfAny() throws -> Bool {
        if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
        if stream.pointee.avail_in == 0 { return false }
        if stream.pointee.next_in[0] == 0x1F {
            if stream.pointee.avail_in < 2 && !inputEnded {
                try refill(keeping: Int(stream.pointee.avail_in))
            }
            if stream.pointee.avail_in < 2 || stream.pointee.next_in[1] != 0x8B {
                throw DistillError.gzip(location, reason: "unexpected data after the gzip stream")
            }
            compressedOffset += Int(stream.pointee.total_in)
            let rc = inflateReset(stream)
            if rc != Z_OK { throw DistillError.gzip(location, reason: "cannot reset zlib (\(rc))") }
            return true
        }
        // Trailing zero padding (as some tape and block tools write) is tolerated, as gzip(1) does.
        while true {
            let n = Int(stream.pointee.avail_in)
            for k in 0..<n where stream.pointee.next_in[k] != 0 {
                throw DistillError.gzip(location, reason: "unexpected data after the gzip stream")
            }
            stream.pointee.avail_in = 0
            if inputEnded { return false }
            try refill()
            if inputEnded { return false }
        }
    }
}

/// read(2) from whichever C library the platform has (Glibc, Musl or Darwin).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
        Musl.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}

/// Standard input read more than once: work that passes over a corpus several times (compare reads
/// it for n-grams, then for style and identity) spools standard input to a temporary file the first
/// time it is opened, and every later `-` reads that file. Messages still name `<stdin>`.
public enum StandardInput {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var enabled = false
    nonisolated(unsafe) private static var path: String?

    /// Makes every later read of `-` read one spooled copy of standard input (removed at exit).
    public static func spool() {
        lock.withLock { enabled = true }
    }

    /// The spooled copy, made on first use; nil when spooling is off.
    static func spooledPath() throws -> String? {
        try lock.withLock {
            guard enabled else { return nil }
            if let path { return path }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "distillscope-stdin-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            let out = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard out >= 0 else {
                throw DistillError.unreadable(
                    path: "<stdin>", reason: "cannot spool: \(String(cString: strerror(errno)))")
            }
            defer { close(out) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = systemRead(0, buffer.baseAddress!, buffer.count)
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DistillError.unreadable(path: "<stdin>", reason: String(cString: strerror(errno)))
                }
                var written = 0
                while written < n {
                    let w = write(out, buffer.baseAddress! + written, n - written)
                    if w < 0 {
                        if errno == EINTR { continue }
                        throw DistillError.unreadable(
                            path: "<stdin>", reason: "cannot spool: \(String(cString: strerror(errno)))")
                    }
                    written += w
                }
            }
            path = url.path
            atexit { StandardInput.removeSpool() }
            return url.path
        }
    }

    static func removeSpool() {
        if let path { unlink(path) }
    }
}
