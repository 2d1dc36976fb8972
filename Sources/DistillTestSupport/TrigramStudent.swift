/// A trigram language model of counts, backing off to bigram counts and then to a uniform word: the
/// "student" of the radioactivity experiments (Sander et al. 2024 fine-tune a model on a teacher's
/// watermarked outputs; a count model trained on a mix is the smallest stand-in that learns them).
public struct TrigramStudent: Sendable {
    struct Pair: Hashable, Sendable {
        var a: UInt64
        var b: UInt64
    }

    var trigram: [Pair: [UInt64: Int]] = [:]
    var bigram: [UInt64: [UInt64: Int]] = [:]
    var words: [UInt64] = []

    /// A model of the n-gram counts of `documents`.
    /// - Complexity: O(total ids) expected.
    public init(training documents: [[UInt64]]) {
        var vocabulary = Set<UInt64>()
        for ids in documents {
            for i in ids.indices {
                vocabulary.insert(ids[i])
                if i >= 1 { bigram[ids[i - 1], default: [:]][ids[i], default: 0] += 1 }
                if i >= 2 { trigram[Pair(a: ids[i - 2], b: ids[i - 1]), default: [:]][ids[i], default: 0] += 1 }
            }
        }
        words = vocabulary.sorted()
    }

    /// Draws from counts (sorted by token so the draw is reproducible).
    static func draw(_ counts: [UInt64: Int], using rng: inout RepeatableRandomNumberGenerator) -> UInt64 {
        let sorted = counts.sorted { $0.key < $1.key }
        var u = Int.random(in: 0..<sorted.reduce(0) { $0 + $1.value }, using: &rng)
        for (token, count) in sorted {
            u -= count
            if u < 0 { return token }
        }
        return sorted[sorted.count - 1].key
    }

    /// `length` ids continuing `prefix` (at least two ids).
    /// - Complexity: O(`length` · candidates per context).
    public func continuation(of prefix: [UInt64], length: Int, using rng: inout RepeatableRandomNumberGenerator)
        -> [UInt64]
    {
        var context = Array(prefix.suffix(2))
        var out: [UInt64] = []
        while out.count < length {
            let next: UInt64
            if let counts = trigram[Pair(a: context[0], b: context[1])] {
                next = Self.draw(counts, using: &rng)
            } else if let counts = bigram[context[1]] {
                next = Self.draw(counts, using: &rng)
            } else {
                next = words[Int.random(in: 0..<words.count, using: &rng)]
            }
            out.append(next)
            context = [context[1], next]
        }
        return out
    }
}
