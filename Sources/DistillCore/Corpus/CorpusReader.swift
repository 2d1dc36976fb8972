import Dispatch
import Foundation

/// Options for reading a corpus.
public struct CorpusOptions: Sendable, Hashable {
    public var fields: FieldOverrides
    /// Count and report bad records instead of failing on the first.
    public var skipInvalid: Bool
    /// Records (lines, array elements, text files) larger than this are errors.
    public var maxRecordBytes: Int
    /// Worker threads for decoding and per-document work.
    public var threads: Int
    /// Raw bytes gathered before a batch is handed to the workers.
    public var batchBytes: Int
    /// Most documents a read may yield before it stops with ``DistillError/tooManyDocuments(path:limit:)``:
    /// the guard of work that keeps state per document (signatures, ids, tokens), whose memory grows
    /// with the count however small the documents are. No limit by default.
    public var maxDocuments: Int

    public init(
        fields: FieldOverrides = FieldOverrides(), skipInvalid: Bool = false, maxRecordBytes: Int = 16 << 20,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, batchBytes: Int = 2 << 20,
        maxDocuments: Int = .max
    ) {
        self.fields = fields
        self.skipInvalid = skipInvalid
        self.maxRecordBytes = maxRecordBytes
        self.threads = max(1, threads)
        self.batchBytes = batchBytes
        self.maxDocuments = maxDocuments
    }
}

/// Progress of a read, for progress bars.
public struct ReadProgress: Sendable {
    /// Bytes taken from disk so far (compressed bytes for gzip).
    public var bytesRead: Int
    /// Total bytes on disk, when known.
    public var totalBytes: Int?
    public var documents: Int
}

/// Streams a corpus: files are read and cut into records in order on the calling thread, while
/// batches of records are decoded and transformed on `threads` workers; results come back in input
/// order, so everything downstream is deterministic for any thread count.
///
/// Memory is bounded by the batch size (a few MiB) plus what the caller keeps.
public final class CorpusReader: Sendable {
    public let input: CorpusInput
    public let options: CorpusOptions

    public init(paths: [String], options: CorpusOptions = CorpusOptions()) throws(DistillError) {
        self.input = try CorpusInput(paths: paths)
        self.options = options
    }

    public init(input: CorpusInput, options: CorpusOptions = CorpusOptions()) {
        self.input = input
        self.options = options
    }

