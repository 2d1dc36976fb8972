import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct CorpusReaderFormatTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var ids: [String]
        var prompts: [String?]
        var texts: [String]
        var shape: RecordShape
        var container: ContainerFormat
        var testDescription: String { file }
    }

    static let expectations: [Expectation] = [
        Expectation(
            file: "text.jsonl", ids: ["t1", "t2"], prompts: [nil, nil],
            texts: ["The first document. It has two sentences.", "Second document, with “curly quotes” and a café."],
            shape: .text, container: .jsonl),
        Expectation(
            file: "prompt_response.jsonl", ids: ["p1", "p2", "3"],
            prompts: ["What is two plus two?", "Name a colour.", "Say hi."],
            texts: ["Two plus two is four.", "Blue is a colour.", "Hi there!"], shape: .promptResponse,
            container: .jsonl),
        Expectation(
            file: "openai_chat.jsonl", ids: ["c1", "c2#1", "c2#2"], prompts: ["Who are you?", "First?", "Second?"],
            texts: ["I am an assistant.", "One.", "Two."], shape: .openAIChat, container: .jsonl),
        Expectation(
            file: "sharegpt.jsonl", ids: ["s1", "s2#1", "s2#2"], prompts: ["Hello?", "Q1", "Q2"],
            texts: ["Hello! How can I help?", "A1", "A2"], shape: .shareGPT, container: .jsonl),
        Expectation(
            file: "alpaca.jsonl", ids: ["", ""], prompts: ["Translate to French.\n\ncat", "Give a synonym for happy."],
            texts: ["chat", "Joyful."], shape: .alpaca, container: .jsonl),
        Expectation(
            file: "array.json", ids: ["a1", "a2"], prompts: ["P1", "P2"],
            texts: ["Response one.", "Response, two \"quoted\" [brackets] {braces}."], shape: .promptResponse,
            container: .jsonArray),
        Expectation(
            file: "stream.json", ids: ["j1", "j2"], prompts: [nil, nil],
            texts: ["A pretty-printed record.", "A compact record."], shape: .text, container: .jsonStream),
        Expectation(
            file: "plain.txt", ids: [""], prompts: [nil], texts: ["A plain text document.\nIt spans two lines.\n"],
            shape: .plainText, container: .text),
    ]

    @Test(arguments: expectations, [false, true])
    func readsFormat(_ e: Expectation, gzip: Bool) throws {
        let path = Fixture.path("formats/" + e.file + (gzip ? ".gz" : ""))
        let (docs, summary) = try Fixture.read([path])
        #expect(docs.map(\.text) == e.texts)
        #expect(docs.map(\.prompt) == e.prompts)
        let explicit = docs.map { $0.hasExplicitID ? $0.id : "" }
        #expect(explicit == e.ids)
        #expect(summary.files.count == 1)
        #expect(summary.files[0].container == e.container)
        #expect(summary.files[0].gzip == gzip)
        #expect(summary.files[0].shapes.keys.contains(e.shape.rawValue))
        #expect(summary.skippedTotal == 0)
        if !e.ids.contains(where: { !$0.isEmpty }) {
            // Without ids, documents are named by where they start.
            #expect(docs.allSatisfy { $0.id.hasPrefix(path) })
        }
    }

    @Test func modelFieldIsKept() throws {
        let (docs, _) = try Fixture.read([Fixture.path("formats/prompt_response.jsonl")])
        #expect(docs.map(\.model) == ["TeacherLM", "TeacherLM", nil])
    }

    @Test func directoriesAreRecursedInSortedOrderSkippingOtherFiles() throws {
        let (docs, summary) = try Fixture.read([Fixture.path("dir")])
        #expect(
            summary.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.jsonl", "b.txt", "c.jsonl.gz"])
        #expect(docs.count == 5)
        #expect(!docs.contains { $0.text == "hidden" })
    }

    @Test func fieldOverridesPickTheFields() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("custom.jsonl")
        try #"{"key": "k1", "q": "the question", "body": "the body", "text": "not this"}"#.write(
            to: file, atomically: true, encoding: .utf8)
        let options = CorpusOptions(
            fields: FieldOverrides(textField: "body", promptField: "q", idField: "key"), threads: 1)
        let (docs, _) = try Fixture.read([file.path], options: options)
        #expect(docs.map(\.text) == ["the body"])
        #expect(docs.map(\.prompt) == ["the question"])
        #expect(docs.map(\.id) == ["k1"])
    }

    @Test func crlfLineEndingsAndBOMAreHandled() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("crlf.jsonl")
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n".utf8)
        try Data(bytes).write(to: file)
        let (docs, _) = try Fixture.read([file.path])
        #expect(docs.map(\.text) == ["one", "two"])
    }

    @Test func concatenatedGzipMembersAreReadWhole() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("formats/text.jsonl.gz")))
        let two = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("formats/alpaca.jsonl.gz")))
        let file = dir.appendingPathComponent("multi.jsonl.gz")
        try (one + two).write(to: file)
        let (docs, _) = try Fixture.read([file.path])
        #expect(docs.count == 4)
    }

    /// Same documents and summary for any thread count and batch size.
    @Test func readingIsDeterministicAcrossThreadCounts() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = RepeatableRandomNumberGenerator(seed: 42)
        var lines = ""
        for i in 0..<3000 {
            let text = CorpusBuilder.randomText(words: Int.random(in: 1..<60, using: &rng), unicode: true, using: &rng)
            let escaped = String(data: try JSONEncoder().encode(text), encoding: .utf8)!
            lines += "{\"id\": \"d\(i)\", \"prompt\": \"p\(i % 100)\", \"text\": \(escaped)}\n"
            if i % 97 == 0 { lines += "{broken\n" }
        }
        let file = dir.appendingPathComponent("random.jsonl")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        var reference: ([Document], CorpusSummary)?
        for (threads, batch) in [(1, 4 << 20), (2, 4096), (3, 777), (8, 64 << 10)] {
            let options = CorpusOptions(skipInvalid: true, threads: threads, batchBytes: batch)
            let result = try Fixture.read([file.path], options: options)
            #expect(result.0.count == 3000)
            #expect(result.1.skipped["malformed-json"] == 31)
            if let reference {
                #expect(result.0 == reference.0)
                #expect(result.1 == reference.1)
            } else {
                reference = result
            }
        }
    }
}

