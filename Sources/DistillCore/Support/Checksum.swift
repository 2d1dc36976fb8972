import CZlib
import Foundation

/// CRC-32 (ISO-HDLC, the zlib / gzip polynomial; ITU-T V.42) of stored blobs: a damaged byte in a
/// fingerprint store is found when the blob is read, not silently decoded into a different verdict.
public enum Checksum {
    /// The CRC-32 of `data`.
    public static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { crc32(UnsafeRawBufferPointer($0), continuing: 0) }
    }

    /// The CRC-32 of the bytes before `bytes` (`crc`, 0 for none) and `bytes`: a blob's checksum made a
    /// piece at a time, as it is read.
    public static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32) -> UInt32 {
        var crc = uLong(crc)
        var base = bytes.bindMemory(to: UInt8.self).baseAddress
        var remaining = bytes.count
        while remaining > 0, let pointer = base {
            let n = min(remaining, Int(UInt32.max / 2))
            crc = CZlib.crc32(crc, pointer, uInt(n))
            base = pointer + n
            remaining -= n
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
