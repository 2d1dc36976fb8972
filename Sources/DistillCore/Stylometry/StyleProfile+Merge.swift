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
