import ArgumentParser
import DistillCore

extension Attribute {
    func validate() throws {
        if references.count < 2 { throw ValidationError("give two or more --ref NAME=PATH") }
        for r in references where parse(r) == nil { throw ValidationError("--ref must be NAME=PATH, got \(r)") }
        if Set(references.compactMap { parse($0)?.name }).count != references.count {
            throw ValidationError("--ref names must differ")
        }
        if !(1...1_000_000).contains(bootstrap) { throw ValidationError("--bootstrap must be between 1 and 1000000") }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be in (0, 1)") }
        if mfw < 0 || segmentWords < 0 { throw ValidationError("--mfw and --segment-words must not be negative") }
        if noFunctionWords && mfw == 0 { throw ValidationError("no features: give --mfw or keep function words") }
    }

    func parse(_ s: String) -> (name: String, path: String)? {
        guard let eq = s.firstIndex(of: "="), eq != s.startIndex, s.index(after: eq) != s.endIndex else { return nil }
        return (String(s[..<eq]), String(s[s.index(after: eq)...]))
    }

    /// The `--ref` values as (name, path), in the order given.
    var namedReferences: [(name: String, path: String)] { references.compactMap(parse) }

    /// The attribution options of the command line.
    var attributionOptions: AttributionOptions {
        AttributionOptions(
            mostFrequentWords: mfw, functionWords: !noFunctionWords, basis: basis, distance: distance,
            bootstrap: bootstrap, seed: seed, alpha: alpha)
    }

    /// Runs `body`, naming the library's invalid inputs as this command's arguments (`--ref`,
    /// `SUSPECT`, `--mfw`).
    func withArgumentNames<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch DistillError.invalidOption(let name, let reason) {
            let argument = ["references": "--ref", "suspect": "SUSPECT", "features": "--mfw"][name] ?? name
            throw DistillError.invalidOption(name: argument, reason: reason)
        }
    }
}
