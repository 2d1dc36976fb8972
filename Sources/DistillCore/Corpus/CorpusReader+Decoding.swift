import Foundation

/// Decoding batches of raw records on the workers, and folding the results back in input order.
extension CorpusReader {

    struct SliceResult<T: Sendable>: Sendable {
        var results: [T] = []
        var documents = 0
        var records = 0
        var blank = 0
        var withoutDocuments = 0
        var repaired = 0
        var shapes: [RecordShape: Int] = [:]
        /// Errors in record order: with `skipInvalid` all of them, otherwise the first.
        var errors: [DistillError] = []
    }

    /// Decodes and transforms one batch on the workers; pure, so it may run off the calling thread.
    func decode<T: Sendable>(
        _ batch: RecordBatch, path: String, container: ContainerFormat, transform: Transform<T>
    ) -> [SliceResult<T>] {
        let records = batch.records
        let sliceCount = options.threads == 1 ? 1 : min(records.count, options.threads * 4)
        let decoder = RecordDecoder(fields: options.fields)
        let skipInvalid = options.skipInvalid
        let maxRecordBytes = options.maxRecordBytes
        return batch.storage.withUnsafeBytes { rawStorage in
            nonisolated(unsafe) let storage = rawStorage
            return Parallel.map(count: sliceCount, threads: options.threads) { s in
                let lo = records.count * s / sliceCount
                let hi = records.count * (s + 1) / sliceCount
                var r = SliceResult<T>()
                var docs: [Document] = []
                var apply: ((TextView) -> T)?
                if case .views(let make) = transform { apply = make() }
                var scratch: [UInt8] = []
                var viewCount = 0
                for k in lo..<hi {
                    let rec = records[k]
                    let location = InputLocation(
                        path: path, line: container == .text ? nil : rec.line,
                        byteOffset: container == .text ? 0 : nil)
                    if rec.oversizeBytes > 0 {
                        r.errors.append(.recordTooLarge(location, bytes: rec.oversizeBytes, limit: maxRecordBytes))
                        if !skipInvalid { break }
                        continue
                    }
                    let bytes = UnsafeRawBufferPointer(rebasing: storage[rec.start..<(rec.start + rec.count)])
                    do throws(DistillError) {
                        if container == .text {
                            guard let doc = try Self.textDocument(bytes, path: path) else {
                                throw DistillError.emptyInput(path: path)
                            }
                            if let apply {
                                r.results.append(Self.applyView(apply, to: doc))
                                viewCount += 1
                            } else {
                                docs.append(doc)
                            }
                            r.shapes[.plainText, default: 0] += 1
                            r.records += 1
                            continue
                        }
                        if Self.isBlank(bytes) {
                            r.blank += 1
                            continue
                        }
                        if let apply, let fast = decoder.decodeFast(bytes, at: location) {
                            r.records += 1
                            r.shapes[fast.shape, default: 0] += 1
                            var repaired = fast.repairedSurrogates
                            let id = fast.id ?? location.description
                            let ref = fast.text
                            let view = { (text: UnsafeBufferPointer<UInt8>) in
                                TextView(
                                    id: id, hasExplicitID: fast.id != nil, prompt: fast.prompt, model: fast.model,
                                    text: text, location: location)
                            }
                            if ref.hasEscapes {
                                scratch = JSONRecord(bytes: bytes).decodeBytes(ref, repaired: &repaired)
                                scratch.withUnsafeBufferPointer { r.results.append(apply(view($0))) }
                            } else {
                                let text = UnsafeRawBufferPointer(rebasing: bytes[ref.start..<ref.end])
                                r.results.append(apply(view(text.assumingMemoryBound(to: UInt8.self))))
                            }
                            r.repaired += repaired
                            viewCount += 1
                            continue
                        }
                        let decoded = try decoder.decode(bytes, at: location)
                        r.records += 1
                        r.shapes[decoded.shape, default: 0] += 1
                        r.repaired += decoded.repairedSurrogates
                        if decoded.documents.isEmpty { r.withoutDocuments += 1 }
                        if let apply {
                            for doc in decoded.documents {
                                r.results.append(Self.applyView(apply, to: doc))
                                viewCount += 1
                            }
                        } else {
                            docs.append(contentsOf: decoded.documents)
                        }
                    } catch {
                        r.errors.append(error)
                        if !skipInvalid { break }
                    }
                }
                r.documents = docs.count + viewCount
                if case .documents(let f) = transform, !docs.isEmpty { r.results = f(docs) }
                return r
            }
        }
    }

    static func applyView<T>(_ apply: (TextView) -> T, to doc: Document) -> T {
        var text = doc.text
        return text.withUTF8 { bytes in
            apply(
                TextView(
                    id: doc.id, hasExplicitID: doc.hasExplicitID, prompt: doc.prompt, model: doc.model, text: bytes,
                    location: doc.location))
        }
    }

    /// Folds decoded slices into the summary, in order; throws the first error unless skipping.
    func merge<T: Sendable>(
        _ slots: [SliceResult<T>], summary: inout CorpusSummary, fileSummary: inout CorpusSummary.FileSummary
    ) throws -> [[T]] {
        let sliceCount = slots.count
        let skipInvalid = options.skipInvalid
        var results: [[T]] = []
        results.reserveCapacity(sliceCount)
        for slot in slots {
            if let first = slot.errors.first, !skipInvalid { throw first }
            for e in slot.errors { summary.noteSkip(e) }
            summary.records += slot.records
            summary.documents += slot.documents
            summary.blankLines += slot.blank
            summary.recordsWithoutDocuments += slot.withoutDocuments
            summary.repairedSurrogates += slot.repaired
            fileSummary.records += slot.records
            fileSummary.documents += slot.documents
            for (shape, n) in slot.shapes { fileSummary.shapes[shape.rawValue, default: 0] += n }
            results.append(slot.results)
        }
        return results
    }

    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where !(b == 0x20 || (b &- 0x09) < 5) { return false }
        return true
    }

    /// A plain-text file as a document; nil when it holds only white space.
    static func textDocument(_ bytes: UnsafeRawBufferPointer, path: String) throws(DistillError) -> Document? {
        if let bad = UTF8Validation.firstInvalidOffset(bytes) {
            throw DistillError.invalidUTF8(InputLocation(path: path, byteOffset: bad))
        }
        if isBlank(bytes) { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return Document(id: path, hasExplicitID: false, text: text, location: InputLocation(path: path))
    }
}
