/// The green lists of the deployed KGW watermark (Kirchenbauer et al., "A Watermark for Large Language
/// Models", ICML 2023) exactly as the reference implementations compute them, so text watermarked by
/// them can be detected here (unlike the portable `ds-kgw`, whose green lists are DistillScope's own).
///
/// A context (the `prefixLength` ids before a token) gives a seed; the green list is the first
/// `⌊|V|·γ⌋` ids of `torch.randperm(|V|, generator=manual_seed(seed))` on the CPU
/// (``TorchCPURandom/randperm(_:seed:)``). Two seedings are supported:
/// - ``Seeding-swift.enum/markLLM(_:)``: MarkLLM 0.1.5 `KGWUtils._get_greenlist_ids_left`
///   (`markllm/watermark/kgw/kgw.py`, window scheme "left"): a key permutation
///   `prf = randperm(|V|, seed: hashKey)`, `f(context)` from the context function, and
///   `seed = (hashKey · f) mod |V|`. MarkLLM's default configuration is `f_scheme` "time",
///   `prefix_length` 1, `hash_key` 15485863, γ = 0.5.
/// - ``Seeding-swift.enum/lmWatermarkingAdditive``: Kirchenbauer et al.'s `lm-watermarking`
///   (`extended_watermark_processor.py`, `WatermarkBase._seed_rng` with `additive_prf`; its
///   "simple_1"/"lefthash" scheme is this with one context id): `seed = (hashKey · Σ context) mod (2^64 − 1)`.
///   Green tokens are selected directly (`select_green_tokens = True`, their default).
public struct KGWScheme: Sendable, Hashable {
    /// MarkLLM's context functions (`KGWUtils._f_time`, `_f_additive`, `_f_skip`, `_f_min`).
    public enum ContextFunction: String, Sendable, Hashable, Codable, CaseIterable {
        /// `prf[(Π context) mod |V|]`.
        case time
        /// `prf[(Σ context) mod |V|]`.
        case additive
        /// `prf[context[0]]` (the id `prefixLength` back).
        case skip
        /// `min over c in context of prf[c]`.
        case min
    }

    /// How a context becomes the generator seed.
    public enum Seeding: Sendable, Hashable {
        /// MarkLLM's KGW: `seed = (hashKey · f(context)) mod |V|`.
        case markLLM(ContextFunction)
        /// lm-watermarking's `additive_prf`: `seed = (hashKey · Σ context) mod (2^64 − 1)`.
        case lmWatermarkingAdditive
    }

    /// The vocabulary size |V| (the model's, as the generator passed it).
    public let vocabularySize: Int
    /// The green fraction γ.
    public let gamma: Double
    /// The hash key (MarkLLM's and lm-watermarking's default is 15485863).
    public let hashKey: UInt64
    /// Context ids before each token (`prefix_length`, `context_width`).
    public let prefixLength: Int
    /// The seeding rule.
    public let seeding: Seeding
    /// `int(|V| · γ)`, the green list's length (Python truncation of the Double product).
    public let greenListSize: Int
    /// MarkLLM's key permutation `randperm(|V|, seed: hashKey)` (empty for lm-watermarking seeding).
    let keyPermutation: [Int32]
    /// MarkLLM's seed for each key-permutation index `j`: `(hashKey · prf[j]) mod |V|`, so the common
    /// seedings cost one table read (empty for lm-watermarking seeding).
    let seedByIndex: [UInt32]
    /// `hashKey mod |V|`.
    let hashKeyModVocabulary: UInt64

    /// MarkLLM's default KGW key.
    public static let defaultHashKey: UInt64 = 15_485_863

    /// A scheme.
    /// - Parameters:
    ///   - vocabularySize: |V|, at most ``TorchCPURandom/maximumPermutationSize``.
    ///   - gamma: γ in (0, 1).
    ///   - hashKey: The key.
    ///   - prefixLength: Context width, 1–64.
    ///   - seeding: The seeding rule (MarkLLM's default: `.markLLM(.time)`).
    /// - Throws: ``DistillError/invalidOption(name:reason:)`` for a parameter out of range.
    /// - Complexity: O(|V|) (the key permutation).
    public init(
        vocabularySize: Int, gamma: Double = 0.5, hashKey: UInt64 = defaultHashKey, prefixLength: Int = 1,
        seeding: Seeding = .markLLM(.time)
    ) throws(DistillError) {
        guard gamma > 0, gamma < 1 else {
            throw DistillError.invalidOption(name: "gamma", reason: "must lie strictly between 0 and 1")
        }
        guard prefixLength >= 1, prefixLength <= 64 else {
            throw DistillError.invalidOption(name: "prefix length", reason: "must be between 1 and 64")
        }
        self.vocabularySize = vocabularySize
        self.gamma = gamma
        self.hashKey = hashKey
        self.prefixLength = prefixLength
        self.seeding = seeding
        self.greenListSize = Int(Double(vocabularySize) * gamma)
        if case .markLLM = seeding {
            let prf = try TorchCPURandom.randperm(vocabularySize, seed: hashKey)
            let k = hashKey % UInt64(vocabularySize)
            keyPermutation = prf
            hashKeyModVocabulary = k
            // k < |V| and prf[j] < |V| < 2^31, so the product fits in 64 bits.
            seedByIndex = prf.map { UInt32((k * UInt64($0)) % UInt64(vocabularySize)) }
        } else {
            guard vocabularySize >= 1, vocabularySize <= TorchCPURandom.maximumPermutationSize else {
                throw DistillError.invalidOption(
                    name: "vocabulary size", reason: "must be between 1 and \(TorchCPURandom.maximumPermutationSize)")
            }
            keyPermutation = []
            seedByIndex = []
            hashKeyModVocabulary = hashKey % UInt64(vocabularySize)
        }
    }

