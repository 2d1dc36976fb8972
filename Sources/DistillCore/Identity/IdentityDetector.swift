import Foundation

/// Finds where a text names itself as a model or maker: "I am Claude", "I was trained by OpenAI",
/// "我是通义千问". Negations ("I am not ChatGPT", "我不是ChatGPT") never match, since no pattern lets a
/// negation stand between the self-reference and the name; third-person mentions ("ChatGPT is made by
/// OpenAI") have no self-reference; quoted text, inline code, code blocks and block quotes are blanked
/// first (``QuoteBlanker``); and a veto word before the match in its clause ("if I am ChatGPT", "users
/// ask whether I am Claude") drops it.
public struct IdentityDetector: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share across threads.
    struct CompiledClaim {
        var id: String
        var regex: NSRegularExpression
        /// Whether the claim is one of the shipped patterns with its shipped macros: those are vetted
        /// (tests run them on backtracking probes) and run at full speed; every other pattern runs
        /// under a step budget (``BoundedRegex``), which costs a progress callback per start position.
        var vetted: Bool
    }

    public let patterns: IdentityPatterns
    let claims: [CompiledClaim]
    /// Lower-cased alias → identity id.
    let aliasIdentity: [String: String]
    /// Lower-cased UTF-8 of every alias, for the quick pre-filter.
    let aliasBytes: [[UInt8]]
    /// Whether each alias ends in an ASCII character (then it must not run on into a letter or digit).
    let aliasEndsLatin: [Bool]
    /// Alias indexes by their first (lower-cased) byte.
    let aliasesByFirstByte: [[Int]]
    /// Lower-cased UTF-16 of every alias, for finding where the aliases stand (``aliasWindows(_:)``).
    let aliasUnits: [[UInt16]]
    /// Alias indexes by their first (lower-cased) UTF-16 unit: ASCII units by table, others by lookup.
    let aliasesByFirstASCIIUnit: [[Int]]
    /// Whether an alias can start with these two lower-cased ASCII units (`first << 7 | second`); a
    /// first unit whose aliases are shorter or go on in other characters marks every second unit.
    let asciiPairStartsAlias: [Bool]
    let aliasesByFirstUnit: [UInt16: [Int]]
    let vetoWords: Set<String>
    let vetoCJK: [String]

    /// Compiles `patterns`.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` for a pattern that is not a valid regular
    ///   expression or names an unknown macro.
    public init(patterns: IdentityPatterns = .standard) throws(DistillError) {
        self.patterns = patterns
        var aliasIdentity: [String: String] = [:]
        var aliases: [String] = []
        for identity in patterns.identities {
            for alias in identity.aliases where !alias.isEmpty {
                let key = alias.lowercased()
                if aliasIdentity[key] == nil {
                    aliasIdentity[key] = identity.id
                    aliases.append(alias)
                }
            }
        }
        self.aliasIdentity = aliasIdentity
        aliasBytes = aliases.map { Array($0.lowercased().utf8) }
        aliasEndsLatin = aliases.map { $0.unicodeScalars.last.map { $0.isASCII } ?? false }
        var byFirst = [[Int]](repeating: [], count: 256)
        for (a, bytes) in aliasBytes.enumerated() where !bytes.isEmpty { byFirst[Int(bytes[0])].append(a) }
        aliasesByFirstByte = byFirst
        aliasUnits = aliases.map { Array($0.lowercased().utf16) }
        var byFirstUnit: [UInt16: [Int]] = [:]
        for (a, units) in aliasUnits.enumerated() where !units.isEmpty { byFirstUnit[units[0], default: []].append(a) }
        aliasesByFirstUnit = byFirstUnit
        aliasesByFirstASCIIUnit = (0..<128).map { byFirstUnit[UInt16($0)] ?? [] }
        var pairs = [Bool](repeating: false, count: 128 * 128)
        for units in aliasUnits where !units.isEmpty && units[0] < 0x80 {
            let first = Int(units[0])
            if units.count >= 2 && units[1] < 0x80 {
                pairs[first << 7 | Int(units[1])] = true
            } else {
                for second in 0..<128 { pairs[first << 7 | second] = true }
            }
        }
        asciiPairStartsAlias = pairs
        // Longest first, so "GPT-4o" wins over "GPT"; Latin aliases must not run on into a letter or digit.
        let ordered = aliases.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        let alternatives = ordered.map { alias -> String in
            let escaped = NSRegularExpression.escapedPattern(for: alias)
            let latin = alias.unicodeScalars.last.map { $0.isASCII } ?? false
            return latin ? escaped + "(?![A-Za-z0-9])" : escaped
        }
        let name = "(" + alternatives.joined(separator: "|") + ")"
        var compiled: [CompiledClaim] = []
        for claim in patterns.claims {
            var source = claim.pattern
            for (macro, value) in patterns.macros.sorted(by: { $0.key < $1.key }) {
                source = source.replacingOccurrences(of: "{\(macro)}", with: value)
            }
            source = source.replacingOccurrences(of: "{NAME}", with: name)
            if let unknown = source.range(of: #"\{[A-Z]+\}"#, options: .regularExpression) {
                throw DistillError.invalidOption(
                    name: "identity pattern \(claim.id)", reason: "unknown placeholder \(source[unknown])")
            }
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
            } catch {
                throw DistillError.invalidOption(
                    name: "identity pattern \(claim.id)", reason: "not a valid regular expression")
            }
            // Pattern files are input too: a pattern that backtracks exponentially would hang every
            // document it meets. Try it on texts that set such patterns off; refuse it if it runs past
            // its step budget on any (BoundedRegex).
            let bounded = BoundedRegex(regex)
            if let probe = Self.backtrackingProbes.first(where: { bounded.matches($0) == nil }) {
                throw DistillError.invalidOption(
                    name: "identity pattern \(claim.id)",
                    reason: "it needs too many matcher steps on a \(probe.count)-character text (nested repetition "
                        + "such as (.*a){25} or (a+)+ backtracks exponentially); simplify it")
            }
            let standard = IdentityPatterns.standard
            let vetted =
                standard.claims.contains(claim)
                && patterns.macros.allSatisfy { macro, value in
                    standard.macros[macro] == value || !claim.pattern.contains("{\(macro)}")
                }
            compiled.append(CompiledClaim(id: claim.id, regex: regex, vetted: vetted))
        }
        claims = compiled
        vetoWords = Set(patterns.vetoBefore.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }.map { $0.lowercased() })
        vetoCJK = patterns.vetoBefore.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) }
    }

    /// Texts on which exponentially backtracking patterns run away: long runs of one letter, of words,
    /// of a claim's words, each followed by a character that makes the match fail at the end.
    static let backtrackingProbes: [String] = [
        String(repeating: "a", count: 40) + "!", String(repeating: "a ", count: 30) + "!",
        String(repeating: "I am ", count: 20) + "!", String(repeating: "as an ai language model ", count: 8) + "!",
        String(repeating: "1", count: 40) + "x",
    ]

    /// The identity claims in `text`: at most one per identity (its first), in text order.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` when a claim pattern runs past its step
    ///   budget on this text (``BoundedRegex``): the load-time probe cannot foresee every runaway
    ///   pattern, so matching is bounded on every document and a runaway fails the run rather than
    ///   hanging it or silently counting the document as making no claim.
    /// - Complexity: O(*n*) for the pre-filters; the shipped patterns then run only in the windows
    ///   around aliases (``aliasWindows(_:)``), patterns from files over the whole text.
    /// - Parameter document: the document's id or place, named in the error.
    public func claims(in text: String, document: String? = nil) throws(DistillError) -> [IdentityClaim] {
        try claims(in: text, document: document, windowed: true)
    }

    /// ``claims(in:document:)``; `windowed: false` runs every pattern over the whole text (the
    /// reference the windowed search is tested against).
    func claims(in text: String, document: String?, windowed: Bool) throws(DistillError) -> [IdentityClaim] {
        guard mentionsAlias(text) else { return [] }
        let units = QuoteBlanker.blank(Array(text.utf16))
        // The whole blanked text as a string only when a pattern must search all of it (building it
        // costs more than matching the windows).
        var wholeText: String?
        func whole() -> String {
            if let wholeText { return wholeText }
            let made = String(decoding: units, as: UTF16.self)
            wholeText = made
            return made
        }
        // The vetted patterns match only inside the windows around the aliases (see aliasWindows);
        // each window is matched as its own string, its matches moved back to text offsets.
        let windows = windowed ? aliasWindows(units) : nil
        let windowTexts = windows?.map { String(decoding: units[$0], as: UTF16.self) }
        var found: [(location: Int, claim: IdentityClaim)] = []
        var seen = Set<String>()
        for claim in claims {
            // Each match as (whole match, the {NAME} group), in text offsets.
            let matches: [(range: NSRange, name: NSRange)]?
            if claim.vetted, let windows, let windowTexts {
                var all: [(range: NSRange, name: NSRange)] = []
                for (w, window) in windows.enumerated() {
                    let local = claim.regex.matches(
                        in: windowTexts[w], options: [], range: NSRange(location: 0, length: window.count))
                    for m in local {
                        let name = m.range(at: 1)
                        all.append(
                            (
                                NSRange(location: m.range.location + window.lowerBound, length: m.range.length),
                                name.location == NSNotFound
                                    ? name : NSRange(location: name.location + window.lowerBound, length: name.length)
                            ))
                    }
                }
                matches = all
            } else {
                let blanked = whole()
                matches =
                    (claim.vetted
                    ? claim.regex.matches(in: blanked, options: [], range: NSRange(location: 0, length: units.count))
                    : BoundedRegex(claim.regex).allMatches(in: blanked))?.map { ($0.range, $0.range(at: 1)) }
            }
            guard let matches else {
                throw DistillError.invalidOption(
                    name: "identity pattern \(claim.id)",
                    reason: "it ran past its matcher step budget on "
                        + (document.map {
                            "document \"\(ControlCharacters.escaped(String($0.prefix(80)), keepingLines: false))\" "
                        } ?? "a document ")
                        + "(\(units.count) characters; nested repetition such as (a+)+ backtracks exponentially); "
                        + "simplify it")
            }
            for match in matches {
                let nameRange = match.name
                guard nameRange.location != NSNotFound else { continue }
                let alias = String(
                    decoding: units[nameRange.location..<(nameRange.location + nameRange.length)], as: UTF16.self)
                guard let identity = aliasIdentity[alias.lowercased()] else { continue }
                if vetoed(units, before: match.range.location) { continue }
                if seen.contains(identity) {
                    if let k = found.firstIndex(where: { $0.claim.identity == identity }),
                        found[k].location > match.range.location
                    {
                        found[k] = (match.range.location, makeClaim(identity, alias, claim.id, text, match.range))
                    }
                    continue
                }
                seen.insert(identity)
                found.append((match.range.location, makeClaim(identity, alias, claim.id, text, match.range)))
            }
        }
        found.sort { $0.location != $1.location ? $0.location < $1.location : $0.claim.identity < $1.claim.identity }
        return found.map(\.claim)
    }

    private func makeClaim(_ identity: String, _ alias: String, _ pattern: String, _ text: String, _ range: NSRange)
        -> IdentityClaim
    {
        IdentityClaim(
            identity: identity, alias: alias, pattern: pattern, snippet: Self.snippet(text, range: range))
    }

    /// A one-line excerpt of the original text around `range` (UTF-16), about 100 characters at most.
    static func snippet(_ text: String, range: NSRange) -> String {
        let ns = text as NSString
        let start = max(0, range.location - 30)
        let end = min(ns.length, range.location + range.length + 30)
        var s = ns.substring(with: NSRange(location: start, length: end - start))
        s = s.replacingOccurrences(of: "\n", with: " ")
        let excerpt = DistillError.excerpt(s, limit: 100)
        return (start > 0 ? "…" : "") + excerpt + (end < ns.length && !excerpt.hasSuffix("…") ? "…" : "")
    }

    /// Whether a veto word stands between the last clause mark and `location`.
    func vetoed(_ units: [UInt16], before location: Int) -> Bool {
        var start = location
        let marks: Set<UInt16> = [
            0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x0A, 0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0x3001,
        ]
        while start > 0 && !marks.contains(units[start - 1]) { start -= 1 }
        if start == location { return false }
        let clause = String(decoding: units[start..<location], as: UTF16.self).lowercased()
        for cjk in vetoCJK where clause.contains(cjk) { return true }
        var word = ""
        for ch in clause.unicodeScalars {
            if ch.properties.isAlphabetic {
                word.unicodeScalars.append(ch)
            } else {
                if vetoWords.contains(word) { return true }
                word = ""
            }
        }
        return vetoWords.contains(word)
    }

    /// The parts of the (blanked) text the vetted patterns can match in, as disjoint sorted ranges:
    /// around every place an alias stands, from one unit before the first self-reference word of the
    /// alias's clause (I, as, my, call, 我, 作 — `firstOpening`) to 64
    /// non-space units after the alias, plus one; an alias with no such word before it in its clause
    /// opens no window. Exact for the shipped patterns: every match holds its {NAME} and opens with
    /// one of those words; between the opening and the name they allow only words, spaces,
    /// apostrophes and hyphens, so the opening lies in the alias's clause (the run of such units
    /// before it), and the unit kept before it gives `\b` its context; after the name at most 22
    /// non-space units follow ("…, I", zh-as's 20 + "，我"), and one more is kept for the look-aheads.
    /// Matches of one pattern that overlap land in one merged window, so the left-to-right,
    /// non-overlapping search finds the same ones (`IdentityWindowTests` checks this against the
    /// whole-text search). nil — search the whole text — when the text holds a character that
    /// Unicode case folding maps to ASCII letters (ſ, K, ligatures such as ﬆ): the regular
    /// expressions match those case-insensitively where this unit-wise search would not.
    /// - Complexity: O(*n*), comparing only aliases whose first two units match.
    func aliasWindows(_ units: [UInt16]) -> [Range<Int>]? {
        let n = units.count
        var windows: [Range<Int>] = []
        var previous: (alias: Int, clause: Int, opening: Int?) = (-1, -1, nil)
        var i = 0
        while i < n {
            var u = units[i]
            if u < 0x80 {
                // Most units: two table reads decide that no alias starts here.
                if u >= 0x41 && u <= 0x5A { u |= 0x20 }
                var second = i + 1 < n ? units[i + 1] : 0
                if second >= 0x41 && second <= 0x5A { second |= 0x20 }
                if second < 0x80 && !asciiPairStartsAlias[Int(u) << 7 | Int(second)] {
                    i += 1
                    continue
                }
            } else if u == 0x017F || u == 0x212A || u == 0x0130 || (u >= 0xFB00 && u <= 0xFB06) {
                return nil
            }
            var end = -1
            for a in u < 0x80 ? aliasesByFirstASCIIUnit[Int(u)] : aliasesByFirstUnit[u] ?? [] {
                let needle = aliasUnits[a]
                let m = needle.count
                guard i + m <= n else { continue }
                var k = 1
                while k < m {
                    var h = units[i + k]
                    if h >= 0x41 && h <= 0x5A { h |= 0x20 }
                    guard h == needle[k] else { break }
                    k += 1
                }
                guard k == m else { continue }
                if aliasEndsLatin[a] && i + m < n {
                    let next = units[i + m]
                    if (next >= 0x61 && next <= 0x7A) || (next >= 0x41 && next <= 0x5A)
                        || (next >= 0x30 && next <= 0x39)
                    {
                        continue
                    }
                }
                end = max(end, i + m)
            }
            if end >= 0 {
                // The clause start, reusing the previous alias's when no clause mark lies between
                // (so many aliases in one long clause cost one walk, not one each).
                var clause = i
                while clause > 0 && clause != previous.alias && Self.mayPrecedeName(units[clause - 1]) { clause -= 1 }
                if clause == previous.alias && clause > 0 && Self.mayPrecedeName(units[clause - 1]) {
                    clause = previous.clause
                }
                // Every shipped pattern opens with a self-reference word — I, as, my, call (English,
                // at a word start, followed by no Latin letter or digit) — or 我 / 作 (Chinese); a match
                // starts at one of them, so the window starts one unit before the first.
                let opening: Int?
                if clause == previous.clause, let earlier = previous.opening {
                    opening = earlier
                } else if clause == previous.clause {
                    opening = Self.firstOpening(units, from: previous.alias, to: i, clauseStart: clause)
                } else {
                    opening = Self.firstOpening(units, from: clause, to: i, clauseStart: clause)
                }
                previous = (i, clause, opening)
                guard let opening else {
                    i += 1
                    continue
                }
                let start = max(0, opening - 1)
                var stop = end
                var counted = 0
                while stop < n && counted < 64 {
                    if !Self.isSpace(units[stop]) { counted += 1 }
                    stop += 1
                }
                stop = min(n, stop + 1)
                if stop < n && UTF16.isLeadSurrogate(units[stop - 1]) { stop += 1 }
                if let last = windows.last, start <= last.upperBound {
                    windows[windows.count - 1] = last.lowerBound..<max(last.upperBound, stop)
                } else {
                    windows.append(start..<stop)
                }
            }
            i += 1
        }
        return windows
    }

    /// The first place in `units[from..<to]` where a shipped pattern may open (see ``aliasWindows(_:)``).
    static func firstOpening(_ units: [UInt16], from: Int, to: Int, clauseStart: Int) -> Int? {
        @inline(__always) func isWordUnit(_ u: UInt16) -> Bool {
            (u >= 0x61 && u <= 0x7A) || (u >= 0x41 && u <= 0x5A) || (u >= 0x30 && u <= 0x39) || u == 0x5F
        }
        let openings: [[UInt16]] = [[0x69], [0x61, 0x73], [0x6D, 0x79], [0x63, 0x61, 0x6C, 0x6C]]  // i, as, my, call
        var j = from
        while j < to {
            let u = units[j]
            if u == 0x6211 || u == 0x4F5C { return j }  // 我, 作
            if j == clauseStart || !isWordUnit(units[j - 1]) {
                for word in openings where j + word.count <= units.count {
                    var k = 0
                    while k < word.count && (units[j + k] | 0x20) == word[k] && units[j + k] < 0x80 { k += 1 }
                    guard k == word.count else { continue }
                    if j + k < units.count && isWordUnit(units[j + k]) { continue }
                    return j
                }
            }
            j += 1
        }
        return nil
    }

    /// Whether a unit may stand between a claim's start and its name: a letter (any script; surrogate
    /// halves count as letters), a space, an apostrophe or a hyphen.
    @inline(__always)
    static func mayPrecedeName(_ u: UInt16) -> Bool {
        if u < 0x80 {
            return (u >= 0x61 && u <= 0x7A) || (u >= 0x41 && u <= 0x5A) || u == 0x20 || (u >= 0x09 && u <= 0x0D)
                || u == 0x27 || u == 0x2D
        }
        if UTF16.isLeadSurrogate(u) || UTF16.isTrailSurrogate(u) || u == 0x2019 { return true }
        guard let scalar = Unicode.Scalar(u) else { return true }
        return scalar.properties.isAlphabetic || scalar.properties.isWhitespace
    }

    @inline(__always)
    static func isSpace(_ u: UInt16) -> Bool {
        if u < 0x80 { return u == 0x20 || (u >= 0x09 && u <= 0x0D) }
        return Unicode.Scalar(u)?.properties.isWhitespace ?? false
    }

    /// Whether the lower-cased text holds any alias at all (cheap; most texts do not). An alias that
    /// ends in a Latin character counts only where the claim patterns could match it: not run on
    /// into an ASCII letter or digit (the `(?![A-Za-z0-9])` of `{NAME}`), so "yi" in "saying" or "meta"
    /// in "metadata" does not send a text to the regular expressions.
    /// - Complexity: one pass over the text, comparing only aliases whose first byte matches.
    func mentionsAlias(_ text: String) -> Bool {
        var lowered = Array(text.utf8)
        for i in lowered.indices where lowered[i] >= 0x41 && lowered[i] <= 0x5A { lowered[i] |= 0x20 }
        return lowered.withUnsafeBufferPointer { hay -> Bool in
            let n = hay.count
            for i in 0..<n {
                let first = hay[i]
                if first < 0x80 {
                    let second = i + 1 < n ? hay[i + 1] : 0
                    if second < 0x80 && !asciiPairStartsAlias[Int(first) << 7 | Int(second)] { continue }
                }
                for a in aliasesByFirstByte[Int(first)] {
                    let needle = aliasBytes[a]
                    let m = needle.count
                    guard i + m <= n else { continue }
                    var k = 1
                    while k < m && hay[i + k] == needle[k] { k += 1 }
                    guard k == m else { continue }
                    if aliasEndsLatin[a] && i + m < n {
                        let next = hay[i + m]
                        if (next >= 0x61 && next <= 0x7A) || (next >= 0x30 && next <= 0x39) { continue }
                    }
                    return true
                }
            }
            return false
        }
    }
}
