import DistillCore
import DistillReport
import DistillStore
import Foundation
import Testing

/// The DocC articles' code (Sources/DistillCore/DistillCore.docc) runs here, and gives byte for byte
/// the JSON the CLI writes for the same job on the Samples. Each `// article:` region below is the
/// article's Swift block with the sample paths bound to variables (checked, whitespace aside).
@Suite struct ArticleCodeTests {
    static let teacherPath = CommandRunner.sample("teacher.jsonl.gz")
    static let studentPath = CommandRunner.sample("student.jsonl.gz")

    /// The article's code block with its literal paths replaced by this file's variables, without
    /// import lines and whitespace; and the same of this file's region for the article.
    static func code(article: String, storePath: String = "storePath") throws -> (article: String, test: String) {
        let docc = CommandRunner.repositoryRoot.appendingPathComponent("Sources/DistillCore/DistillCore.docc")
        let text = try String(contentsOf: docc.appendingPathComponent(article + ".md"), encoding: .utf8)
        let block = try #require(text.components(separatedBy: "```swift\n").dropFirst().first)
            .components(separatedBy: "```").first!
        let bound = block.replacingOccurrences(of: "\"Samples/teacher.jsonl.gz\"", with: "teacherPath")
            .replacingOccurrences(of: "\"Samples/student.jsonl.gz\"", with: "studentPath")
            .replacingOccurrences(of: "\"refs.db\"", with: storePath)
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let region = try #require(source.components(separatedBy: "// article: \(article)\n").dropFirst().first)
            .components(separatedBy: "// end article").first!
        func squeeze(_ s: String) -> String {
            s.split(separator: "\n").filter { !$0.hasPrefix("import ") }.joined().filter { !$0.isWhitespace }
        }
        return (squeeze(bound), squeeze(region))
    }

    static func store(in dir: URL) throws -> String {
        let store = dir.appendingPathComponent("refs.db").path
        for name in ["teacher", "control"] {
            let r = try CommandRunner.run(
                ["index", "add", name, CommandRunner.sample("\(name).jsonl.gz"), "--store", store, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        return store
    }

    @Test func comparingTwoCorpora() throws {
        let code = try Self.code(article: "ComparingTwoCorpora")
        #expect(code.article == code.test)
        let (teacherPath, studentPath) = (Self.teacherPath, Self.studentPath)
        // article: ComparingTwoCorpora
        let result = try CorpusComparison.compare(
            teacher: teacherPath, suspect: studentPath)
        print(result.summary)
        let json = try ReportJSON.encode(
            CompareReport(result, teacher: teacherPath, suspect: studentPath))
        // end article
        let cli = try CommandRunner.run(["compare", teacherPath, studentPath, "--json", "-"])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(json == cli.stdoutData)
        #expect(result.summary.hasPrefix("The suspect looks derived from the teacher"))
    }

    @Test func scoringAgainstAStore() throws {
        let code = try Self.code(article: "ScoringAgainstAStore")
        #expect(code.article == code.test)
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let storePath = try Self.store(in: dir)
        let studentPath = Self.studentPath
        // article: ScoringAgainstAStore
        let source = try StoreReferenceSource.openForScoring(path: storePath)
        let (_, report) = try SuspectScorer().score(paths: [studentPath], references: source)
        print(report.decision.summary)
        let json = try ReportJSON.encode(report)
        // end article
        let cli = try CommandRunner.run(["score", studentPath, "--store", storePath, "--json", "-"])
        #expect(cli.status == 1, "\(cli.stderr)")
        #expect(json == cli.stdoutData)
        #expect(report.decision.parentFound)
    }

    @Test func scanningInCI() throws {
        let code = try Self.code(article: "ScanningInCI")
        #expect(code.article == code.test)
        let dir = try StoreCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let storePath = try Self.store(in: dir)
        let studentPath = Self.studentPath
        // article: ScanningInCI
        let scan = try ScanRunner.run(
            paths: [studentPath], store: storePath,
            references: try StoreReferenceSource.openForScoring(path: storePath))
        let json = try ScanJSONFormatter().render(scan)
        let failed = scan.failingCount > 0
        // end article
        // Run elsewhere (no configuration file there), with this process's working directory as the
        // source root that the library call used for the fingerprints.
        let cli = try CommandRunner.run(
            [
                "scan", studentPath, "--store", storePath, "--format", "json", "--source-root",
                FileManager.default.currentDirectoryPath,
            ], directory: dir.path)
        #expect(cli.status == 1, "\(cli.stderr)")
        #expect(json == cli.stdoutData)
        #expect(failed)
    }
}
