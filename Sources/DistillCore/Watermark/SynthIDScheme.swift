/// SynthID-Text's g-values (Dathathri et al., "Scalable watermarking for identifying large language
/// model outputs", Nature 2024), exactly as the open-source `synthid-text` 0.2.1 package computes them
/// (`synthid_text/logits_processing.py`, `SynthIDLogitsProcessor.compute_g_values`,
/// `compute_context_repetition_mask`, `compute_eos_token_mask`; `synthid_text/hashing_function.py`,
/// `accumulate_hash`).
///
/// - Hash: `accumulate_hash(h, data)`: for each `x`, `h = (h + x) · 6364136223846793005 + 1`, wrapping in
///   Int64 (a linear congruential step with the newlib/musl multiplier).
/// - The n-gram key of the `ngramLength` ids ending at a token: `accumulate_hash(1, ngram)`; for depth
///   `d`, `accumulate_hash(that, [keys[d]])`.
/// - g-value: `table[key mod tableSize]` (Python's floor modulo), with the table
///   `torch.randint(0, 2, (tableSize,), generator=manual_seed(tableSeed))` (``TorchCPURandom``).
///
/// The package notes that its hashing differs from the one used in Google's deployment (the Gemini app),
/// so this reproduces the open-source release, not Gemini's watermark.
public struct SynthIDScheme: Sendable, Hashable {
    /// The LCG multiplier of `accumulate_hash`.
    public static let hashMultiplier: UInt64 = 6_364_136_223_846_793_005

    /// The watermarking keys, one per depth (tournament layer).
    public let keys: [Int64]
    /// The n-gram length (the context is `ngramLength − 1` ids; the package's example config uses 5).
    public let ngramLength: Int
    /// The sampling table size (the package's example config: 2^16).
    public let samplingTableSize: Int
    /// The sampling table seed (the package's example config: 0).
    public let samplingTableSeed: UInt64
    /// Context hashes remembered for the repetition mask (the package's example config: 1024).
    public let contextHistorySize: Int
    /// The sampling table of 0/1 g-values.
    public let samplingTable: [UInt8]
    /// `keys[d] · multiplier + 1` (wrapping): the per-depth step folded into one addition.
    let keyOffsets: [UInt64]

    /// The watermarking depth (number of keys).
    public var depth: Int { keys.count }

