import Foundation

extension ScorePartial {
    /// The partial's bytes: the header as one JSON line (sorted keys), then the records in binary
    /// (``Record``'s coding).
    /// - Complexity: O(bytes of the records).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = [UInt8](try encoder.encode(header))
        out.append(0x0A)
        for r in records { r.append(to: &out) }
        return Data(out)
    }

    /// Writes the partial to `path` through a temporary file in the same directory, then a rename, so a
    /// reader never sees half a partial.
    /// - Throws: ``DistillError/cannotWrite(path:reason:)``.
    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try encoded().write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw DistillError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch let error as DistillError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw DistillError.cannotWrite(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Reads a partial written by ``write(to:)``.
    /// - Throws: ``DistillError/missingPath(_:)``, ``DistillError/unreadable(path:reason:)``, and
    ///   ``DistillError/malformedRecord(_:reason:)`` with the line (header) or byte offset (records) for a
    ///   damaged or truncated file.
    /// - Complexity: O(bytes of the file).
    public static func read(path: String) throws -> ScorePartial {
        guard FileManager.default.fileExists(atPath: path) else { throw DistillError.missingPath(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DistillError.unreadable(path: path, reason: "cannot open")
        }
        let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
        let decoder = JSONDecoder()
        func bad(_ reason: String, line: Int? = nil, byteOffset: Int? = nil) -> DistillError {
            .malformedRecord(InputLocation(path: path, line: line, byteOffset: byteOffset), reason: reason)
        }
        guard let header = try? decoder.decode(Header.self, from: data[data.startIndex..<newline]),
            header.format == Header.currentFormat
        else { throw bad("not a score partial (no \(Header.currentFormat) header)", line: 1) }
        guard header.version == Header.currentVersion else {
            throw bad("score partial version \(header.version); this build reads \(Header.currentVersion)", line: 1)
        }
        let body = newline < data.endIndex ? data[(newline + 1)...] : Data()
        let decoded = body.withUnsafeBytes { Record.decode($0) }
        let records: [Record]
        switch decoded {
        case .success(let r): records = r
        case .failure(let damage):
            throw bad(
                "damaged or truncated score partial: record \(damage.record + 1) of \(header.documents)",
                byteOffset: newline + 1 - data.startIndex + damage.byteOffset)
        }
        guard records.count == header.documents else {
            throw bad("score partial holds \(records.count) of \(header.documents) documents", line: 1)
        }
        return ScorePartial(header: header, records: records)
    }

    /// Checks that `partials` are all shards of one suspect made for `source` (each shard once, none
    /// missing, same store and reading options), and joins their documents in shard order, then in
    /// order within each shard.
    /// - Parameter partials: each partial with the path it was read from (for messages).
    /// - Throws: ``DistillError/partialMismatch(path:reason:)`` when they do not fit together or do not
    ///   fit the store; ``DistillError/noDocumentsRead(path:)`` when no shard holds a document;
    ///   ``DistillError/tooManyDocuments(path:limit:)`` past `maxDocuments` documents, as `score` reading them;
    ///   ``DistillError/partialMismatch(path:reason:)`` also when a document's word ids are not those of its
    ///   text (re-tokenised on `threads` threads: evidence shows the text, so the two must agree).
    /// - Complexity: O(documents × (words + permutations)), the tokenising on `threads` threads.
    public static func suspect(
        joining partials: [(path: String, partial: ScorePartial)], references source: any ReferenceSource,
        maxDocuments: Int = .max, threads: Int = 1
    ) throws -> SuspectCorpus {
        guard let first = partials.first else {
            throw DistillError.partialMismatch(path: "-", reason: "no score partials given")
        }
        let shards = first.partial.header.shards
        let digest = storeDigest(source)
        var byShard: [Int: String] = [:]
        for (path, p) in partials {
            let h = p.header
            let mismatch = { (reason: String) in DistillError.partialMismatch(path: path, reason: reason) }
            if h.shards != shards || h.shard < 0 || h.shard >= shards {
                throw mismatch("shard \(h.shard)/\(h.shards) does not fit \(first.path)'s \(shards) shards")
            }
            if let other = byShard[h.shard] { throw mismatch("shard \(h.shard)/\(shards) is also \(other)") }
            byShard[h.shard] = path
            if h.storeOptionsHash != source.options.optionsHash || h.storeDigest != digest {
                throw mismatch("made for another store (or its references or options changed since)")
            }
            if h.reading != first.partial.header.reading {
                throw mismatch(
                    "read with other options (\(h.reading)) than \(first.path) (\(first.partial.header.reading))")
            }
        }
        if let missing = (0..<shards).first(where: { byShard[$0] == nil }) {
            throw DistillError.partialMismatch(path: first.path, reason: "shard \(missing)/\(shards) is missing")
        }
        let ordered = partials.sorted { $0.partial.header.shard < $1.partial.header.shard }
        var sources: [String] = []
        for (_, p) in ordered where !p.records.isEmpty && !sources.contains(p.header.source) {
            sources.append(p.header.source)
        }
        let records = ordered.flatMap(\.partial.records)
        let name =
            sources.isEmpty
            ? ordered.map(\.partial.header.source).joined(separator: " ") : sources.joined(separator: " ")
        if records.isEmpty { throw DistillError.noDocumentsRead(path: name) }
        // The guard `score` applies when it reads the whole suspect.
        if records.count > maxDocuments { throw DistillError.tooManyDocuments(path: name, limit: maxDocuments) }
        // A partial is an intermediate file: its word ids decide the n-gram statistics and its text is what
        // the evidence shows. Both must say the same, or the report could show one text and count another.
        let normalization = source.options.fingerprintOptions.normalization
        // One pipeline (and its scratch buffers) per slice of documents, not per document; each slice
        // gives its first altered record, so the earliest one overall is reported.
        let slices = max(1, min(records.count, threads * 8))
        let altered = Parallel.map(count: slices, threads: threads) { s -> Int? in
            var pipeline = TextPipeline(options: normalization)
            let range = (records.count * s / slices)..<(records.count * (s + 1) / slices)
            return range.first { pipeline.wordIDs(of: records[$0].text) != records[$0].words }
        }
        if let i = altered.lazy.compactMap({ $0 }).first {
            throw DistillError.partialMismatch(
                path: name,
                reason: "document \(DistillError.excerpt(records[i].id)) (record \(i + 1) of the joined shards): "
                    + "its word ids are not those of its text (the partial was changed after it was written, or "
                    + "made by another version)")
        }
        let k = source.options.permutations
        var corpus = FingerprintedCorpus(
            ids: [], documents: [], wordIDs: [], shingleSets: [], signatures: [], permutations: k,
            summary: CorpusSummary())
        corpus.ids.reserveCapacity(records.count)
        corpus.signatures.reserveCapacity(records.count * k)
        for r in records {
            let location = InputLocation(path: r.path, line: r.line, byteOffset: r.byteOffset)
            corpus.ids.append(r.id)
            corpus.documents.append(
                Document(
                    id: r.id, hasExplicitID: r.explicitID, prompt: r.prompt, text: r.text, model: r.model,
                    location: location))
            corpus.wordIDs.append(r.words)
            let signature = r.signature
            if signature.count != k {
                throw DistillError.partialMismatch(
                    path: name,
                    reason: "document \(DistillError.excerpt(r.id)) has \(signature.count) of \(k) MinHash values")
            }
            corpus.signatures += signature
        }
        corpus.summary.documents = records.count
        return SuspectCorpus(corpus: corpus, path: name)
    }
}

extension SuspectScorer {
    /// Scores the suspect made of `partials` (see ``ScorePartial``): the same report as
    /// ``score(paths:corpus:references:threads:reading:progress:)`` on the shards' documents in shard order.
    /// - Throws: as ``ScorePartial/suspect(joining:references:maxDocuments:)``, and when the store cannot be read.
    /// - Complexity: joining the partials, then ``score(suspect:references:threads:progress:)``.
    public func score(
        partials: [(path: String, partial: ScorePartial)], references source: any ReferenceSource, threads: Int,
        maxDocuments: Int = .max,
        progress: ((_ stage: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> (suspect: SuspectCorpus, report: ScoreReport) {
        let suspect = try ScorePartial.suspect(
            joining: partials, references: source, maxDocuments: maxDocuments, threads: threads)
        return (suspect, try score(suspect: suspect, references: source, threads: threads, progress: progress))
    }
}
