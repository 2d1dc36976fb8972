extension Attribution {
    /// A corpus of an attribution on disk: its name, where it was read from, and what was in it.
    public struct Input: Sendable {
        /// The reference's name (`suspect` for the suspect).
        public var name: String
        /// The corpus's path.
        public var path: String
        /// What was read.
        public var summary: CorpusSummary

        /// The corpus `name` read from `path`.
        public init(name: String, path: String, summary: CorpusSummary) {
            self.name = name
            self.path = path
            self.summary = summary
        }
    }

    /// An attribution of corpora on disk: the result, the inputs, and the suspect's identity claims.
    public struct Outcome: Sendable {
        /// The ranking, p-values, confidence and outcome.
        public var result: AttributionResult
        /// The suspect corpus.
        public var suspect: Input
        /// The reference corpora, in the order given.
        public var references: [Input]
        /// The suspect's identity claims, when an identity detector was given.
        public var identity: IdentityReport?
    }

    /// Attribution as one call: reads the suspect (scanning it for identity claims when `identity`
    /// is given) and each reference into bootstrap segments, then ranks the references
    /// (``attribute(suspect:references:options:threads:)``).
    ///
    /// ```swift
    /// let outcome = try Attribution.run(
    ///     suspect: "student.jsonl.gz", references: [("teacher", "teacher.jsonl.gz"), ("control", "control.jsonl.gz")])
    /// print(outcome.result.attributedTo ?? "none of these")
    /// ```
    /// - Parameters:
    ///   - suspect: the suspect corpus's path.
    ///   - references: two or more named reference corpora (names distinct).
    ///   - options: features, distance, bootstrap and the level of the *none of these* test.
    ///   - segmentWords: cut documents into bootstrap segments of at most this many words (0: whole documents).
    ///   - identity: scan the suspect for identity claims with this detector.
    ///   - corpus: how the corpora are read; its thread count also runs the bootstrap.
    ///   - progress: called while each corpus is read, on the calling thread.
    /// - Returns: the result, the inputs' summaries and the suspect's identity claims.
    /// - Throws: ``DistillError`` for unreadable or malformed input, fewer than two references, a
    ///   corpus without words, or no features.
    /// - Complexity: one read of each corpus, then O(*B* · Σ segments · features per segment) for *B*
    ///   bootstrap replicates.
    public static func run(
        suspect: String, references: [(name: String, path: String)], options: AttributionOptions = AttributionOptions(),
        segmentWords: Int = 500, identity: IdentityDetector? = nil, corpus: CorpusOptions = CorpusOptions(),
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> Outcome {
        let suspectCorpus = try StyleCorpus.read(
            paths: [suspect], corpusOptions: corpus,
            options: StyleCorpus.Options(segmentWords: segmentWords, identity: identity), progress: progress)
        var referenceCorpora: [(name: String, corpus: StyleCorpus)] = []
        for reference in references {
            let read = try StyleCorpus.read(
                paths: [reference.path], corpusOptions: corpus,
                options: StyleCorpus.Options(segmentWords: segmentWords),
                progress: progress)
            referenceCorpora.append((reference.name, read))
        }
        let result = try attribute(
            suspect: suspectCorpus, references: referenceCorpora, options: options, threads: corpus.threads)
        return Outcome(
            result: result, suspect: Input(name: "suspect", path: suspect, summary: suspectCorpus.summary),
            references: zip(references, referenceCorpora).map {
                Input(name: $0.name, path: $0.path, summary: $1.corpus.summary)
            },
            identity: identity.flatMap { detector in suspectCorpus.identity?.report(patterns: detector.patterns) })
    }
}
