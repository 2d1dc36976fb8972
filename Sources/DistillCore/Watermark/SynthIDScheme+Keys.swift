extension SynthIDScheme {
    /// SynthID watermarking keys from text: signed decimal integers that fit in Int64, separated by
    /// white space or commas, optionally inside `[` `]` (a JSON array, as the package's config writes
    /// them). Never echoes the text.
    /// - Parameters:
    ///   - text: the keys.
    ///   - source: where they came from, for the error (an option and file name, or a variable).
    /// - Returns: the keys in order.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` naming `source` and the key's position.
    /// - Complexity: O(*n*).
    public static func parseKeys(_ text: String, source: String) throws(DistillError) -> [Int64] {
        var keys: [Int64] = []
        let separators: Set<Character> = [" ", "\t", "\n", "\r", ",", "[", "]"]
        for field in text.split(whereSeparator: { separators.contains($0) }) {
            guard let key = Int64(field) else {
                throw DistillError.invalidOption(
                    name: source,
                    reason: "key \(keys.count + 1) is not an integer that fits in 64 bits (the keys must be "
                        + "decimal integers separated by white space or commas)")
            }
            keys.append(key)
        }
        guard !keys.isEmpty else {
            throw DistillError.invalidOption(name: source, reason: "holds no SynthID keys")
        }
        return keys
    }
}
