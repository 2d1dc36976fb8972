/// Markdown and emoji habits of a corpus, as counts (lines, markers, documents using each).
///
/// Line-based, on the original (not normalised) text: a heading is a line starting with 1–6 `#` and a
/// space; a bullet item a line starting (after indentation) with `-`, `*` or `+` and a space; a
/// numbered item one starting with digits, `.` or `)` and a space; a code fence a line starting with
/// three backticks or tildes; a table row a line starting with `|` that holds another `|`. Bold is a
/// `**` or `__` pair. Emoji are scalars in U+1F300–U+1FAFF, U+2600–U+27BF and U+1F000–U+1F2FF.
public struct MarkdownHabits: Sendable, Hashable, Codable {
    public var lines: UInt64 = 0
    public var headings: UInt64 = 0
    public var bulletItems: UInt64 = 0
    public var numberedItems: UInt64 = 0
    public var codeFences: UInt64 = 0
    public var tableRows: UInt64 = 0
    public var boldSpans: UInt64 = 0
    public var emoji: UInt64 = 0
    /// Documents with at least one heading, bullet, numbered item, fence, table row, bold span, emoji.
    public var documentsWithHeadings: UInt64 = 0
    public var documentsWithBullets: UInt64 = 0
    public var documentsWithNumbered: UInt64 = 0
    public var documentsWithCode: UInt64 = 0
    public var documentsWithTables: UInt64 = 0
    public var documentsWithBold: UInt64 = 0
    public var documentsWithEmoji: UInt64 = 0

    public init() {}

    mutating func merge(_ o: MarkdownHabits) {
        lines &+= o.lines
        headings &+= o.headings
        bulletItems &+= o.bulletItems
        numberedItems &+= o.numberedItems
        codeFences &+= o.codeFences
        tableRows &+= o.tableRows
        boldSpans &+= o.boldSpans
        emoji &+= o.emoji
        documentsWithHeadings &+= o.documentsWithHeadings
        documentsWithBullets &+= o.documentsWithBullets
        documentsWithNumbered &+= o.documentsWithNumbered
        documentsWithCode &+= o.documentsWithCode
        documentsWithTables &+= o.documentsWithTables
        documentsWithBold &+= o.documentsWithBold
        documentsWithEmoji &+= o.documentsWithEmoji
    }

    /// Adds the habits of one document's raw UTF-8 text.
    /// - Complexity: O(*n*) in the bytes of the text.
    mutating func add(document p: UnsafeBufferPointer<UInt8>) {
        var d = MarkdownHabits()
        let n = p.count
        var i = 0
        var stars = 0
        var underscores = 0
        while i < n {
            // One line: classify its start, then scan it for bold markers and emoji.
            d.lines &+= 1
            var j = i
            while j < n && (p[j] == 0x20 || p[j] == 0x09) { j &+= 1 }
            let indentEnd = j
            if j < n {
                let c = p[j]
                if c == 0x23 {  // #
                    var k = j
                    while k < n && p[k] == 0x23 { k &+= 1 }
                    if k - j <= 6 && k < n && p[k] == 0x20 && indentEnd == i { d.headings &+= 1 }
                } else if (c == 0x2D || c == 0x2A || c == 0x2B) && j + 1 < n && p[j + 1] == 0x20 {
                    d.bulletItems &+= 1
                } else if c >= 0x30 && c <= 0x39 {
                    var k = j
                    while k < n && p[k] >= 0x30 && p[k] <= 0x39 { k &+= 1 }
                    if k + 1 < n && (p[k] == 0x2E || p[k] == 0x29) && p[k + 1] == 0x20 { d.numberedItems &+= 1 }
                } else if (c == 0x60 || c == 0x7E) && j + 2 < n && p[j + 1] == c && p[j + 2] == c {
                    d.codeFences &+= 1
                } else if c == 0x7C {
                    var k = j + 1
                    while k < n && p[k] != 0x0A && p[k] != 0x7C { k &+= 1 }
                    if k < n && p[k] == 0x7C { d.tableRows &+= 1 }
                }
            }
            while j < n && p[j] != 0x0A {
                if j &+ 8 <= n && Self.isPlain(UnsafeRawPointer(p.baseAddress! + j).loadUnaligned(as: UInt64.self)) {
                    j &+= 8
                    continue
                }
                let c = p[j]
                if c == 0x2A && j + 1 < n && p[j + 1] == 0x2A {
                    stars &+= 1
                    j &+= 2
                    continue
                }
                if c == 0x5F && j + 1 < n && p[j + 1] == 0x5F {
                    underscores &+= 1
                    j &+= 2
                    continue
                }
                if c == 0xF0 && j + 3 < n {
                    // Four-byte scalars: U+10000 and up.
                    let s =
                        (UInt32(c & 0x07) << 18) | (UInt32(p[j + 1] & 0x3F) << 12) | (UInt32(p[j + 2] & 0x3F) << 6)
                        | UInt32(p[j + 3] & 0x3F)
                    if (0x1F300...0x1FAFF).contains(s) || (0x1F000...0x1F2FF).contains(s) { d.emoji &+= 1 }
                    j &+= 4
                    continue
                }
                if c == 0xE2 && j + 2 < n {
                    let s = (UInt32(c & 0x0F) << 12) | (UInt32(p[j + 1] & 0x3F) << 6) | UInt32(p[j + 2] & 0x3F)
                    if (0x2600...0x27BF).contains(s) { d.emoji &+= 1 }
                    j &+= 3
                    continue
                }
                j &+= 1
            }
            i = j + 1
        }
        d.boldSpans = UInt64(stars / 2 + underscores / 2)
        d.documentsWithHeadings = d.headings > 0 ? 1 : 0
        d.documentsWithBullets = d.bulletItems > 0 ? 1 : 0
        d.documentsWithNumbered = d.numberedItems > 0 ? 1 : 0
        d.documentsWithCode = d.codeFences > 0 ? 1 : 0
        d.documentsWithTables = d.tableRows > 0 ? 1 : 0
        d.documentsWithBold = d.boldSpans > 0 ? 1 : 0
        d.documentsWithEmoji = d.emoji > 0 ? 1 : 0
        merge(d)
    }

    /// Whether eight bytes hold no newline, `*`, `_` or non-ASCII byte, so the scan can skip them
    /// (exact zero-byte test, Warren, *Hacker's Delight* 6-1).
    @inline(__always)
    static func isPlain(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
        return (hasZero(x ^ (ones &* 0x0A)) | hasZero(x ^ (ones &* 0x2A)) | hasZero(x ^ (ones &* 0x5F)) | (x & high))
            == 0
    }
}