@Suite struct CorpusReaderErrorTests {
    @Test func malformedLineNamesFileAndLine() throws {
        let path = Fixture.path("bad/malformed.jsonl")
        let error = expectDistillError { _ = try Fixture.read([path]) }
        guard case .malformedRecord(let location, _) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(location.path == path && location.line == 2)
        #expect(error!.description.hasPrefix("\(path):2: malformed record"))
    }

    @Test func invalidUTF8NamesFileAndLine() throws {
        let path = Fixture.path("bad/invalid_utf8.jsonl")
        let error = expectDistillError { _ = try Fixture.read([path]) }
        #expect(error == .invalidUTF8(InputLocation(path: path, line: 2)))
    }

    @Test func missingTextFieldNamesTheKeys() throws {
        let path = Fixture.path("bad/no_text.jsonl")
        let error = expectDistillError { _ = try Fixture.read([path]) }
        #expect(error == .missingTextField(InputLocation(path: path, line: 2), keys: ["id", "body"]))
        #expect(error!.description.contains("FieldOverrides.textField"))
        #expect(!error!.description.contains("--"), "library errors name options, not CLI flags")
    }

    @Test func truncatedGzipIsAnError() throws {
        let path = Fixture.path("bad/truncated.jsonl.gz")
        let error = expectDistillError { _ = try Fixture.read([path]) }
        guard case .gzip(let location, let reason) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(location.path == path)
        #expect(location.byteOffset != nil)
        #expect(reason.contains("truncated"))
    }

    @Test func emptyFileIsAnError() {
        let path = Fixture.path("bad/empty.jsonl")
        #expect(expectDistillError { _ = try Fixture.read([path]) } == .emptyInput(path: path))
    }

