import ArgumentParser

extension Index {
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
