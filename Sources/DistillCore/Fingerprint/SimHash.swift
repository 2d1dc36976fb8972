import DistillKernels

/// 64-bit SimHash fingerprints (Charikar 2002, "Similarity estimation techniques from rounding
/// algorithms"; used for near-duplicate detection by Manku, Jain & Das Sarma 2007, "Detecting
/// near-duplicates for web crawling").
///
/// Exact definition, over feature hashes `h[0..<n]` (UInt64) with weights `w[0..<n]`:
/// ```
/// counter[b] = 0 for b in 0..<64
/// for i in 0..<n, b in 0..<64: counter[b] += ((h[i] >> b) & 1) == 1 ? w[i] : -w[i]
/// fingerprint bit b = 1 if counter[b] > 0, else 0     (a tie, counter[b] == 0, gives 0)
/// ```
/// Unweighted, every `w[i]` is 1 and the counters are exact integers, so bit `b` is set iff more
/// than half of the features have bit `b` set. Weighted, `w[i]` is a `Float` and each counter is a
/// running single-precision sum taken in feature order (no reassociation), so any IEEE 754
/// implementation reproduces it. No features gives 0. With the feature hashes acting as random
/// hyperplanes, the Hamming distance between two fingerprints estimates the angle θ between the
/// documents' feature vectors, `E[distance] ≈ 64 · θ / π` (Charikar 2002, section 3).
///
/// By default the features of a text are its word 3-gram shingle hashes (``Shingler``) over the
/// word ids of ``TextPipeline``; a text with fewer words than the shingle width contributes one
/// shingle of all its words, and an empty text gives 0.
public enum SimHash {
    /// The default shingle width, in words.
    public static let defaultShingleWidth = 3

    /// The SimHash of unweighted features.
    /// - Parameter features: the feature hashes; order does not matter.
    /// - Returns: the 64-bit fingerprint.
    /// - Complexity: O(*n*) in the number of features.
    public static func fingerprint(features: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var counts = [Int](repeating: 0, count: 64)
        counts.withUnsafeMutableBufferPointer { BitKernels.addBitCounts(of: features, to: $0) }
        let n = features.count
        var code: UInt64 = 0
        for b in 0..<64 where 2 * counts[b] > n {
            code |= 1 << UInt64(b)
        }
        return code
    }

    /// The SimHash of weighted features, or of unweighted ones when `weights` is nil.
    /// - Parameters:
    ///   - features: the feature hashes.
    ///   - weights: one finite weight per feature, or nil for weight 1 each.
    /// - Returns: the 64-bit fingerprint.
    /// - Complexity: O(*n*) in the number of features.
    public static func fingerprint(features: UnsafeBufferPointer<UInt64>, weights: UnsafeBufferPointer<Float>?)
        -> UInt64
    {
        guard let weights else { return fingerprint(features: features) }
        precondition(weights.count == features.count, "one weight per feature")
        var counters = [Float](repeating: 0, count: 64)
        counters.withUnsafeMutableBufferPointer {
            BitKernels.addSignedWeights(of: features, weights: weights, to: $0)
        }
        var code: UInt64 = 0
        for b in 0..<64 where counters[b] > 0 {
            code |= 1 << UInt64(b)
        }
        return code
    }

    /// The SimHash of `features`, weighted by `weights` when given.
    /// - Complexity: O(*n*) in the number of features.
    public static func fingerprint(features: [UInt64], weights: [Float]? = nil) -> UInt64 {
        features.withUnsafeBufferPointer { f in
            guard let weights else { return fingerprint(features: f) }
            return weights.withUnsafeBufferPointer { fingerprint(features: f, weights: $0) }
        }
    }

    /// The SimHash of a text's word shingles.
    /// - Parameters:
    ///   - text: the document.
    ///   - shingleWidth: words per shingle.
    ///   - pipeline: the normaliser and tokeniser (scratch buffers are reused).
    /// - Returns: the fingerprint of the text's shingle hashes.
    /// - Complexity: O(*n* × *shingleWidth*) in the number of words.
    public static func fingerprint(
        of text: String, shingleWidth: Int = defaultShingleWidth, pipeline: inout TextPipeline
    ) -> UInt64 {
        let ids = pipeline.wordIDs(of: text)
        return fingerprint(features: Shingler.hashes(of: ids, n: shingleWidth, includeShortTail: true))
    }

    /// The SimHash of a text's word shingles, normalised with `options`.
    /// - Complexity: O(*n* × *shingleWidth*) in the number of words.
    public static func fingerprint(
        of text: String, shingleWidth: Int = defaultShingleWidth, options: NormalizationOptions = .standard
    ) -> UInt64 {
        var pipeline = TextPipeline(options: options)
        return fingerprint(of: text, shingleWidth: shingleWidth, pipeline: &pipeline)
    }

    /// The SimHashes of many texts, in order, computed on up to `threads` threads.
    /// - Parameters:
    ///   - texts: the documents.
    ///   - shingleWidth: words per shingle.
    ///   - options: text normalisation.
    ///   - threads: worker threads; the result does not depend on it.
    /// - Returns: one fingerprint per text.
    /// - Complexity: O(total words × *shingleWidth*) spread over the threads.
    public static func fingerprints(
        of texts: [String], shingleWidth: Int = defaultShingleWidth, options: NormalizationOptions = .standard,
        threads: Int
    ) -> [UInt64] {
        let n = texts.count
        let slices = threads <= 1 ? min(n, 1) : min(n, threads * 8)
        let parts = Parallel.map(count: slices, threads: threads) { s in
            var pipeline = TextPipeline(options: options)
            return texts[(n * s / slices)..<(n * (s + 1) / slices)].map {
                fingerprint(of: $0, shingleWidth: shingleWidth, pipeline: &pipeline)
            }
        }
        return Array(parts.joined())
    }
}
