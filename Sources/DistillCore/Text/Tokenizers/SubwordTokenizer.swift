import Foundation

/// Placeholder, replaced below.
public final class SubwordTokenizer: Sendable {
    public func encode(_ text: String) -> [Int] { [] }
}
