import Foundation

/// The files a corpus is read from, resolved from the paths the user gave.
public struct CorpusInput: Sendable {
    /// One file to read, in reading order.
    public struct File: Sendable, Hashable {
        /// The path as it will be shown (directory entries are joined to the given directory).
        public var path: String
        /// Size on disk, when known (not for stdin).
        public var size: Int?
    }

    public var paths: [String]
    public var files: [File]

    /// File name endings read from directories (each may also end in `.gz`).
    public static let corpusExtensions = ["jsonl", "ndjson", "json", "txt"]

    /// Resolves `paths`: files as given, directories recursed in sorted order (hidden entries and
    /// files of other types are passed over), `-` for standard input.
    /// - Throws: ``DistillError/missingPath(_:)`` or ``DistillError/noDocuments(path:)``.
    public init(paths: [String]) throws(DistillError) {
        self.paths = paths
        var files: [File] = []
        for path in paths {
            if path == "-" {
                files.append(File(path: "-", size: nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DistillError.missingPath(path)
            }
            if isDirectory.boolValue {
                let found = try Self.scan(directory: path)
                if found.isEmpty { throw DistillError.noDocuments(path: path) }
                files.append(contentsOf: found)
            } else {
                files.append(File(path: path, size: Self.fileSize(path)))
            }
        }
        self.files = files
    }

    /// Total size on disk, or nil when any input is a stream.
    public var totalBytes: Int? {
        var total = 0
        for f in files {
            guard let s = f.size else { return nil }
            total += s
        }
        return total
    }

    static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    static func isCorpusFileName(_ name: String) -> Bool {
        var lower = name.lowercased()
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return corpusExtensions.contains { lower.hasSuffix("." + $0) }
    }

    private static func scan(directory: String) throws(DistillError) -> [File] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DistillError.unreadable(path: directory, reason: "cannot list directory")
        }
        var out: [File] = []
        // Byte-wise order of UTF-8 names: the same on every platform and locale.
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            if type == .typeDirectory {
                out.append(contentsOf: try scan(directory: full))
            } else if type == .typeRegular && isCorpusFileName(name) {
                out.append(File(path: full, size: (attributes[.size] as? NSNumber)?.intValue))
            }
        }
        return out
    }
}
