import DistillCore

/// Describes an input corpus for a report: sizes, document count and SHA-256 content hashes.
public enum ReportInputHasher {
    /// - Parameters:
    ///   - role: what the input was used as (`teacher`, `suspect`, ...).
    ///   - path: the path as the user gave it.
    ///   - summary: what reading it found (its files and documents).
    /// - Returns: the input, hashed file by file; standard input gets no hash.
    /// - Throws: `DistillError.unreadable` when a file can no longer be read.
    /// - Complexity: O(bytes of the input): every file is read once more, in 1 MiB chunks.
    public static func input(role: String, path: String, summary: CorpusSummary) throws -> ForensicReport.Input {
        var files: [ForensicReport.Input.File] = []
        for file in summary.files.sorted(by: { $0.path < $1.path }) {
            if file.path == "-" || file.path == "<stdin>" {
                files.append(.init(path: file.path, bytes: file.inputBytes, sha256: nil))
            } else {
                let hashed = try SHA256.hexOfFile(atPath: file.path)
                files.append(.init(path: file.path, bytes: hashed.bytes, sha256: hashed.digest))
            }
        }
        let bytes = files.reduce(0) { $0 + $1.bytes }
        if files.count == 1 {
            return .init(role: role, path: path, bytes: bytes, sha256: files[0].sha256, documents: summary.documents)
        }
        var digest: String?
        if !files.isEmpty && files.allSatisfy({ $0.sha256 != nil }) {
            var manifest = SHA256()
            for f in files { manifest.update(Array("\(f.sha256!)  \(f.path)\n".utf8)) }
            digest = manifest.hexDigest()
        }
        return .init(
            role: role, path: path, bytes: bytes, sha256: digest, documents: summary.documents, files: files)
    }
}
