import DistillCore
import Foundation
import Testing

/// Library texts are CLI-agnostic: no string literal in `DistillCore`, `DistillStore` or `DistillReport`
/// names a command-line flag (`--text-field`); the CLI maps option names to its flags where it renders
/// errors (`Sources/distillscope/Support/DistillError+CommandLine.swift`), and a report's reasons carry
/// a typed ``Remedy`` that the CLI renders as its flags (`Remedy+CommandLine.swift`).
@Suite struct LibraryErrorTextTests {
    static var sourcesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
    }

    /// `--` followed by a letter inside a double-quoted literal on a line that is not a comment.
    static func flagLiterals(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("//") { continue }
            var inString = false
            var previous: Character = " "
            var chars = Array(line)
            chars.append(" ")
            for i in 0..<(chars.count - 1) {
                let c = chars[i]
                if c == "\"" && previous != "\\" { inString.toggle() }
                if inString && c == "-" && chars[i + 1] == "-", i + 2 < chars.count, chars[i + 2].isLetter,
                    chars[i + 2].isLowercase
                {
                    found.append(String(line))
                    break
                }
                previous = c
            }
        }
        return found
    }

    @Test func scannerFindsFlagsInLiteralsOnly() {
        #expect(Self.flagLiterals(in: #"let a = "use --text-field""#).count == 1)
        #expect(Self.flagLiterals(in: "/// use `--text-field`\nlet b = x -- y").isEmpty)
        #expect(Self.flagLiterals(in: #"let c = "a \"quoted\" --max-documents""#).count == 1)
    }

    @Test func librarySourcesNameNoCommandLineFlags() throws {
        let root = Self.sourcesDirectory
        var offenders: [String] = []
        var scanned = 0
        for module in ["DistillCore", "DistillStore", "DistillReport"] {
            let base = root.appendingPathComponent(module)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where url.pathExtension == "swift" {
                let relative = module + url.path.dropFirst(base.path.count)
                scanned += 1
                let text = try String(contentsOf: url, encoding: .utf8)
                for line in Self.flagLiterals(in: text) { offenders.append("\(relative): \(line)") }
            }
        }
        #expect(scanned > 50, "found the library sources under \(root.path)")
        #expect(offenders.isEmpty, "library string literals naming CLI flags:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func representativeErrorsNameLibraryOptions() {
        let location = InputLocation(path: "a.jsonl", line: 3)
        let errors: [DistillError] = [
            .missingTextField(location, keys: ["body"]),
            .recordTooLarge(location, bytes: 10, limit: 5),
            .tooManyDocuments(path: "a.jsonl", limit: 1000),
        ]
        for error in errors { #expect(!error.description.contains("--"), "\(error.description)") }
        #expect(errors[0].description.contains(DistillError.textFieldOption))
        #expect(errors[1].description.contains(DistillError.maxRecordBytesOption))
        #expect(errors[2].description.contains(DistillError.maxDocumentsOption))
        for bad in [WatermarkParameters(gamma: 1.5), WatermarkParameters(contextWidth: 0)] {
            #expect(throws: DistillError.self) { try bad.validate() }
            do { try bad.validate() } catch { #expect(!error.description.contains("--"), "\(error.description)") }
        }
    }
}
