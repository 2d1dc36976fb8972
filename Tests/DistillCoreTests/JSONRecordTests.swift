import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

@Suite struct JSONRecordTests {
    private func parse(_ text: String) throws -> (JSONRecord.Value, [UInt8]) {
        let bytes = Array(text.utf8)
        let value = try bytes.withUnsafeBytes { try JSONRecord(bytes: $0).parse() }
        return (value, bytes)
    }

    @Test(arguments: [
        #"{}"#, #"[]"#, #"{"a": [1, -2.5e+3, true, false, null, "x"]}"#, #"  {"a":{"b":{"c":[]}}}  "#,
        #""just a string""#, #"0"#, #"{"\u00e9": "\ud83d\ude00"}"#,
    ])
    func acceptsValidJSON(text: String) throws {
        _ = try parse(text)
        // Cross-check with Foundation.
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil)
    }

    @Test(arguments: [
        #"{"a": 1"#, #"{"a" 1}"#, #"{a: 1}"#, #"{"a": 01}"#, #"{"a": 1,}"#, #"[1 2]"#, #"{"a": tru}"#,
        "{\"a\": \"tab\there\"}", #"{"a": "\x"}"#, #"{"a": "\u12"}"#, #"{"a": 1} x"#, #""unterminated"#,
        #"{"a": -}"#, #"{"a": 1.}"#, #"{"a": .5}"#, "",
    ])
    func rejectsInvalidJSON(text: String) {
        #expect(throws: JSONRecord.SyntaxError.self) { _ = try parse(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONRecord.SyntaxError.self) { _ = try parse(deep) }
    }

    @Test func decodesEscapesAndRepairsLoneSurrogates() throws {
        let (value, bytes) = try parse(#"{"t": "a\"b\\c\/d\n\u00e9\ud83d\ude00 lone \udc00 and \ud800x"}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        try bytes.withUnsafeBytes { raw in
            let record = JSONRecord(bytes: raw)
            guard case .string(let ref) = try #require(record.member(members, "t")) else {
                Issue.record("no t")
                return
            }
            var repaired = 0
            #expect(record.string(ref, repaired: &repaired) == "a\"b\\c/d\né😀 lone \u{FFFD} and \u{FFFD}x")
            #expect(repaired == 2)
        }
    }

    @Test func duplicatedKeyLastWins() throws {
        let (value, bytes) = try parse(#"{"text": "first", "text": "second"}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        bytes.withUnsafeBytes { raw in
            let record = JSONRecord(bytes: raw)
            if case .string(let ref) = record.member(members, "text") {
                var repaired = 0
                #expect(record.string(ref, repaired: &repaired) == "second")
            } else {
                Issue.record("no text")
            }
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var rng = RepeatableRandomNumberGenerator(seed: 99)
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<12, using: &rng) {
                let r = rng.next()
                switch r % 6 {
                case 0: bytes.append(UInt8(r >> 8 & 0x7F))
                case 1: bytes.append(contentsOf: Array("é".utf8))
                case 2: bytes.append(contentsOf: Array("😀".utf8))
                case 3: bytes.append(UInt8(truncatingIfNeeded: r >> 16))
                case 4: bytes.append(contentsOf: [0xED, 0xA0, 0x80])  // encoded surrogate: invalid
                default: bytes.append(contentsOf: [0xF4, 0x90, 0x80, 0x80])  // above U+10FFFF: invalid
                }
            }
            let ours = UTF8Validation.isValid(bytes)
            let stdlib = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == stdlib, "\(bytes)")
        }
    }
}