    /// Whether every seed lies in `0 ..< vocabularySize` (MarkLLM), so a cache can index by seed.
    public var seedsAreBelowVocabularySize: Bool {
        if case .markLLM = seeding { return true }
        return false
    }

    /// The `manual_seed` argument for the green list of the `prefixLength` ids `context` (oldest first).
    ///
    /// Ids must be non-negative; MarkLLM's `skip` and `min` also index the key permutation with them, so
    /// there they must be below `vocabularySize` (PyTorch would raise an index error).
    /// - Precondition: `context.count == prefixLength`.
    /// - Complexity: O(`prefixLength`).
    @inline(__always)
    public func seed(context: UnsafeBufferPointer<Int>) -> UInt64 {
        let v = UInt64(vocabularySize)
        switch seeding {
        case .markLLM(let function):
            // All reduced values are below |V| < 2^31, so products of two fit in 64 bits.
            switch function {
            case .time:
                var product = UInt64(context[0])
                if product >= v { product %= v }
                for c in context.dropFirst() { product = (product * (UInt64(c) % v)) % v }
                return UInt64(seedByIndex[Int(product)])
            case .additive:
                var sum = UInt64(context[0])
                if sum >= v { sum %= v }
                for c in context.dropFirst() { sum = (sum + UInt64(c) % v) % v }
                return UInt64(seedByIndex[Int(sum)])
            case .skip:
                return UInt64(seedByIndex[context[0]])
            case .min:
                var m = Int32.max
                for c in context { m = Swift.min(m, keyPermutation[c]) }
                return (hashKeyModVocabulary * UInt64(m)) % v
            }
        case .lmWatermarkingAdditive:
            // Python: hash_key * sum (exact), then % (2**64 - 1). Σ over ≤ 64 non-negative Int fits in 128 bits.
            var sumHigh: UInt64 = 0
            var sumLow: UInt64 = 0
            for c in context {
                let (s, o) = sumLow.addingReportingOverflow(UInt64(c))
                sumLow = s
                if o { sumHigh &+= 1 }
            }
            let sum = Self.modMersenne64(high: sumHigh, low: sumLow)
            let p = hashKey.multipliedFullWidth(by: sum)
            return Self.modMersenne64(high: p.high, low: p.low)
        }
    }

    /// The seed of an array context (convenience).
    /// - Precondition: `context.count == prefixLength`.
    public func seed(context: [Int]) -> UInt64 {
        context.withUnsafeBufferPointer { seed(context: $0) }
    }

    /// The green list of a seed: the first ``greenListSize`` ids of the seeded permutation, in its order.
    /// - Complexity: O(|V|) time, O(`greenListSize`) generator draws.
    public func greenList(seed: UInt64) -> [Int32] {
        // The vocabulary size was validated at initialisation.
        (try? TorchCPURandom.randpermPrefix(vocabularySize, count: greenListSize, seed: seed)) ?? []
    }

    /// The green list after the `prefixLength` ids `context` (what MarkLLM's `get_greenlist_ids` returns).
    /// - Precondition: `context.count == prefixLength`.
    /// - Complexity: O(|V| + `prefixLength`).
    public func greenList(context: [Int]) -> [Int32] { greenList(seed: seed(context: context)) }

    /// `(high · 2^64 + low) mod (2^64 − 1)`: 2^64 ≡ 1, so fold the halves with an end-around carry.
    @inline(__always)
    static func modMersenne64(high: UInt64, low: UInt64) -> UInt64 {
        var (s, overflow) = low.addingReportingOverflow(high)
        if overflow { s &+= 1 }
        return s == UInt64.max ? 0 : s
    }
}