    /// Reads every document.
    /// - Parameters:
    ///   - transform: called on worker threads with a slice of documents, in any order; must not
    ///     depend on which thread runs it.
    ///   - consume: called on the calling thread with each slice's results, in input order.
    ///   - progress: called on the calling thread after each batch.
    /// - Returns: what was read and skipped.
    /// - Throws: ``DistillError`` for the first bad record in input order (unless `skipInvalid`),
    ///   unreadable files and damaged gzip streams; or whatever `consume` throws.
    @discardableResult
    public func read<T: Sendable>(
        transform: @escaping @Sendable ([Document]) -> [T],
        consume: ([T]) throws -> Void,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> CorpusSummary {
        try read(.documents(transform), consume: consume, progress: progress)
    }

    /// Reads every document as a ``TextView``, without building `Document` values or copying texts:
    /// the fast path for work that needs only the text (and id, prompt, model).
    /// - Parameters:
    ///   - worker: called once per slice of records on a worker thread; returns the function applied
    ///     to each document of the slice, in order (it may keep scratch state).
    ///   - consume: called on the calling thread with each slice's results, in input order.
    @discardableResult
    public func readTexts<T: Sendable>(
        worker: @escaping @Sendable () -> (TextView) -> T,
        consume: ([T]) throws -> Void,
        progress: ((ReadProgress) -> Void)? = nil
    ) throws -> CorpusSummary {
        try read(.views(worker), consume: consume, progress: progress)
    }

    enum Transform<T: Sendable>: Sendable {
        case documents(@Sendable ([Document]) -> [T])
        case views(@Sendable () -> (TextView) -> T)
    }

    private func read<T: Sendable>(
        _ transform: Transform<T>, consume: ([T]) throws -> Void, progress: ((ReadProgress) -> Void)?
    ) throws -> CorpusSummary {
        var summary = CorpusSummary()
        var bytesBefore = 0
        for file in input.files {
            let displayPath = file.path == "-" ? "<stdin>" : file.path
            let raw = try FileSource(path: file.path)
            let opened = try Self.open(raw, path: displayPath)
            var fileSummary = CorpusSummary.FileSummary(
                path: displayPath, container: opened.container, gzip: opened.gzip, inputBytes: 0, decodedBytes: 0,
                records: 0, documents: 0, shapes: [:])
            let chunks = ChunkBuffer(source: opened.source)
            let splitter: RecordSplitter
            var lineSplitter: LineSplitter?
            switch opened.container {
            case .jsonl:
                let lines = LineSplitter(
                    source: opened.source, maxRecordBytes: options.maxRecordBytes, stopAtOversize: !options.skipInvalid)
                lineSplitter = lines
                splitter = lines
            case .jsonArray, .jsonStream:
                splitter = JSONValueSplitter(
                    chunks: chunks, path: displayPath, isArray: opened.container == .jsonArray,
                    maxRecordBytes: options.maxRecordBytes, stopAtOversize: !options.skipInvalid)
            case .text: splitter = WholeFileSplitter(chunks: chunks, maxRecordBytes: options.maxRecordBytes)
            }
            let skippedBefore = summary.skippedTotal
            let batchBytes = options.batchBytes
            // A decoded batch's buffers are refilled with the next one: reading a corpus touches
            // the same few MB instead of fresh pages (zero-filled by the kernel) for every batch.
            // Nothing decoded keeps pointers into a batch, so reuse never changes a result.
            var spare = RecordBatch()
            func nextBatch() throws -> RecordBatch {
                var batch = RecordBatch()
                swap(&batch, &spare)
                batch.removeAll()
                try splitter.fill(&batch, targetBytes: batchBytes)
                return batch
            }
            func finish(_ slots: [SliceResult<T>]) throws {
                let results = try merge(slots, summary: &summary, fileSummary: &fileSummary)
                if summary.documents > options.maxDocuments {
                    throw DistillError.tooManyDocuments(path: displayPath, limit: options.maxDocuments)
                }
                for r in results { try consume(r) }
                progress?(
                    ReadProgress(
                        bytesRead: bytesBefore + raw.consumedBytes, totalBytes: input.totalBytes,
                        documents: summary.documents))
            }
            if options.threads == 1 {
                var batch = try nextBatch()
                while !batch.isEmpty {
                    try finish(decode(batch, path: displayPath, container: opened.container, transform: transform))
                    spare = batch
                    batch = RecordBatch()
                    batch = try nextBatch()
                }
            } else {
                // Up to two batches decode on the workers while the next one is read here; results
                // are taken in order, so a record's error always wins over any later one.
                var inFlight: [AsyncResult<([SliceResult<T>], RecordBatch)>] = []
                var readError: Error?
                let container = opened.container
                while true {
                    var batch = RecordBatch()
                    do { batch = try nextBatch() } catch { readError = error }
                    if !batch.isEmpty {
                        let job = AsyncResult<([SliceResult<T>], RecordBatch)>()
                        job.start { [self, batch] in
                            (self.decode(batch, path: displayPath, container: container, transform: transform), batch)
                        }
                        inFlight.append(job)
                    }
                    let done = batch.isEmpty
                    while !inFlight.isEmpty && (done || inFlight.count > 2) {
                        let (slots, used) = inFlight.removeFirst().wait()
                        try finish(slots)
                        spare = used
                    }
                    if let readError { throw readError }
                    if done { break }
                }
            }
            fileSummary.inputBytes = raw.consumedBytes
            fileSummary.decodedBytes = lineSplitter?.streamOffset ?? (chunks.bufferOffset + chunks.end)
            bytesBefore += raw.consumedBytes
            if fileSummary.records == 0 && summary.skippedTotal == skippedBefore {
                let error = DistillError.emptyInput(path: displayPath)
                if !options.skipInvalid { throw error }
                summary.noteSkip(error)
            }
            summary.files.append(fileSummary)
        }
        return summary
    }

    /// Reads every document into memory. For small corpora and tests.
    public func readAll() throws -> (documents: [Document], summary: CorpusSummary) {
        var all: [Document] = []
        let summary = try read(transform: { $0 }, consume: { all.append(contentsOf: $0) })
        return (all, summary)
    }

    // MARK: Opening

    struct Opened {
        var source: ByteSource
        var container: ContainerFormat
        var gzip: Bool
    }

    /// Detects gzip by magic bytes and the container by name and first bytes.
    static func open(_ raw: FileSource, path: String) throws -> Opened {
        var source: ByteSource = raw
        var head = try readPrefix(raw, count: 4096)
        var gzip = false
        if head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B {
            gzip = true
            source = try GzipSource(input: PrefixedSource(prefix: head, rest: raw), path: path)
            head = try readPrefix(source, count: 4096)
        }
        try refuseUnsupported(path: path, head: head)
        // Skip a UTF-8 byte-order mark.
        var skipBOM = 0
        if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF { skipBOM = 3 }
        let firstByte = head.dropFirst(skipBOM).first { !(($0 == 0x20) || ($0 &- 0x09) < 5) }
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        let container: ContainerFormat
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") {
            container = .jsonl
        } else if name.hasSuffix(".txt") {
            container = .text
        } else if firstByte == UInt8(ascii: "[") {
            container = .jsonArray
        } else if firstByte == UInt8(ascii: "{") {
            container = firstLineIsRecord(head.dropFirst(skipBOM)) ? .jsonl : .jsonStream
        } else if name.hasSuffix(".json") {
            container = .jsonStream
        } else {
            container = .text
        }
        let prefix = Array(head.dropFirst(skipBOM))
        return Opened(source: PrefixedSource(prefix: prefix, rest: source), container: container, gzip: gzip)
    }

