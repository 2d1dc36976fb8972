import DistillReport
import Foundation
import Testing

@Suite struct ReportJSONTests {
    struct Sample: Codable {
        var zeta = 1
        var alpha = "a/b"
        var middle = [3.5, 0.1]
    }

    @Test func keysAreSortedAndSlashesPlain() throws {
        let text = String(decoding: try ReportJSON.encode(Sample()), as: UTF8.self)
        let alpha = try #require(text.range(of: "\"alpha\""))
        let middle = try #require(text.range(of: "\"middle\""))
        let zeta = try #require(text.range(of: "\"zeta\""))
        #expect(alpha.lowerBound < middle.lowerBound && middle.lowerBound < zeta.lowerBound)
        #expect(text.contains("\"a/b\""))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func encodingIsRepeatable() throws {
        #expect(try ReportJSON.encode(Sample()) == ReportJSON.encode(Sample()))
    }
}
