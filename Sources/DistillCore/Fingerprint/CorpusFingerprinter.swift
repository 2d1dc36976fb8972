import Foundation

/// What to compute for each document of a corpus.
public struct FingerprintOptions: Sendable, Hashable {
    /// Word n-gram width of the shingles MinHash and Jaccard use.
    public var shingleWidth: Int
    public var permutations: Int
    public var seed: UInt64
    public var normalization: NormalizationOptions
    /// Keep each document's word ids (needed for exact n-gram overlap and spans).
    public var keepWordIDs: Bool
    /// Keep each document's text and prompt (needed for evidence and pairing).
    public var keepText: Bool
    /// Keep each document's shingle set (exact Jaccard). Without it memory is the signatures, the
    /// document ids and a bounded buffer; sets can be recomputed for chosen documents with
    /// ``CorpusFingerprinter/shingleSets(paths:corpusOptions:options:documents:)``.
    public var keepShingleSets: Bool
    /// Compute MinHash signatures (off when only exact overlap is wanted).
    public var computeSignatures: Bool = true
    /// Keep each document's pairing keys (``PairingKeys``: id and prompt hashes) without its text.
    public var keepPairingKeys: Bool = false

    /// Options with the given shingle width, permutations, seed and normalisation, keeping what the flags say.
    /// - Complexity: O(1).
    public init(
        shingleWidth: Int = 5, permutations: Int = MinHasher.defaultPermutations, seed: UInt64 = MinHasher.defaultSeed,
        normalization: NormalizationOptions = .standard, keepWordIDs: Bool = true, keepText: Bool = true,
        keepShingleSets: Bool = true
    ) {
        self.keepShingleSets = keepShingleSets
        self.shingleWidth = shingleWidth
        self.permutations = permutations
        self.seed = seed
        self.normalization = normalization
        self.keepWordIDs = keepWordIDs
        self.keepText = keepText
    }
}

/// A corpus read into per-document fingerprints, in corpus order.
public struct FingerprintedCorpus: Sendable {
    /// Document ids, in corpus order.
    public var ids: [String]
    /// Whole documents, only with ``FingerprintOptions/keepText`` (empty otherwise, to keep memory
    /// near the signatures' size).
    public var documents: [Document]
    /// Word ids per document (empty unless ``FingerprintOptions/keepWordIDs``).
    public var wordIDs: [[UInt64]]
    /// Sorted unique shingle hashes per document.
    public var shingleSets: [ShingleSet]
    /// MinHash signatures, `permutations` values per document, one after another.
    public var signatures: [UInt32]
    public var permutations: Int
    public var summary: CorpusSummary
    /// Pairing keys, with ``FingerprintOptions/keepPairingKeys`` (nil otherwise).
    public var pairing: PairingKeys? = nil

    public var count: Int { ids.count }

    /// The signature of document `i`.
    /// - Complexity: O(1); the slice shares the corpus's storage.
    public func signature(_ i: Int) -> ArraySlice<UInt32> {
        signatures[(i * permutations)..<((i + 1) * permutations)]
    }
}

/// Reads corpora into ``FingerprintedCorpus`` values, in parallel and deterministically.
public enum CorpusFingerprinter {
    struct Item: Sendable {
        var document: Document
        var ids: [UInt64]
        var shingles: ShingleSet
        var signature: [UInt32]
        /// UTF-8 bytes of the document's text, for sizing the signature storage.
        var textBytes: Int
        var promptKey: UInt64 = 0
    }

