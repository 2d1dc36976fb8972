import DistillCore
import Foundation
import Testing

/// Regular expressions from configuration stop at a step budget instead of backtracking for ever.
@Suite struct BoundedRegexTests {
    @Test func runawayPatternsStopAndOrdinaryOnesAnswer() throws {
        let runaway = try BoundedRegex(pattern: "(.*a){25}$")
        let hostile = String(repeating: "a", count: 41) + "b"
        let start = Date()
        #expect(runaway.matches(hostile) == nil)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(try BoundedRegex(pattern: "(x+x+)+y").matches(String(repeating: "x", count: 40)) == nil)
        // Ordinary patterns answer on large texts, found or not.
        let big = String(repeating: "the quick brown fox jumps over the lazy dog. ", count: 40_000)
        #expect(try BoundedRegex(pattern: "lazy\\s+cat").matches(big) == false)
        #expect(
            try BoundedRegex(pattern: "(?i)AS AN AI LANGUAGE MODEL").matches(big + "as an AI language model") == true)
        #expect(try BoundedRegex(pattern: "^.*dog\\.\\s*$").matches(big) == true)
        #expect(try BoundedRegex(pattern: "fox").matches("") == false)
        #expect(throws: (any Error).self) { try BoundedRegex(pattern: "(unclosed") }
    }

    @Test func theAnswerDoesNotDependOnTheClock() throws {
        let runaway = try BoundedRegex(pattern: "(a|aa)+$")
        let text = String(repeating: "a", count: 34) + "b"
        let answers = (0..<3).map { _ in runaway.matches(text) }
        #expect(Set(answers.map { $0.map { $0 ? 1 : 0 } ?? -1 }).count == 1)
    }
}
