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
    static let version = DistillScopeVersion.current

    static let configuration = CommandConfiguration(
        commandName: "distillscope",
        abstract: "Find out whether one language model was distilled from another.",
        discussion: """
            Exit codes: 0 nothing over threshold, 1 a finding over threshold, 2 usage or input error.
            """,
        version: version,
        subcommands: [
            Inspect.self, Compare.self, Dedup.self, FingerprintCommand.self, Merge.self, Sketch.self, Attribute.self,
            Phrases.self, StyleProfileCommand.self,
            Watermark.self,
            Index.self,
            Score.self, Scan.self, Report.self,
        ]
    )

    /// The sentence for a mistyped command (`distillscope scroe`, `distillscope index lst`), with the
    /// nearest command; nil when the arguments name commands that exist (options are left to the parser).
    static func unknownCommand(in arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = DistillScope.self
        var path = ["distillscope"]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            if argument.hasPrefix("-") || subcommands.isEmpty || argument == "help" { return nil }
            if let next = subcommands.first(where: { $0._commandName == argument }) {
                command = next
                path.append(argument)
                continue
            }
            let names = subcommands.map { $0._commandName }
            return "unknown command \"\(DistillError.excerpt(argument))\" for \(path.joined(separator: " "))"
                + Suggestion.hint(for: argument, in: names) + "; the commands are: " + names.joined(separator: ", ")
        }
        return nil
    }

    /// The arguments with `--json` given no value read as `--json -` (standard output), as in every
    /// command: `--json` then nothing, another option, or an existing input (a directory, or a regular
    /// file that is not a JSON report this tool wrote: never take a corpus for the output file and
    /// overwrite it; a device such as /dev/stdout is an output).
    static func normalized(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            if argument == "--" {
                out += arguments[i...]
                return out
            }
            out.append(argument)
            guard argument == "--json" else { continue }
            let next = i + 1 < arguments.count ? arguments[i + 1] : nil
            if let next, next == "-" || !(next.hasPrefix("-") || isExistingInput(next)) { continue }
            out.append("-")
        }
        return out
    }

    static func isExistingInput(_ path: String) -> Bool {
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        else { return false }
        if type == .typeDirectory { return true }
        guard type == .typeRegular else { return false }
        return !isReport(path)
    }

    /// Whether `path` holds a JSON report of this tool (one object with a `schemaVersion`), which a
    /// new report may replace; corpora (JSONL, JSON arrays or streams, text) never are. Files over
    /// 64 MB count as corpora.
    static func isReport(_ path: String) -> Bool {
        guard path.lowercased().hasSuffix(".json"),
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size < 64 << 20,
            let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return object["schemaVersion"] != nil
    }

    static func main() {
        MemoryRelease.mapLargeBuffers()
        let arguments = normalized(Array(CommandLine.arguments.dropFirst()))
        if let message = unknownCommand(in: arguments) {
            Terminal.error(message)
            Foundation.exit(ExitStatus.inputError)
        }
        do {
            try CPUSupport.check()
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let error as DistillError {
            Terminal.error(error.commandLineDescription)
            Foundation.exit(ExitStatus.inputError)
        } catch let error as StoreError {
            Terminal.error(error.commandLineDescription)
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
            let message = DistillError.replacingOptionNames(in: fullMessage(for: error))
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
