import Foundation

/// A corpus read for stylometry: its merged ``StyleProfile``, optionally its bootstrap segments and
/// identity claims, and what was read.
public struct StyleCorpus: Sendable {
    public var profile: StyleProfile
    /// Bootstrap units in reading order (empty unless asked for).
    public var segments: [StyleSegment]
    /// Identity claims (nil unless a detector was given).
    public var identity: IdentityTally?
    public var summary: CorpusSummary

    /// The corpus of in-memory `texts` (tests, small inputs).
    /// - Throws: ``DistillError`` when an identity pattern runs past its step budget.
    public init(texts: [String], options: Options = Options()) throws(DistillError) {
        let profiler = StyleProfiler(options: options.normalization, segmentWords: options.segmentWords)
        var identity = options.identity == nil ? nil : IdentityTally()
        for (i, text) in texts.enumerated() {
            profiler.add(text)
            if let detector = options.identity {
                identity?.add(document: "#\(i + 1)", claims: try detector.claims(in: text))
            }
        }
        (profile, segments) = profiler.take()
        self.identity = identity
        summary = CorpusSummary()
        summary.documents = texts.count
    }

    init(profile: StyleProfile, segments: [StyleSegment], identity: IdentityTally?, summary: CorpusSummary) {
        self.profile = profile
        self.segments = segments
        self.identity = identity
        self.summary = summary
    }

    /// Options of ``read(paths:corpusOptions:options:progress:)``.
    public struct Options: Sendable {
        public var normalization: NormalizationOptions
        /// Collect bootstrap segments of at most this many words (0: whole documents; nil: none).
        public var segmentWords: Int?
        /// Scan for identity claims with this detector.
        public var identity: IdentityDetector?

        public init(
            normalization: NormalizationOptions = .standard, segmentWords: Int? = nil, identity: IdentityDetector? = nil
        ) {
            self.normalization = normalization
            self.segmentWords = segmentWords
            self.identity = identity
        }
    }

    /// The work of one slice of records: a profiler and an identity tally, filled on one worker.
    final class SliceState: @unchecked Sendable {
        // Touched by one worker while the slice is decoded, then read once on the calling thread.
        let profiler: StyleProfiler
        var identity = IdentityTally()
        /// The first identity pattern that ran past its step budget in this slice.
        var failure: DistillError?
        init(options: Options) {
            profiler = StyleProfiler(options: options.normalization, segmentWords: options.segmentWords)
        }
    }

    /// The slices merged so far, in reading order: profile, segments (renumbered past the documents
    /// before them) and identity tally.
    struct Merged {
        var profile = StyleProfile()
        var segments: [StyleSegment] = []
        var identity: IdentityTally?
        var documentsBefore = 0

        init(identity: Bool) { self.identity = identity ? IdentityTally() : nil }

        /// Adds the next slice (and drains its profiler).
        /// - Throws: the slice's identity-pattern failure.
        mutating func add(_ state: SliceState) throws(DistillError) {
            if let failure = state.failure { throw failure }
            let documents = Int(state.profiler.profile.documents)
            for var segment in state.profiler.drain(into: &profile) {
                segment.document += documentsBefore
                segments.append(segment)
            }
            documentsBefore += documents
            identity?.merge(state.identity)
        }
    }

    /// Slice states whose slices have been merged, kept for the next slices so that their buffers
    /// and grown tables are reused; which state a slice gets changes no count.
    final class SlicePool: @unchecked Sendable {
        // Every access holds the lock.
        private var free: [SliceState] = []
        private let lock = NSLock()
        let options: Options
        init(options: Options) { self.options = options }

        /// A free state, or a new one.
        func take() -> SliceState {
            lock.lock()
            defer { lock.unlock() }
            return free.popLast() ?? SliceState(options: options)
        }

        /// Returns a drained state to the pool.
        func put(_ state: SliceState) {
            lock.lock()
            defer { lock.unlock() }
            free.append(state)
        }
    }

    /// Reads `paths` and profiles every document on all reader threads (zero-copy text views); the
    /// slices' profiles are merged in input order, so the result is identical for any thread count.
    /// - Throws: ``DistillError`` for unreadable or malformed input.
    /// - Complexity: O(total bytes).
    public static func read(
        paths: [String], corpusOptions: CorpusOptions, options: Options = Options(),
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> StyleCorpus {
        let reader = try CorpusReader(paths: paths, options: corpusOptions)
        var merged = Merged(identity: options.identity != nil)
        let detector = options.identity
        let pool = SlicePool(options: options)
        let summary = try reader.readTexts(
            worker: {
                let state = pool.take()
                return { view in
                    state.profiler.add(utf8: view.text)
                    if let detector {
                        let text = String(decoding: view.text, as: UTF8.self)
                        switch Result(catching: { () throws(DistillError) in
                            try detector.claims(in: text, document: view.id)
                        }) {
                        case .success(let claims): state.identity.add(document: view.id, claims: claims)
                        case .failure(let error): if state.failure == nil { state.failure = error }
                        }
                    }
                    return state
                }
            },
            consume: { states in
                guard let state = states.last else { return }
                try merged.add(state)
                state.identity = IdentityTally()
                pool.put(state)
            }, progress: progress)
        return StyleCorpus(
            profile: merged.profile, segments: merged.segments, identity: merged.identity, summary: summary)
    }
}

extension StyleCorpus {
    /// Documents profiled per slice when the corpus is already in memory.
    static let sliceDocuments = 256

    /// The corpus of `documents` already in memory (a ``FingerprintedCorpus`` kept with its texts):
    /// the same profile, segments and identity tally as ``read(paths:corpusOptions:options:progress:)``
    /// of the input they came from, without reading it again. Slices of documents are profiled on
    /// `threads` workers and merged in order, so the result is identical for any thread count.
    /// - Throws: ``DistillError`` when an identity pattern runs past its step budget.
    /// - Complexity: O(total text bytes).
    public init(
        documents: [Document], summary: CorpusSummary, options: Options = Options(), threads: Int
    ) throws(DistillError) {
        let slices = (documents.count + Self.sliceDocuments - 1) / Self.sliceDocuments
        let detector = options.identity
        let states = Parallel.map(count: slices, threads: threads) { slice -> SliceState in
            let state = SliceState(options: options)
            let end = min(documents.count, (slice + 1) * Self.sliceDocuments)
            for document in documents[(slice * Self.sliceDocuments)..<end] {
                state.profiler.add(document.text)
                guard let detector, state.failure == nil else { continue }
                switch Result(catching: { () throws(DistillError) in
                    try detector.claims(in: document.text, document: document.id)
                }) {
                case .success(let claims): state.identity.add(document: document.id, claims: claims)
                case .failure(let error): state.failure = error
                }
            }
            return state
        }
        var merged = Merged(identity: detector != nil)
        for state in states { try merged.add(state) }
        self.init(profile: merged.profile, segments: merged.segments, identity: merged.identity, summary: summary)
    }
}
