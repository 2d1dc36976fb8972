import ArgumentParser

/// `distillscope index ...`: manage the fingerprint store of reference models.
struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the fingerprint store of reference models.",
        discussion: "The store is one SQLite file (--store or $DISTILLSCOPE_STORE); see docs/scoring.md.",
        subcommands: [Add.self, List.self, SetMetadata.self, Remove.self, Verify.self, Export.self, Import.self])
}
