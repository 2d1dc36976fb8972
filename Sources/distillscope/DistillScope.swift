import ArgumentParser
import DistillCore
import DistillStore
import Foundation

/// The `distillscope` command: parses, calls the engine, maps results to exit codes.
///
/// Exit codes (DESIGN.md "Output"): 0 no finding over threshold, 1 finding over threshold,
/// 2 usage or input error.
@main
struct DistillScope: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "distillscope",
        abstract: "Find out whether one language model was distilled from another.",
        discussion: """
            Exit codes: 0 nothing over threshold, 1 a finding over threshold, 2 usage or input error.
            """,
        version: version,
        subcommands: [
            Inspect.self, Compare.self, Dedup.self, Sketch.self, Attribute.self, Phrases.self, StyleProfileCommand.self,
            Watermark.self,
            Index.self,
            Score.self, Scan.self, Report.self,
        ]
    )

    static func main() {
        do {
            try CPUSupport.check()
            var command = try parseAsRoot()
            try command.run()
        } catch let error as DistillError {
            Terminal.error(error.description)
            Foundation.exit(ExitStatus.inputError)
        } catch let error as StoreError {
            Terminal.error(error.description)
            Foundation.exit(ExitStatus.inputError)
        } catch let error as OutputError {
            Terminal.error(error.description)
            Foundation.exit(ExitStatus.inputError)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.writeError(message + "\n") }
            Foundation.exit(ExitStatus.inputError)
        }
    }
}

/// The exit statuses of every command.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let inputError: Int32 = 2
}