    static let convertAdvice =
        "convert it to JSONL (one JSON object per line with a text field), e.g. with pandas: "
        + "pd.read_csv(f).to_json(out, orient='records', lines=True)"

    /// Throws for formats the readers would misread as plain text: CSV and TSV by name, Parquet
    /// (`PAR1`), ZIP (xlsx, docx) and other binary containers by their first bytes.
    static func refuseUnsupported(path: String, head: [UInt8]) throws {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") {
            throw DistillError.unsupportedFormat(
                path: path, format: name.hasSuffix(".csv") ? "CSV" : "TSV", advice: convertAdvice)
        }
        let magic: [(bytes: [UInt8], format: String)] = [
            (Array("PAR1".utf8), "Parquet"), ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (xlsx, docx or zip)"),
            (Array("ARROW1".utf8), "Arrow"), ([0x42, 0x5A, 0x68], "bzip2"),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
            ([0x28, 0xB5, 0x2F, 0xFD], "zstd"), (Array("SQLite format 3".utf8), "a SQLite database"),
        ]
        for (bytes, format) in magic where head.starts(with: bytes) {
            throw DistillError.unsupportedFormat(
                path: path, format: format,
                advice: format == "Parquet" || format == "Arrow"
                    ? "convert it to JSONL, e.g. with pandas: pd.read_parquet(f).to_json(out, orient='records', lines=True)"
                    : "give JSONL, JSON or text (plain or gzip-compressed)")
        }
    }

    /// Whether the sniffed bytes start with a whole JSON value on its own line (JSONL), rather than
    /// a value spread over lines (a stream of pretty-printed records). A first line longer than the
    /// sniffed bytes counts as JSONL.
    static func firstLineIsRecord(_ head: ArraySlice<UInt8>) -> Bool {
        guard let newline = head.firstIndex(of: 0x0A) else { return true }
        return head[head.startIndex..<newline].withUnsafeBytes { line in
            (try? JSONRecord(bytes: line).parse()) != nil
        }
    }

    private static func readPrefix(_ source: ByteSource, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBytes {
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        out.removeLast(count - filled)
        return out
    }

}
