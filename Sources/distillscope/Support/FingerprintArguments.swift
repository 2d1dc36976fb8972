import ArgumentParser
import DistillCore
import DistillReport

/// Options of MinHash fingerprints, shared by `compare` and `dedup`.
struct FingerprintArguments: ParsableArguments {
    @Option(help: "MinHash permutations k (64-256, a multiple of 16).")
    var permutations: Int = MinHasher.defaultPermutations

    @Option(help: "Word n-gram width of the shingles MinHash and Jaccard use.")
    var shingle: Int = 5

    @Option(help: "Seed of the MinHash permutations.")
    var seed: UInt64 = MinHasher.defaultSeed

    func validate() throws {
        if !(64...256).contains(permutations) || permutations % 16 != 0 {
            throw ValidationError("--permutations must be a multiple of 16 between 64 and 256")
        }
        if !(1...64).contains(shingle) { throw ValidationError("--shingle must be between 1 and 64") }
    }

    func options(keepWordIDs: Bool, keepText: Bool) -> FingerprintOptions {
        FingerprintOptions(
            shingleWidth: shingle, permutations: permutations, seed: seed, keepWordIDs: keepWordIDs, keepText: keepText)
    }
}

/// Writes a JSON report to a file (atomically) or to standard output for `-`.
enum JSONOutput {
    static func write<T: Encodable>(_ value: T, to path: String) throws {
        try Terminal.write(try ReportJSON.encode(value), toPath: path)
    }
}
