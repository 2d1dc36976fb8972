import Foundation
import Testing

/// Every command's `--json` output has the shape its published schema (docs/schema/) says: the schemas
/// are regenerated from the outputs on the Samples and must equal the committed ones, so a field added,
/// dropped or retyped without updating the schema (and, when incompatible, `schemaVersion`) fails here.
@Suite struct ReportSchemaTests {
    @Test(.timeLimit(.minutes(5))) func everyCommandsJSONMatchesItsPublishedSchema() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CommandRunner.repositoryRoot.appendingPathComponent("scripts/json_schema.py").path, "--bin",
            CommandRunner.executable.path, "--check",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("10 schemas checked"), "\(text)")
        // The schemas hold what a reader needs: the version is pinned, records are closed.
        let score =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("docs/schema/score.schema.json")))
            as? [String: Any]
        let properties = try #require(score?["properties"] as? [String: Any])
        let version = try #require(properties["schemaVersion"] as? [String: Any])
        #expect(version["const"] as? Int == 1)
        #expect(score?["additionalProperties"] as? Bool == false)
    }
}
