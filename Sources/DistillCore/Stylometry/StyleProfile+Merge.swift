extension StyleProfile {
    /// Adds every count of `other`: the profile of two shards is the profile of their union.
    /// - Complexity: O(distinct words of `other` + 2¹⁶ n-gram buckets).
    public mutating func merge(_ other: StyleProfile) {
        documents &+= other.documents
        bytes &+= other.bytes
        words.merge(other.words)
        punctuation.merge(other.punctuation)
        for i in wordLengths.indices { wordLengths[i] &+= other.wordLengths[i] }
        for i in sentenceLengths.indices { sentenceLengths[i] &+= other.sentenceLengths[i] }
        Self.addSaturating(&charTrigrams, other.charTrigrams)
        Self.addSaturating(&charFourgrams, other.charFourgrams)
        mattrDistinct &+= other.mattrDistinct
        mattrWindowTokens &+= other.mattrWindowTokens
        mtldFactorsFixed &+= other.mtldFactorsFixed
        mtldTokens &+= other.mtldTokens
        markdown.merge(other.markdown)
        for i in openings.indices { openings[i] &+= other.openings[i] }
        for i in closings.indices { closings[i] &+= other.closings[i] }
        for i in hedges.indices { hedges[i] &+= other.hedges[i] }
        for i in refusals.indices { refusals[i] &+= other.refusals[i] }
    }

    /// Sets every count to zero and forgets every word, keeping the buffers (no allocation): the
    /// profile of no documents, ready to profile the next slice of a corpus.
    /// - Complexity: O(capacity of the word tables + 2¹⁶ n-gram buckets).
    mutating func removeAll() {
        documents = 0
        bytes = 0
        words.removeAll()
        punctuation.removeAll()
        for i in wordLengths.indices { wordLengths[i] = 0 }
        for i in sentenceLengths.indices { sentenceLengths[i] = 0 }
        charTrigrams.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        charFourgrams.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        mattrDistinct = 0
        mattrWindowTokens = 0
        mtldFactorsFixed = 0
        mtldTokens = 0
        markdown = MarkdownHabits()
        for i in openings.indices { openings[i] = 0 }
        for i in closings.indices { closings[i] = 0 }
        for i in hedges.indices { hedges[i] = 0 }
        for i in refusals.indices { refusals[i] = 0 }
    }

    /// The merge of `profiles`, in order.
    public static func merged(_ profiles: [StyleProfile]) -> StyleProfile {
        var out = StyleProfile()
        for p in profiles { out.merge(p) }
        return out
    }

    static func addSaturating(_ a: inout [UInt32], _ b: [UInt32]) {
        for i in a.indices {
            let (sum, overflow) = a[i].addingReportingOverflow(b[i])
            a[i] = overflow ? UInt32.max : sum
        }
    }
}
