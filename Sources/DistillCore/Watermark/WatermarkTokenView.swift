import Foundation

/// One document token by token under a watermark: each token's text and its per-token evidence — what
/// MarkLLM's visualiser shows (green/red tokens for KGW, g-value shading for SynthID).
public struct WatermarkTokenView: Sendable, Codable {
    /// One token.
    public struct Token: Sendable, Codable, Equatable {
        /// The token as text: the word (text mode), the decoded subword (token mode; bytes that are
        /// not valid UTF-8 on their own show as U+FFFD) or the id (token-ids mode).
        public var text: String
        /// Per-token evidence in [0, 1], nil when the token is not scored (no full context, or masked):
        /// KGW and `ds-kgw`: 1 green, 0 red; SynthID: the mean g-value over the layers; `ds-gumbel`:
        /// 1 − e^(−score), uniform under the null.
        public var value: Double?
    }

    /// The document's id.
    public var document: String
    /// `green` (values are 0 or 1) or `shade` (values anywhere in [0, 1]).
    public var kind: String
    public var tokens: [Token]
    /// What goes between two tokens' texts when they are shown: a space for words and ids, nothing for
    /// subwords (which carry their own spaces).
    public var separator: String
    /// The value a token has on average without the watermark (γ, or p₀ for SynthID, 0.5 for Gumbel).
    public var nullMean: Double

    /// The view of `text` under a deployed watermark (KGW as MarkLLM scores every token after the
    /// prefix; SynthID with its scoring mask).
    /// - Complexity: O(*n* · (context + depth)) for *n* tokens, plus O(|V|) per KGW green list built.
    public static func make(
        document: String, text: String, tokenization: WatermarkTokenization, deployed: DeployedWatermark
    ) -> WatermarkTokenView {
        let ids = tokenization.makeEncoder()(text)
        let ints = ids.map { Int(truncatingIfNeeded: $0) }
        var values: [Double?]
        var kind = "green"
        switch deployed {
        case .kgw(let scheme, _):
            var cache = KGWGreenListCache(scheme: scheme)
            values = KGWDetector(scheme: scheme).greenFlags(ids: ints, cache: &cache).map { $0.map { $0 ? 1 : 0 } }
        case .synthID(let scheme, let mask):
            kind = "shade"
            let g = scheme.gValues(ids: ints)
            let keep = scheme.mask(ids: ints, mask)
            let d = scheme.depth
            // Row p is the n-gram ending at token p + ngramLength − 1; earlier tokens have no n-gram.
            values = [Double?](repeating: nil, count: min(ints.count, scheme.ngramLength - 1))
            values += keep.indices.map { p -> Double? in
                guard keep[p] else { return nil }
                return Double((0..<d).reduce(0) { $0 + Int(g[p * d + $1]) }) / Double(d)
            }
        }
        return WatermarkTokenView(
            document: document, kind: kind, tokens: tokens(text: text, ids: ids, values: values, tokenization),
            separator: separator(tokenization), nullMean: deployed.nullProbability)
    }

    /// The view of `text` under a portable watermark (`ds-kgw`, `ds-gumbel`).
    /// - Complexity: O(*n h*) for *n* tokens.
    public static func make(
        document: String, text: String, tokenization: WatermarkTokenization, detector: WatermarkDetector
    ) -> WatermarkTokenView {
        let ids = tokenization.makeEncoder()(text)
        let h = detector.parameters.contextWidth
        let prf = detector.prf
        let gumbel = detector.parameters.scheme == .gumbel
        let values: [Double?] = ids.withUnsafeBufferPointer { buffer in
            (0..<buffer.count).map { i -> Double? in
                guard i >= h else { return nil }
                let seed = prf.seed(buffer, before: i)
                if gumbel { return 1 - exp(-prf.gumbelScore(seed: seed, token: buffer[i])) }
                return prf.isGreen(seed: seed, token: buffer[i]) ? 1 : 0
            }
        }
        return WatermarkTokenView(
            document: document, kind: gumbel ? "shade" : "green",
            tokens: tokens(text: text, ids: ids, values: values, tokenization), separator: separator(tokenization),
            nullMean: gumbel ? 0.5 : detector.parameters.gamma)
    }

    static func separator(_ tokenization: WatermarkTokenization) -> String {
        if case .subword = tokenization { return "" }
        return " "
    }

    /// Pairs each id with its text and value.
    static func tokens(
        text: String, ids: [UInt64], values: [Double?], _ tokenization: WatermarkTokenization
    ) -> [Token] {
        var texts: [String]
        switch tokenization {
        case .words(let options):
            // The words whose hashes are the ids; the ids themselves if the two ever disagree in count.
            texts = WordTokenizer.strings(of: TextNormalizer(options: options).normalize(text))
            if texts.count != ids.count { texts = ids.map { String($0) } }
        case .subword(let tokenizer):
            texts = ids.map { String(decoding: tokenizer.decode([Int(truncatingIfNeeded: $0)]), as: UTF8.self) }
        case .tokenIDs:
            texts = ids.map { String($0) }
        }
        return ids.indices.map { Token(text: texts[$0], value: $0 < values.count ? values[$0] : nil) }
    }
}
