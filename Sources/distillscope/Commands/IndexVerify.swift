import ArgumentParser

extension Index {
    /// `distillscope index verify`: SQLite's integrity check plus the store's own invariants.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store: SQLite integrity and the store's invariants (exit 1 on problems).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Option(help: "Write JSON to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func run() throws {
            let verification = try store.openForReading().verification()
            if let json { try JSONOutput.write(verification, to: json) }
            if json != "-" {
                if verification.ok {
                    try Terminal.write("ok: \(verification.references) references\n")
                } else {
                    for p in verification.problems { try Terminal.write("problem: \(p)\n") }
                }
            }
            if !verification.ok { throw ExitCode(ExitStatus.findings) }
        }
    }
}