    /// The per-document work of ``fingerprint(paths:corpusOptions:options:progress:)``, for a reader's
    /// worker threads (each call makes one worker with its own buffers). Work that keeps no text
    /// reads through the zero-copy text views.
    static func worker(options: FingerprintOptions, hasher: MinHasher) -> @Sendable () -> (TextView) -> Item {
        return {
            var pipeline = TextPipeline(options: options.normalization)
            let shingles = GrowableBuffer<UInt64>()
            let values = GrowableBuffer<UInt32>()
            var signature = [UInt32](repeating: 0, count: options.permutations)
            return { view in
                var kept: [UInt64] = []
                var set = ShingleSet(sortedUnique: [])
                let needShingles = options.keepShingleSets || options.computeSignatures
                let valueCount = pipeline.withWordIDs(utf8: view.text) { ids -> Int in
                    if options.keepWordIDs { kept = Array(ids) }
                    guard needShingles else { return 0 }
                    let n = Shingler.count(ids: ids.count, n: options.shingleWidth, includeShortTail: true)
                    shingles.reserve(n)
                    values.reserve(n)
                    let written = Shingler.write(
                        of: ids, n: options.shingleWidth, includeShortTail: true, into: shingles.base)
                    if options.keepShingleSets {
                        set = ShingleSet(UnsafeBufferPointer(start: shingles.base, count: written))
                        for (i, h) in set.hashes.enumerated() { values.base[i] = MinHasher.fold(h) }
                        return set.count
                    }
                    // A multiset has the same MinHash signature as its set.
                    for i in 0..<written { values.base[i] = MinHasher.fold(shingles.base[i]) }
                    return written
                }
                if options.computeSignatures {
                    signature.withUnsafeMutableBufferPointer { out in
                        hasher.sign(values: UnsafeBufferPointer(start: values.base, count: valueCount), into: out)
                    }
                }
                let document = Document(
                    id: view.id, hasExplicitID: view.hasExplicitID,
                    prompt: options.keepText ? view.prompt : nil,
                    text: options.keepText ? String(decoding: view.text, as: UTF8.self) : "",
                    model: view.model, location: view.location)
                var item = Item(
                    document: document, ids: kept, shingles: set, signature: signature, textBytes: view.text.count)
                if options.keepPairingKeys { item.promptKey = view.prompt.map(PairingKeys.promptKey) ?? 0 }
                return item
            }
        }
    }