    /// A scheme.
    /// - Parameters:
    ///   - keys: The keys (Python ints that fit in Int64, as `torch.tensor(keys)` requires).
    ///   - ngramLength: n ≥ 1.
    ///   - samplingTableSize: Table size in `1 ... 2^32`.
    ///   - samplingTableSeed: The table's `manual_seed`.
    ///   - contextHistorySize: Size of the repetition window, ≥ 1.
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` for a parameter out of range.
    /// - Complexity: O(`samplingTableSize`).
    public init(
        keys: [Int64], ngramLength: Int = 5, samplingTableSize: Int = 1 << 16, samplingTableSeed: UInt64 = 0,
        contextHistorySize: Int = 1024
    ) throws(DistillError) {
        guard !keys.isEmpty else {
            throw DistillError.invalidOption(name: "SynthID keys", reason: "needs at least one key")
        }
        guard ngramLength >= 1, ngramLength <= 1024 else {
            throw DistillError.invalidOption(name: "SynthID n-gram length", reason: "must be between 1 and 1024")
        }
        guard samplingTableSize >= 1, samplingTableSize <= 1 << 32 else {
            throw DistillError.invalidOption(name: "SynthID sampling table size", reason: "must be in 1 ... 2^32")
        }
        guard contextHistorySize >= 1 else {
            throw DistillError.invalidOption(name: "SynthID context history size", reason: "must be at least 1")
        }
        self.keys = keys
        self.ngramLength = ngramLength
        self.samplingTableSize = samplingTableSize
        self.samplingTableSeed = samplingTableSeed
        self.contextHistorySize = contextHistorySize
        samplingTable = try TorchCPURandom.randint(
            low: 0, high: 2, count: samplingTableSize, seed: samplingTableSeed
        ).map { UInt8($0) }
        keyOffsets = keys.map { UInt64(bitPattern: $0) &* Self.hashMultiplier &+ 1 }
    }

    /// `accumulate_hash(h, data)` in Int64 two's complement (as UInt64 bits).
    /// - Complexity: O(`data.count`).
    @inline(__always)
    public static func accumulateHash(_ h: UInt64, _ data: UnsafeBufferPointer<Int>) -> UInt64 {
        var h = h
        for x in data { h = (h &+ UInt64(bitPattern: Int64(x))) &* hashMultiplier &+ 1 }
        return h
    }

    /// Number of n-grams (scored positions) in `count` ids: `max(0, count − ngramLength + 1)`.
    public func ngramCount(tokens count: Int) -> Int { Swift.max(0, count - ngramLength + 1) }

    /// The g-values of every n-gram: row `p` (the n-gram `ids[p ..< p + ngramLength]`, i.e. the token at
    /// `p + ngramLength − 1`) holds `depth` values, rows in order (`compute_g_values` for one sequence).
    /// - Complexity: O(*n* · (`ngramLength` + `depth`)) for *n* ids.
    public func gValues(ids: [Int]) -> [UInt8] {
        let rows = ngramCount(tokens: ids.count)
        let d = depth
        return [UInt8](unsafeUninitializedCapacity: rows * d) { out, initialized in
            ids.withUnsafeBufferPointer { buffer in
                samplingTable.withUnsafeBufferPointer { table in
                    keyOffsets.withUnsafeBufferPointer { offsets in
                        for p in 0..<rows {
                            let h = Self.accumulateHash(1, UnsafeBufferPointer(rebasing: buffer[p..<(p + ngramLength)]))
                            Self.lookUp(hash: h, offsets: offsets, table: table, into: out.baseAddress! + p * d)
                        }
                    }
                }
            }
            initialized = rows * d
        }
    }

    /// The `depth` g-values for the n-gram hash `h` (`accumulate_hash(1, ngram)`).
    @inline(__always)
    static func lookUp(
        hash h: UInt64, offsets: UnsafeBufferPointer<UInt64>, table: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutablePointer<UInt8>
    ) {
        let base = h &* hashMultiplier
        let size = UInt64(table.count)
        if size & (size &- 1) == 0 {
            // Floor modulo by a power of two is a mask of the two's-complement bits.
            let mask = size &- 1
            for d in 0..<offsets.count { out[d] = table[Int((base &+ offsets[d]) & mask)] }
        } else {
            let m = Int64(size)
            for d in 0..<offsets.count {
                let r = Int64(bitPattern: base &+ offsets[d]) % m
                out[d] = table[Int(r < 0 ? r + m : r)]
            }
        }
    }

    /// Per n-gram, whether its context (`ids[p ..< p + ngramLength − 1]`) was not among the previous
    /// `contextHistorySize` contexts, compared by `accumulate_hash(1, context)` — including the package's
    /// zero-initialised history, so a context hashing to 0 counts as repeated until the window has
    /// filled (`compute_context_repetition_mask`; `true` = keep).
    /// - Complexity: O(*n* · `ngramLength`) expected.
    public func contextRepetitionMask(ids: [Int]) -> [Bool] {
        let rows = ngramCount(tokens: ids.count)
        var keep = [Bool](repeating: true, count: rows)
        let c = contextHistorySize
        var ring = [UInt64](repeating: 0, count: c)
        var counts: [UInt64: Int] = [0: c]
        var next = 0
        ids.withUnsafeBufferPointer { buffer in
            for p in 0..<rows {
                let h = Self.accumulateHash(1, UnsafeBufferPointer(rebasing: buffer[p..<(p + ngramLength - 1)]))
                keep[p] = counts[h, default: 0] == 0
                let old = ring[next]
                if counts[old]! == 1 { counts[old] = nil } else { counts[old]! -= 1 }
                ring[next] = h
                counts[h, default: 0] += 1
                next = next + 1 == c ? 0 : next + 1
            }
        }
        return keep
    }

    /// Per n-gram, whether its last token comes before the first `eosTokenID` in `ids`
    /// (`compute_eos_token_mask(ids)[ngramLength − 1 ...]`; `true` = keep).
    /// - Complexity: O(*n*).
    public func eosMask(ids: [Int], eosTokenID: Int) -> [Bool] {
        let firstEOS = ids.firstIndex(of: eosTokenID) ?? ids.count
        return (0..<ngramCount(tokens: ids.count)).map { $0 + ngramLength - 1 < firstEOS }
    }
}
