import Foundation

/// Placeholder, replaced below.
public final class SubwordTokenizer: Sendable {
    public let name: String
    init(name: String) { self.name = name }
    public static func load(path: String) throws(DistillError) -> SubwordTokenizer {
        throw DistillError.unreadable(path: path, reason: "not yet")
    }
    public func encode(_ text: String) -> [Int] { [] }
}
