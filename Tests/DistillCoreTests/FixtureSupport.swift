import DistillCore
import Foundation
import Testing

/// Paths of the committed fixtures and scratch files for tests.
enum Fixture {
    static var root: String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
    }

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "distillscope-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ paths: [String], options: CorpusOptions = CorpusOptions(threads: 2)) throws -> (
        [Document], CorpusSummary
    ) {
        let reader = try CorpusReader(paths: paths, options: options)
        let (docs, summary) = try reader.readAll()
        return (docs, summary)
    }
}

/// Expects `body` to throw a ``DistillError`` and returns it.
func expectDistillError(
    sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> DistillError? {
    do {
        try body()
        Issue.record("expected a DistillError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as DistillError {
        return error
    } catch {
        Issue.record("expected a DistillError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
