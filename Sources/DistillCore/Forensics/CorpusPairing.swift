/// Pairs the documents of two corpora: by id when both carry ids and some match, else by identical
/// prompt text (DESIGN.md "Input formats"). Each suspect document gets at most one partner, the
/// first reference document with its id or prompt.
public struct CorpusPairing: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Codable {
        case id, prompt, none
    }

    public var method: Method
    /// `partner[i]` is the reference document paired with suspect document `i`, or nil.
    public var partner: [Int?]

    public var pairCount: Int { partner.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Pairs each suspect document with the first reference document of its id, else of its prompt.
    /// - Complexity: O(*n* + *m*) expected for *n* suspect and *m* reference documents, hashing each id or
    ///   prompt once.
    public init(suspect: [Document], reference: [Document]) {
        let idsUsable =
            !suspect.isEmpty && !reference.isEmpty
            && suspect.allSatisfy(\.hasExplicitID) && reference.allSatisfy(\.hasExplicitID)
        if idsUsable {
            var byID: [String: Int] = [:]
            for (i, d) in reference.enumerated() where byID[d.id] == nil { byID[d.id] = i }
            let partner = suspect.map { byID[$0.id] }
            if partner.contains(where: { $0 != nil }) {
                self.method = .id
                self.partner = partner
                return
            }
        }
        var byPrompt: [String: Int] = [:]
        for (i, d) in reference.enumerated() {
            if let p = d.prompt, byPrompt[p] == nil { byPrompt[p] = i }
        }
        let partner = suspect.map { d in d.prompt.flatMap { byPrompt[$0] } }
        if partner.contains(where: { $0 != nil }) {
            self.method = .prompt
            self.partner = partner
        } else {
            self.method = .none
            self.partner = Array(repeating: nil, count: suspect.count)
        }
    }
}
