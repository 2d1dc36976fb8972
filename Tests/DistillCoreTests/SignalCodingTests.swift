import DistillCore
import Foundation
import Testing

/// A ``Signal`` is its name in JSON (`"ngram-8"`), so typed report fields carry the strings they always did.
@Suite struct SignalCodingTests {
    static let signals: [Signal] = [
        .ngram(8), .ngram(13), .nearDuplicate, .pairedJaccard, .style, .identity, .watermark, .pairedLexical,
        .pairedTemplate, .pairedFormat,
    ]

    @Test(arguments: signals) func encodesAsItsNameAndRoundTrips(signal: Signal) throws {
        let data = try JSONEncoder().encode([signal])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(signal.name)\"]")
        #expect(try JSONDecoder().decode([Signal].self, from: data) == [signal])
        #expect(Signal(name: signal.name) == signal)
    }

    @Test func unknownNamesAreRejected() {
        for name in ["", "ngram-", "ngram-08", "ngram-x", "bogus", "near-duplicate-3x", "style-"] {
            #expect(Signal(name: name) == nil, "\(name)")
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Signal].self, from: Data(#"["bogus"]"#.utf8)) }
    }
}
