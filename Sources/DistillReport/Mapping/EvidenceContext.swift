/// Cuts a quotation out of a document with some context on each side, the quoted part marked as shared.
struct EvidenceContext: Sendable {
    /// Characters of context kept before and after the quote (cut back to a white-space boundary).
    var characters: Int

    /// The segments of `quote` in `document`: context, the quote (shared), context. When the quote
    /// cannot be found (or there is no document), the quote alone.
    /// - Complexity: O(document length).
    /// - Parameter offset: the quote's UTF-8 offset in the document when known: the context is taken
    ///   there (the same words may occur earlier), else around the quote's first occurrence.
    func segments(of quote: String, in document: String?, at offset: Int? = nil) -> [EvidencePassage.Segment] {
        guard let document, !quote.isEmpty else { return [.init(quote, shared: true)] }
        // The quote as given, else without the "…" a cut quote ends with.
        func locate(_ needle: String) -> Range<String.Index>? {
            if let offset,
                let start = document.utf8.index(
                    document.utf8.startIndex, offsetBy: offset, limitedBy: document.utf8.endIndex),
                start.samePosition(in: document.unicodeScalars) != nil,
                document.utf8[start...].starts(with: needle.utf8)
            {
                return start..<document.utf8.index(start, offsetBy: needle.utf8.count)
            }
            return document.range(of: needle)
        }
        var needle = quote
        var range = locate(needle)
        if range == nil && quote.hasSuffix("…") {
            needle.removeLast()
            range = locate(needle)
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
