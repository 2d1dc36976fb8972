import ArgumentParser

extension Index {
    /// `distillscope index list`: the references in the store.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the reference models in the store.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments

        @Option(help: "Write JSON to FILE (- or no value: standard output) instead of text.")
        var json: String?

        func run() throws {
            let listing = try store.openForReading().listing()
            if let json {
                try JSONOutput.write(listing, to: json)
                if json == "-" { return }
            }
            try Terminal.write(IndexTextFormatter.list(listing.references))
        }
    }
}
