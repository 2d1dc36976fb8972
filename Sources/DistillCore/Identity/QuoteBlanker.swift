/// Blanks what a text quotes rather than says, keeping every UTF-16 offset: fenced code blocks, block
/// quote lines (`>`), inline code, and text in double quotes (`"…"`, `“…”`), single quotes (`'…'`,
/// `‘…’`, when the opening quote starts a word and the closing one is not followed by a letter) and CJK corner brackets
/// (`「…」`, `『…』`). Quotes pair within one line. Blanked units become spaces.
enum QuoteBlanker {
    static let space: UInt16 = 0x20
    static let newline: UInt16 = 0x0A

    /// `units` with quoted stretches replaced by spaces.
    /// - Complexity: O(*n*).
    static func blank(_ units: [UInt16]) -> [UInt16] {
        var out = units
        var lineStart = 0
        var inFence = false
        let n = units.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && units[lineEnd] != newline { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd && (units[first] == space || units[first] == 0x09) { first += 1 }
            let isFence =
                first + 2 < lineEnd
                && ((units[first] == 0x60 && units[first + 1] == 0x60 && units[first + 2] == 0x60)
                    || (units[first] == 0x7E && units[first + 1] == 0x7E && units[first + 2] == 0x7E))
            if isFence || inFence || (first < lineEnd && units[first] == 0x3E) {
                for i in lineStart..<lineEnd { out[i] = space }
                if isFence { inFence.toggle() }
            } else {
                blankQuotes(in: units, lineStart..<lineEnd, into: &out)
            }
            lineStart = lineEnd + 1
        }
        return out
    }

    static func isLetter(_ u: UInt16) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39) || u >= 0xC0
    }

    private static func blankQuotes(in units: [UInt16], _ line: Range<Int>, into out: inout [UInt16]) {
        var i = line.lowerBound
        while i < line.upperBound {
            let u = units[i]
            var close: Int?
            switch u {
            case 0x22, 0x60:  // " and `
                close = (i + 1..<line.upperBound).first { units[$0] == u }
            case 0x201C:  // “ … ”
                close = (i + 1..<line.upperBound).first { units[$0] == 0x201D }
            case 0x300C:  // 「 … 」
                close = (i + 1..<line.upperBound).first { units[$0] == 0x300D }
            case 0x300E:  // 『 … 』
                close = (i + 1..<line.upperBound).first { units[$0] == 0x300F }
            case 0x27, 0x2018:  // ' or ‘ opening a word
                let opens =
                    (i == line.lowerBound || !isLetter(units[i - 1])) && i + 1 < line.upperBound
                    && isLetter(units[i + 1])
                if opens {
                    close = (i + 1..<line.upperBound).first { k in
                        (units[k] == 0x27 || units[k] == 0x2019)
                            && (k + 1 == line.upperBound || !isLetter(units[k + 1]))
                    }
                }
            default:
                break
            }
            if let close {
                for k in i...close { out[k] = space }
                i = close + 1
            } else {
                i += 1
            }
        }
    }
}
