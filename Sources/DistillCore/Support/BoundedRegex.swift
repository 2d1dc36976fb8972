import Foundation

/// A regular expression that stops instead of running away: a pattern such as `(.*a){25}$`
/// backtracks exponentially (14 s on 41 characters). The matcher (ICU, through
/// `NSRegularExpression`) reports progress at every start position it tries and every fixed number of
/// steps within one attempt; past a budget that grows with the text's length the match is abandoned
/// and the caller is told, so a hostile or careless
/// pattern fails with a sentence instead of hanging a CI job. The step count, not a clock, decides:
/// the same text and pattern always give the same answer.
public struct BoundedRegex: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented as safe to share across threads.
    public let pattern: String
    let regex: NSRegularExpression

    /// Progress reports allowed for a text of `length` UTF-16 units: two per start position plus 5,000
    /// step reports (about 5·10⁷ backtracking steps, a second), far above what a linear pattern needs
    /// and far below exponential backtracking.
    public static func budget(length: Int) -> Int { 2 * length + 5_000 }

    /// - Throws: the `NSRegularExpression` error when the pattern does not compile.
    public init(pattern: String, options: NSRegularExpression.Options = []) throws {
        self.pattern = pattern
        regex = try NSRegularExpression(pattern: pattern, options: options)
    }

    /// An expression compiled already.
    public init(_ regex: NSRegularExpression) {
        self.pattern = regex.pattern
        self.regex = regex
    }

    /// Every match in `text`, in order; nil when the matcher ran past its step budget.
    public func allMatches(in text: String) -> [NSTextCheckingResult]? {
        let range = NSRange(text.startIndex..., in: text)
        let budget = Self.budget(length: range.length)
        var reports = 0
        var found: [NSTextCheckingResult] = []
        var exhausted = false
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { match, _, stop in
            if let match {
                found.append(match)
                return
            }
            reports += 1
            if reports > budget {
                exhausted = true
                stop.pointee = true
            }
        }
        return exhausted ? nil : found
    }

    /// Whether the pattern matches anywhere in `text`; nil when it ran past its step budget.
    public func matches(_ text: String) -> Bool? {
        let range = NSRange(text.startIndex..., in: text)
        let budget = Self.budget(length: range.length)
        var reports = 0
        var found = false
        var exhausted = false
        regex.enumerateMatches(in: text, options: [.reportProgress], range: range) { match, _, stop in
            if match != nil {
                found = true
                stop.pointee = true
                return
            }
            reports += 1
            if reports > budget {
                exhausted = true
                stop.pointee = true
            }
        }
        if found { return true }
        return exhausted ? nil : false
    }
}
