import ArgumentParser

extension Index {
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
}
