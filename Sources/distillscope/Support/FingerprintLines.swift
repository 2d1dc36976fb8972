import DistillCore
import Foundation

/// The JSON lines `merge` reads (`fingerprint` writes them with
/// ``ShardedDeduplication/writeFingerprints(paths:options:shard:shingles:progress:write:)``).
enum FingerprintLines {
    /// Every record of `paths` (- for standard input) with its file and line.
    /// - Throws: ``DistillError`` for a missing or unreadable file, or a line that is not a record.
    static func read(_ paths: [String]) throws -> [(record: FingerprintRecord, location: InputLocation)] {
        var records: [(record: FingerprintRecord, location: InputLocation)] = []
        let decoder = JSONDecoder()
        for path in paths {
            let name = path == "-" ? "<stdin>" : path
            let data: Data
            if path == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard FileManager.default.fileExists(atPath: path) else { throw DistillError.missingPath(path) }
                do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                    throw DistillError.unreadable(path: path, reason: error.localizedDescription)
                }
            }
            var line = 0
            for slice in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
                line += 1
                if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                let location = InputLocation(path: name, line: line)
                do {
                    records.append((try decoder.decode(FingerprintRecord.self, from: Data(slice)), location))
                } catch {
                    throw DistillError.malformedRecord(location, reason: "not a fingerprint record")
                }
            }
        }
        return records
    }
}
