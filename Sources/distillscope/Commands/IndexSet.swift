import ArgumentParser
import DistillCore
import DistillStore
import Foundation

extension ReferenceRole: ExpressibleByArgument {}

/// `--family` and `--role`, shared by `index add` and `index set`.
struct ReferenceMetadataArguments: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The reference's family: its maker or lineage (default: its own name).",
            discussion: "References of one family are never each other's null."))
    var family: String?

    @Option(
        help: ArgumentHelp(
            "candidate (may be named a parent) or baseline (an independent model used only as null).",
            valueName: "candidate|baseline"))
    var role: ReferenceRole?

    func validate() throws {
        if let family, let problem = ReferenceMetadata.problem(family: family) {
            throw ValidationError("--family: \(problem)")
        }
    }
}

extension Index {
    /// `distillscope index set NAME --family F --role R`: change an existing reference's metadata.
    struct SetMetadata: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set a reference's family or role.",
            discussion: "A reference's null is every reference outside its family; baselines are never named.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var store: StoreArguments
        @OptionGroup var metadata: ReferenceMetadataArguments

        @Argument(help: "The reference to change.")
        var name: String

        func validate() throws {
            try metadata.validate()
            if metadata.family == nil && metadata.role == nil { throw ValidationError("give --family, --role or both") }
        }

        func run() throws {
            let fingerprintStore = try store.open(create: false)
            var current = try fingerprintStore.metadata(reference: name)
            if let family = metadata.family { current.family = family }
            if let role = metadata.role { current.role = role }
            try fingerprintStore.setMetadata(reference: name, current)
            if !global.quiet { try Terminal.write("\(name): family \(current.family), \(current.role.rawValue)\n") }
        }
    }
}
