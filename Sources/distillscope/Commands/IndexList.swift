import ArgumentParser
import DistillReport
import DistillStore
import Foundation

extension Index {
    /// `distillscope index list`: the references in the store.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the reference models in the store.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Option(help: "Write JSON to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func run() throws {
            let references = try store.openForReading().references()
            if let json {
                struct Listing: Codable {
                    var schemaVersion: Int
                    var references: [StoredReference]
                }
                try JSONOutput.write(Listing(schemaVersion: ReportJSON.schemaVersion, references: references), to: json)
                if json == "-" { return }
            }
            if references.isEmpty {
                try Terminal.write("no references\n")
                return
            }
            for r in references {
                var line =
                    "\(r.name)\tfamily \(r.family)\t\(r.role.rawValue)\t\(r.documentCount) documents\t"
                    + "\(r.tokenCount) tokens\t\(r.createdAt)"
                if !r.description.isEmpty { line += "\t\(r.description)" }
                try Terminal.write(line + "\n")
            }
        }
    }

    /// `distillscope index remove NAME`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a reference model from the store.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Argument(help: "The reference to remove.")
        var name: String

        func run() throws {
            try store.open().remove(name: name)
            if !global.quiet { try Terminal.write("removed \(name)\n") }
        }
    }

    /// `distillscope index verify`: SQLite's integrity check plus the store's own invariants.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store: SQLite integrity and the store's invariants (exit 1 on problems).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Option(help: "Write JSON to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func run() throws {
            let opened = try store.openForReading()
            let problems = try opened.verify()
            let references = try opened.referenceNames().count
            if let json {
                struct Verification: Codable {
                    var schemaVersion: Int
                    var ok: Bool
                    var references: Int
                    var problems: [String]
                }
                try JSONOutput.write(
                    Verification(
                        schemaVersion: ReportJSON.schemaVersion, ok: problems.isEmpty, references: references,
                        problems: problems), to: json)
            }
            if json != "-" {
                if problems.isEmpty {
                    try Terminal.write("ok: \(references) references\n")
                } else {
                    for p in problems { try Terminal.write("problem: \(p)\n") }
                }
            }
            if !problems.isEmpty { throw ExitCode(ExitStatus.findings) }
        }
    }

    /// `distillscope index export FILE`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the whole store to one portable file.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Argument(help: "The file to write.")
        var file: String

        func run() throws {
            try store.openForReading().export(to: file)
            if !global.quiet { try Terminal.write("exported to \(file)\n") }
        }
    }

    /// `distillscope index import FILE`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the references of an exported store file (one transaction).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Argument(help: "A file written by `index export`.")
        var file: String

        func run() throws {
            let names = try store.open(create: true).importReferences(from: file)
            if !global.quiet {
                try Terminal.write("imported \(names.count) references: \(names.joined(separator: ", "))\n")
            }
        }
    }
}
