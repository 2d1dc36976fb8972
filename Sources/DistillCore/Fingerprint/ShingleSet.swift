/// A set of shingle hashes as a sorted array without duplicates: compact, and set operations are
/// linear merges.
public struct ShingleSet: Sendable, Hashable {
    public private(set) var hashes: [UInt64]

    /// - Complexity: O(*n*) expected (hash values are uniform; see ``HashSort``).
    public init<S: Sequence>(_ hashes: S) where S.Element == UInt64 {
        var sorted = Array(hashes)
        HashSort.sortUnique(&sorted)
        self.hashes = sorted
    }

    /// Wraps hashes that are already sorted and unique.
    /// - Complexity: O(1); the order is not checked.
    public init(sortedUnique: [UInt64]) {
        self.hashes = sortedUnique
    }

    public var count: Int { hashes.count }
    public var isEmpty: Bool { hashes.isEmpty }

    /// |A ∩ B|. - Complexity: O(|A| + |B|).
    public func intersectionCount(_ other: ShingleSet) -> Int {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in
                var i = 0
                var j = 0
                var common = 0
                while i < a.count && j < b.count {
                    let x = a[i]
                    let y = b[j]
                    if x == y {
                        common += 1
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                return common
            }
        }
    }

    /// Jaccard similarity |A ∩ B| / |A ∪ B|; 0 when both are empty.
    /// - Complexity: O(|*A*| + |*B*|), a linear merge.
    public func jaccard(_ other: ShingleSet) -> Double {
        let common = intersectionCount(other)
        let union = count + other.count - common
        return union == 0 ? 0 : Double(common) / Double(union)
    }

    /// Containment of this set in `other`: |A ∩ B| / |A|; 0 when this set is empty.
    /// - Complexity: O(|*A*| + |*B*|), a linear merge.
    public func containment(in other: ShingleSet) -> Double {
        isEmpty ? 0 : Double(intersectionCount(other)) / Double(count)
    }

    /// Whether the set holds `hash`, by binary search.
    /// - Complexity: O(log *n*) in the set's size.
    public func contains(_ hash: UInt64) -> Bool {
        var lo = 0
        var hi = hashes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hashes[mid] < hash { lo = mid + 1 } else { hi = mid }
        }
        return lo < hashes.count && hashes[lo] == hash
    }
}
