/// Cuts a quotation out of a document with some context on each side, the quoted part marked as shared.
struct EvidenceContext: Sendable {
    /// Characters of context kept before and after the quote (cut back to a white-space boundary).
    var characters: Int

    /// The segments of `quote` in `document`: context, the quote (shared), context. When the quote
    /// cannot be found (or there is no document), the quote alone.
    /// - Complexity: O(document length).
    func segments(of quote: String, in document: String?) -> [EvidencePassage.Segment] {
        guard let document, !quote.isEmpty else { return [.init(quote, shared: true)] }
        var needle = quote
        var range = document.range(of: needle)
        if range == nil, needle.hasSuffix("…") {
            needle.removeLast()
            range = document.range(of: needle)
        }
        guard let range else { return [.init(quote, shared: true)] }
        var out: [EvidencePassage.Segment] = []
        let before = document[..<range.lowerBound]
        if !before.isEmpty {
            var cut = String(before.suffix(characters))
            if cut.count < before.count {
                if let space = cut.firstIndex(where: \.isWhitespace) { cut = String(cut[space...]) }
                cut = "…" + cut
            }
            out.append(.init(cut, shared: false))
        }
        out.append(.init(quote, shared: true))
        let after = document[range.upperBound...]
        if !after.isEmpty && needle.count == quote.count {
            var cut = String(after.prefix(characters))
            if cut.count < after.count {
                if let space = cut.lastIndex(where: \.isWhitespace) { cut = String(cut[..<space]) }
                cut += "…"
            }
            out.append(.init(cut, shared: false))
        }
        return out
    }
}
