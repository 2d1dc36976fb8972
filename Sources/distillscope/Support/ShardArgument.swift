import ArgumentParser

/// `--shard i/N` of `fingerprint` and `score --partial`: shard `i` (0-based) of `N`.
enum ShardArgument {
    /// The shard `text` names as (index, count).
    /// - Throws: `ValidationError` unless `text` is `i/N` with 0 ≤ i < N.
    static func parse(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw ValidationError("--shard must be i/N with 0 ≤ i < N, got \(text)")
        }
        return (i, n)
    }
}