    /// Reads and fingerprints the corpus at `paths`.
    /// - Complexity: one pass over the input, spread over the reader's threads: O(*b*) to normalise *b*
    ///   bytes, O(*w* × *shingleWidth*) to shingle *w* words, O(*s*) expected to sort *s* shingles
    ///   and O(*s* × *k*) to sign them with *k* permutations. Memory: 4*k* bytes of signature per
    ///   document, plus what the options keep.
    public static func fingerprint(
        paths: [String], corpusOptions: CorpusOptions, options: FingerprintOptions,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> FingerprintedCorpus {
        let hasher = try MinHasher(permutations: options.permutations, seed: options.seed)
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        var result = FingerprintedCorpus(
            ids: [], documents: [], wordIDs: [], shingleSets: [], signatures: [], permutations: options.permutations,
            summary: CorpusSummary())
        let makeWorker = worker(options: options, hasher: hasher)
        // Signatures are gathered in chunks and joined at the end, chunk by chunk, so memory never
        // holds two copies (an array growing by doubling would, for a moment). When the input's
        // size is known, the first chunk is sized from the first slice for the whole corpus (a
        // text is never longer than its record, so the estimate errs high): one chunk, no join,
        // and the capacity never written is never touched, so it costs address space, not memory.
        var chunks: [[UInt32]] = []
        var current: [UInt32] = []
        var chunkValues = options.permutations * 65_536
        let totalBytes = reader.input.totalBytes
        var pairing = PairingKeys(allExplicitIDs: true, idKeys: [], promptKeys: [])
        let summary = try reader.readTexts(
            worker: makeWorker,
            consume: { (items: [Item]) in
                if chunks.isEmpty && current.isEmpty && options.computeSignatures, let totalBytes, !items.isEmpty {
                    let textBytes = max(1, items.reduce(0) { $0 + $1.textBytes })
                    let estimate = Double(totalBytes) / Double(textBytes) * Double(items.count) * 1.05 + 1024
                    // A sample of odd records must not reserve more than twice the input's size
                    // or half the machine's memory; past the reservation, chunks take over.
                    let limit = min(2 * Double(totalBytes), Double(ProcessInfo.processInfo.physicalMemory) / 2)
                    let documents = min(estimate, limit / Double(4 * options.permutations))
                    chunkValues = max(chunkValues, options.permutations * Int(documents))
                }
                for item in items {
                    result.ids.append(item.document.id)
                    if options.keepText { result.documents.append(item.document) }
                    if options.keepWordIDs { result.wordIDs.append(item.ids) }
                    if options.keepShingleSets { result.shingleSets.append(item.shingles) }
                    if options.keepPairingKeys {
                        pairing.allExplicitIDs = pairing.allExplicitIDs && item.document.hasExplicitID
                        pairing.idKeys.append(StableHash.fnv1a64(item.document.id))
                        pairing.promptKeys.append(item.promptKey)
                    }
                    if options.computeSignatures {
                        if current.isEmpty {
                            current.reserveCapacity(chunkValues)
                            adviseHugePages(forCapacityOf: &current)
                        }
                        current.append(contentsOf: item.signature)
                        if current.count >= chunkValues {
                            chunks.append(current)
                            current = []
                        }
                    }
                }
            },
            progress: progress)
        chunks.append(current)
        current = []
        if chunks.count == 1 {
            swap(&result.signatures, &chunks[0])
            chunks = []
        }
        result.signatures.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for i in chunks.indices {
            result.signatures.append(contentsOf: chunks[i])
            chunks[i] = []
        }
        result.summary = summary
        if options.keepPairingKeys {
            pairing.allExplicitIDs = pairing.allExplicitIDs && pairing.count > 0
            result.pairing = pairing
        }
        return result
    }
}

extension CorpusFingerprinter {
    /// Recomputes the shingle sets of the chosen documents (indexes in corpus order) by reading the
    /// corpus again: the second pass of a search that kept only signatures.
    /// - Complexity: one more pass over the input; only the wanted documents are tokenised and shingled,
    ///   O(*w* × *shingleWidth*) for their *w* words.
    public static func shingleSets(
        paths: [String], corpusOptions: CorpusOptions, options: FingerprintOptions, documents wanted: Set<Int>
    ) throws -> [Int: ShingleSet] {
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        var next = 0
        var out: [Int: ShingleSet] = [:]
        try reader.read(
            transform: { docs in docs.map { $0.text } },
            consume: { (texts: [String]) in
                var pipeline = TextPipeline(options: options.normalization)
                for text in texts {
                    if wanted.contains(next) {
                        let ids = pipeline.wordIDs(of: text)
                        out[next] = ShingleSet(
                            Shingler.hashes(of: ids, n: options.shingleWidth, includeShortTail: true))
                    }
                    next += 1
                }
            })
        return out
    }
}

extension CorpusFingerprinter {
    /// The chosen documents (indexes in corpus order), read again from the corpus.
    /// - Complexity: one more pass over the input.
    public static func documents(paths: [String], corpusOptions: CorpusOptions, indexes wanted: [Int]) throws
        -> [Document]
    {
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        let set = Set(wanted)
        var next = 0
        var out: [Int: Document] = [:]
        try reader.read(
            transform: { $0 },
            consume: { (docs: [Document]) in
                for d in docs {
                    if set.contains(next) { out[next] = d }
                    next += 1
                }
            })
        return wanted.compactMap { out[$0] }
    }
}

extension FingerprintedCorpus {
    /// Fingerprints documents given as word ids (no text); document ids are their indexes.
    /// - Complexity: O(*w* × (*shingleWidth* + *k*)) for *w* word ids in all and *k* permutations,
    ///   documents in parallel.
    public init(wordIDs: [[UInt64]], options: FingerprintOptions, threads: Int) throws(DistillError) {
        let hasher = try MinHasher(permutations: options.permutations, seed: options.seed)
        let items: [(ShingleSet, [UInt32])] = Parallel.map(count: wordIDs.count, threads: threads) { d in
            let set = ShingleSet(Shingler.hashes(of: wordIDs[d], n: options.shingleWidth, includeShortTail: true))
            var values = set.hashes.map(MinHasher.fold)
            var signature = [UInt32](repeating: 0, count: options.permutations)
            hasher.sign(values: &values, into: &signature)
            return (set, signature)
        }
        self.init(
            ids: wordIDs.indices.map { String($0) },
            documents: wordIDs.indices.map { Document(id: String($0), text: "", location: InputLocation(path: "")) },
            wordIDs: options.keepWordIDs ? wordIDs : [], shingleSets: items.map(\.0),
            signatures: items.flatMap(\.1), permutations: options.permutations, summary: CorpusSummary())
    }
}
