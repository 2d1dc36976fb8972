import Foundation

/// One shard of a suspect, read and fingerprinted for `score` against one store: the documents of the
/// shard in order (id, prompt, text, location, word ids, MinHash signature) under a header naming the
/// shard, the store and the reading options. ``SuspectScorer/score(partials:references:threads:progress:)``
/// concatenates all shards in shard order and scores them with the code path of a single-process
/// `score`, so every corpus-level statistic (suspect-common n-grams, top-k evidence, corpus means,
/// per-prompt tests, distinct watermark tuples, style profiles) is computed once over the whole suspect.
///
/// File form (deterministic): the ``Header`` as one JSON line (sorted keys), then the ``Record``s in a
/// compact binary form (``ScorePartial/encoded()``): parsing JSON text was most of the merge's time.
public struct ScorePartial: Sendable, Equatable {
    /// What a partial was made from; partials merge only when these agree with each other and the store.
    public struct Header: Sendable, Codable, Equatable {
        public static let currentFormat = "distillscope-score-partial"
        public static let currentVersion = 2
        public var format = Header.currentFormat
        public var version = Header.currentVersion
        /// This partial is shard `shard` (0-based) of `shards`.
        public var shard: Int
        public var shards: Int
        /// The name of the suspect input (the report's `suspect` field names it).
        public var source: String
        /// ``ScoringOptions/optionsHash`` of the store the documents were fingerprinted for.
        public var storeOptionsHash: String
        /// ``ScorePartial/storeDigest(_:)`` of that store's references.
        public var storeDigest: String
        /// How the input was read (field overrides, invalid-record policy, record size limit).
        public var reading: String
        /// Documents that follow the header.
        public var documents: Int
    }

    /// One suspect document.
    public struct Record: Sendable, Equatable {
        public var id: String
        public var explicitID: Bool
        public var prompt: String?
        public var model: String?
        public var text: String
        public var path: String
        public var line: Int?
        public var byteOffset: Int?
        /// Word ids (standard normalisation).
        public var words: [UInt64]
        /// MinHash signature.
        public var signature: [UInt32]
    }

    public var header: Header
    public var records: [Record]

    /// A partial of `header` holding `records`.
    /// - Complexity: O(1).
    public init(header: Header, records: [Record]) {
        self.header = header
        self.records = records
    }

    /// FNV-1a 64 (hex) of the store's options and its references (name, description, documents,
    /// family, role), in the store's order: partials of another store, or of this store after a
    /// reference was added or removed, do not merge.
    /// - Complexity: O(*r*) for *r* references.
    public static func storeDigest(_ source: any ReferenceSource) -> String {
        var text = source.options.canonicalDescription + "\n"
        for r in source.references {
            text += "\(r.name)\t\(r.description)\t\(r.documentCount)\t\(r.family)\t\(r.role.rawValue)\n"
        }
        return String(StableHash.fnv1a64(text), radix: 16)
    }

    /// The reading options that change which documents are read and how (threads and batch sizes do not).
    /// - Complexity: O(1).
    public static func readingDescription(_ options: CorpusOptions) -> String {
        let f = options.fields
        let fields = [f.textField, f.promptField, f.idField].map { $0 ?? "" }.joined(separator: ",")
        return "fields=\(fields);skipInvalid=\(options.skipInvalid);maxRecordBytes=\(options.maxRecordBytes)"
    }

    /// Reads and fingerprints the documents at `paths` (one shard of the suspect) as `score` does.
    /// - Parameters:
    ///   - sourceName: names the input in document locations, unnamed ids and the report (for a piece
    ///     of a file given on standard input); nil keeps the paths as read.
    ///   - lineOffset: added to every document's line (the piece starts after this many lines of the file).
    /// - Throws: ``DistillError`` for unreadable or malformed input; an empty input is an empty shard.
    /// - Complexity: one pass over the input, as ``SuspectCorpus/read(paths:corpusOptions:options:progress:)``.
    public static func make(
        paths: [String], corpusOptions: CorpusOptions, references source: any ReferenceSource, shard: Int,
        shards: Int, sourceName: String? = nil, lineOffset: Int = 0
    ) throws -> ScorePartial {
        var records: [Record] = []
        do {
            let suspect = try SuspectCorpus.read(paths: paths, corpusOptions: corpusOptions, options: source.options)
            records = Self.records(of: suspect.corpus, sourceName: sourceName, lineOffset: lineOffset)
        } catch DistillError.emptyInput {
            records = []
        }
        let header = Header(
            shard: shard, shards: shards, source: sourceName ?? paths.joined(separator: " "),
            storeOptionsHash: source.options.optionsHash, storeDigest: storeDigest(source),
            reading: readingDescription(corpusOptions), documents: records.count)
        return ScorePartial(header: header, records: records)
    }

    static func records(of corpus: FingerprintedCorpus, sourceName: String?, lineOffset: Int) -> [Record] {
        corpus.documents.indices.map { i in
            let doc = corpus.documents[i]
            var location = doc.location
            var id = doc.id
            if let sourceName {
                location.path = sourceName
                location.line = location.line.map { $0 + lineOffset }
                // An id made from the location (`path:line`, `#n` for later turns) follows it.
                if !doc.hasExplicitID, id.hasPrefix(doc.location.description) {
                    id = location.description + id.dropFirst(doc.location.description.count)
                }
            }
            let words = corpus.wordIDs.isEmpty ? [] : corpus.wordIDs[i]
            let signature = corpus.signatures.isEmpty ? [] : Array(corpus.signature(i))
            return Record(
                id: id, explicitID: doc.hasExplicitID, prompt: doc.prompt, model: doc.model, text: doc.text,
                path: location.path, line: location.line, byteOffset: location.byteOffset,
                words: words, signature: signature)
        }
    }
}
