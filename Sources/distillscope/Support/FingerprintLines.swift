import DistillCore
import Foundation

/// The JSON lines `fingerprint` writes and `merge` reads.
enum FingerprintLines {
    /// Writes one line per record to standard output: the bytes JSONEncoder (sorted keys, compact)
    /// writes, built by hand — Foundation's encoder of the hex arrays was 25x slower than the
    /// fingerprinting.
    static func write(_ records: [FingerprintRecord]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        for r in records {
            var line = "{\"bands\":[" + r.bands.map { "\"" + $0 + "\"" }.joined(separator: ",") + "],\"id\":"
            line += String(decoding: try encoder.encode(r.id), as: UTF8.self)
            line += ",\"index\":\(r.index),\"seed\":\(r.seed),\"shingleWidth\":\(r.shingleWidth),\"shingles\":["
            line += r.shingles.map { "\"" + $0 + "\"" }.joined(separator: ",") + "],\"signature\":["
            line += r.signature.map { String($0) }.joined(separator: ",") + "]}\n"
            out.append(contentsOf: line.utf8)
            if out.count > 1 << 20 {
                FileHandle.standardOutput.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(out)
    }

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
