import CZlib
import Foundation

/// CRC-32 (ISO-HDLC, the zlib / gzip polynomial; ITU-T V.42) of stored blobs: a damaged byte in a
/// fingerprint store is found when the blob is read, not silently decoded into a different verdict.
public enum Checksum {
    /// The CRC-32 of `data`.
    public static func crc32(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw -> UInt32 in
            var crc = CZlib.crc32(0, nil, 0)
            var base = raw.bindMemory(to: UInt8.self).baseAddress
            var remaining = raw.count
            while remaining > 0, let pointer = base {
                let n = min(remaining, Int(UInt32.max / 2))
                crc = CZlib.crc32(crc, pointer, uInt(n))
                base = pointer + n
                remaining -= n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
