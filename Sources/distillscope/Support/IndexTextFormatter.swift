import DistillCore
import DistillStore

/// Human-readable output of the `index` commands.
enum IndexTextFormatter {
    /// The one line of `index add`: what was stored of the new reference.
    static func added(name: String, metadata: ReferenceMetadata, fingerprint: ReferenceFingerprint) -> String {
        "added \(name) (family \(metadata.family), \(metadata.role.rawValue)): "
            + "\(fingerprint.documentCount) documents, \(fingerprint.tokenCount) tokens, "
            + fingerprint.ngramSets.map { "\($0.count) distinct \($0.n)-grams" }.joined(separator: ", ")
            + ", \(fingerprint.probes.documents.count) probes"
            + describe(fingerprint) + "\n"
    }

    /// The identities and watermark of a new reference, as text.
    static func describe(_ fingerprint: ReferenceFingerprint) -> String {
        var out = ""
        if let identity = fingerprint.identity {
            let known = identity.identities(claimCounts: identity.probeClaims, documents: identity.probeDocuments)
            out += known.isEmpty ? ", no identity of its own" : ", identities " + known.joined(separator: ", ")
            if let corpus = identity.corpus, !corpus.rates.isEmpty {
                out +=
                    " (self-claims: "
                    + corpus.rates.map { "\($0.identity) \($0.documents)/\(corpus.documents)" }.joined(
                        separator: ", ")
                    + ")"
            }
        }
        if let w = fingerprint.watermark {
            out += ", watermark \(w.scheme) key \(w.keyFingerprint)" + (w.key == nil ? "" : " (key stored)")
            if let tokenizer = w.tokenizer { out += " on tokens of \(DistillError.excerpt(tokenizer, limit: 60))" }
        }
        return out
    }

    /// The lines of `index list`: one reference a line, tab-separated.
    static func list(_ references: [StoredReference]) -> String {
        if references.isEmpty { return "no references\n" }
        var out = ""
        for r in references {
            out +=
                "\(r.name)\tfamily \(r.family)\t\(r.role.rawValue)\t\(r.documentCount) documents\t"
                + "\(r.tokenCount) tokens\t\(r.createdAt)"
            if !r.description.isEmpty { out += "\t\(r.description)" }
            out += "\n"
        }
        return out
    }
}