    @Test func missingPathIsAnError() {
        #expect(
            expectDistillError { _ = try Fixture.read(["/no/such/corpus.jsonl"]) }
                == .missingPath("/no/such/corpus.jsonl"))
    }

    @Test func directoryWithoutDocumentsIsAnError() {
        let path = Fixture.path("bad/emptydir")
        #expect(expectDistillError { _ = try Fixture.read([path]) } == .noDocuments(path: path))
    }

    @Test func hugeLineIsAnErrorWithBoundedMemory() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.jsonl")
        var data = Data("{\"id\": \"small\", \"text\": \"fine\"}\n{\"text\": \"".utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 50 << 20))
        data.append(Data("\"}\n{\"text\": \"after\"}\n".utf8))
        try data.write(to: file)
        let error = expectDistillError { _ = try Fixture.read([file.path]) }
        guard case .recordTooLarge(let location, let bytes, let limit) = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(location.line == 2)
        // Reported as soon as it passes the limit: the rest of the line is never read.
        #expect(bytes > 16 << 20 && bytes < 50 << 20 && limit == 16 << 20)
        // Skipped, the lines around it are still read.
        let (docs, summary) = try Fixture.read([file.path], options: CorpusOptions(skipInvalid: true, threads: 2))
        #expect(docs.map(\.text) == ["fine", "after"])
        #expect(summary.skipped["too-large"] == 1)
    }

    @Test func skipInvalidCountsEveryBadRecord() throws {
        let paths = ["malformed.jsonl", "invalid_utf8.jsonl", "no_text.jsonl", "empty.jsonl"].map {
            Fixture.path("bad/" + $0)
        }
        let (docs, summary) = try Fixture.read(paths, options: CorpusOptions(skipInvalid: true, threads: 2))
        #expect(docs.map(\.text) == ["fine", "fine too", "fine", "fine"])
        #expect(
            summary.skipped == ["malformed-json": 1, "invalid-utf8": 1, "missing-text-field": 1, "empty-text-file": 1])
        #expect(summary.skippedExamples.map(\.location.line) == [2, 2, 2, nil])
    }

    @Test func loneSurrogateIsRepairedAndCounted() throws {
        let (docs, summary) = try Fixture.read([Fixture.path("bad/surrogate.jsonl")])
        #expect(docs.map(\.text) == ["lone \u{FFFD} surrogate"])
        #expect(summary.repairedSurrogates == 1)
    }

    @Test func errorsNeverEchoWholeDocuments() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("secret.jsonl")
        let secret = String(repeating: "SECRET ", count: 200)
        try "{\"body\": \"\(secret)\", \"\(secret)\": 1}\n".write(to: file, atomically: true, encoding: .utf8)
        let error = expectDistillError { _ = try Fixture.read([file.path]) }
        #expect(error!.description.count < 400)
    }
}

@Suite struct TextViewReaderTests {
    struct Seen: Sendable, Equatable {
        var id: String
        var explicit: Bool
        var prompt: String?
        var model: String?
        var text: String
    }

    /// The zero-copy path yields exactly the documents of the `Document` path, in order.
    @Test(arguments: ["formats", "dir", "formats/openai_chat.jsonl.gz", "bad/surrogate.jsonl"])
    func textViewsEqualDocuments(relative: String) throws {
        let path = Fixture.path(relative)
        var paths = [path]
        if relative == "formats" {
            paths = try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        }
        for threads in [1, 3] {
            let reader = try CorpusReader(paths: paths, options: CorpusOptions(threads: threads, batchBytes: 300))
            let (docs, summary) = try reader.readAll()
            var seen: [Seen] = []
            let viewSummary = try reader.readTexts(
                worker: {
                    { v in
                        Seen(
                            id: v.id, explicit: v.hasExplicitID, prompt: v.prompt, model: v.model,
                            text: String(decoding: v.text, as: UTF8.self))
                    }
                },
                consume: { seen.append(contentsOf: $0) })
            #expect(
                seen
                    == docs.map {
                        Seen(id: $0.id, explicit: $0.hasExplicitID, prompt: $0.prompt, model: $0.model, text: $0.text)
                    })
            #expect(viewSummary == summary)
        }
    }
}
