import ArgumentParser

extension Index {
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
}
