import Foundation

/// The directory scan results are reported relative to (`--source-root`, by default the working
/// directory): SARIF artifact URIs are relative to it (`uriBaseId` `%SRCROOT%`), and finding
/// fingerprints hash the path relative to it, so a checkout in another directory gives the same identities.
public struct SourceRoot: Sendable, Hashable {
    /// The root as an absolute, standardised path without a trailing slash (`/` for the file-system root).
    public let path: String

    /// - Parameter path: an absolute path, or one relative to the working directory.
    public init(path: String) {
        self.path = Self.absolute(path)
    }

    /// The working directory.
    public static var current: SourceRoot { SourceRoot(path: FileManager.default.currentDirectoryPath) }

    /// `file` relative to the root (`/`-separated, no `./`), or nil when it is outside the root or is
    /// standard input (`-`).
    public func relative(_ file: String) -> String? {
        if file == "-" { return nil }
        let full = Self.absolute(file)
        let prefix = path == "/" ? "/" : path + "/"
        guard full.hasPrefix(prefix), full.count > prefix.count else { return nil }
        return String(full.dropFirst(prefix.count))
    }

    /// The name a report gives `file` where machines must agree on it: relative to the root when inside
    /// it, else the absolute path (standard input stays `-`).
    public func portableName(_ file: String) -> String {
        if file == "-" { return file }
        return relative(file) ?? Self.absolute(file)
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved lexically
    /// (symbolic links are left as they are, so a link inside the root stays inside it).
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
