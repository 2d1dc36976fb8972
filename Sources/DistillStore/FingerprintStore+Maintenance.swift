import DistillCore
import Foundation
import GRDB

extension FingerprintStore {
    /// Checks the store: SQLite's `integrity_check` and `foreign_key_check`, then the store's own
    /// invariants — every reference has an n-gram set per width with 256 partitions whose keys
    /// decode, are sorted and add up to its distinct count; signatures for every document; document
    /// ids and probes that decode; options that match the store's.
    /// - Returns: the problems found (empty when the store is sound).
    /// - Complexity: reads every blob once.
    public func verify() throws -> [String] {
        try wrap("verify") {
            try writer.read { db in
                var problems: [String] = []
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] { problems += integrity.prefix(10).map { "sqlite: \($0)" } }
                let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if !foreign.isEmpty { problems.append("sqlite: \(foreign.count) rows break foreign keys") }
                if !problems.isEmpty { return problems }
                let optionsJSON = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'options'")
                let options = optionsJSON.flatMap {
                    try? JSONDecoder().decode(ScoringOptions.self, from: Data($0.utf8))
                }
                let refs = try Row.fetchAll(
                    db, sql: "SELECT id, name, optionsHash, documentCount FROM reference ORDER BY name")
                if !refs.isEmpty && options == nil { return ["meta: fingerprint options missing or unreadable"] }
                if try db.tableExists("artifact"),
                    try db.columns(in: "artifact").contains(where: { $0.name == "checksum" })
                {
                    problems += try Self.checksumProblems(db, path: path)
                }
                var seen: Set<String> = []
                for row in refs {
                    let name: String = try row.checked("name", table: "reference", path: path)
                    if !seen.insert(name).inserted {
                        problems.append("two references are named \(quoted(name))")
                    }
                }
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.name, a.kind, a.version FROM artifact a JOIN reference r ON r.id = a.referenceId
                        ORDER BY r.name, a.kind
                        """)
                {
                    let name: String = try row.checked("name", table: "reference", path: path)
                    let kind: String = try row.checked("kind", table: "artifact", path: path)
                    let version: Int64 = try row.checked("version", table: "artifact", path: path)
                    if let known = ArtifactKind.knownVersions[kind], !known.contains(version) {
                        problems.append(
                            "\(name): artifact \(quoted(kind)) has version \(version), which this version does not know "
                                + "(known: \(known.sorted().map(String.init).joined(separator: ", ")))"
                        )
                    }
                }
                for row in refs {
                    let id: Int64 = try row.checked("id", table: "reference", path: path)
                    let name: String = try row.checked("name", table: "reference", path: path)
                    let documents = try row.count("documentCount", table: "reference", path: path)
                    problems += try verifyReference(db, id: id, name: name, documents: documents, options: options!)
                    let hash: String? = try row.checkedIfPresent("optionsHash", table: "reference", path: path)
                    if hash != options!.optionsHash {
                        problems.append("\(name): options hash differs from the store's")
                    }
                }
                return problems
            }
        }
    }

    /// Every blob whose CRC-32 does not match its stored checksum (or that has none).
    static func checksumProblems(_ db: Database, path: String) throws -> [String] {
        var problems: [String] = []
        for (table, label) in [
            ("ngram_chunk", "t.width || '-gram partition ' || t.partition"),
            ("signature_chunk", "'signature chunk ' || t.chunk"),
            ("artifact", "t.kind || ' artifact'"),
        ] {
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.name AS name, \(label) AS label, t.data AS data, t.checksum AS checksum
                    FROM \(table) t JOIN reference r ON r.id = t.referenceId ORDER BY r.name, t.rowid
                    """)
            while let row = try rows.next() {
                let data: Data? = try row.checkedIfPresent("data", table: table, path: path)
                let stored: Int64? = try row.checkedIfPresent("checksum", table: table, path: path)
                guard let data, stored == Int64(Checksum.crc32(data)) else {
                    let name: String = (try? row.checked("name", table: "reference", path: path)) ?? "?"
                    let what: String = (try? row.checked("label", table: table, path: path)) ?? table
                    problems.append(
                        "\(name): \(what) damaged (\(stored == nil ? "no checksum" : "checksum mismatch"))")
                    continue
                }
            }
        }
        return problems
    }

    /// A format-3 reference's word streams: they decode, hold the reference's documents and tokens, and
    /// give exactly the stored probe windows of every width (a probe is one of the documents).
    private func verifyWords(
        _ db: Database, _ data: Data, id: Int64, name: String, documents: Int, sample: ProbeSample?,
        options: ScoringOptions
    ) throws -> [String] {
        let tokens = try Int.fetchOne(db, sql: "SELECT tokenCount FROM reference WHERE id = ?", arguments: [id])
        guard let words = ReferenceWords(decoding: data), words.documentCount == documents,
            words.tokenCount == tokens, let all = words.documents()
        else { return ["\(name): word streams missing or damaged"] }
        guard let sample, sample.windows.count == options.widths.count,
            sample.documents.allSatisfy(all.indices.contains)
        else { return [] }  // reported with the probes
        for (wi, n) in options.widths.enumerated() {
            let made = sample.documents.map { Shingler.hashes(of: all[$0], n: n).map(NGramKeySet.key) }
            if made != sample.windows[wi] { return ["\(name): probe windows differ from the word streams' \(n)-grams"] }
        }
        return []
    }

    private func verifyReference(_ db: Database, id: Int64, name: String, documents: Int, options: ScoringOptions)
        throws -> [String]
    {
        var problems: [String] = []
        let encoding = try Self.keyEncoding(db)
        let probes = try Data.fetchOne(
            db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = ?",
            arguments: [id, ArtifactKind.probes])
        let sample = probes.flatMap(StoreCodec.decodeProbes)
        var hasWords = false
        if let words = try Data.fetchOne(
            db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = ?",
            arguments: [id, ArtifactKind.ngramWords])
        {
            hasWords = true
            problems += try verifyWords(
                db, words, id: id, name: name, documents: documents, sample: sample, options: options)
        }
        for (wi, width) in options.widths.enumerated() where !hasWords {
            // The probes' window keys of this width by partition, sorted: every one must be in the set
            // (a probe is one of the reference's documents; scoring relies on it).
            var probeKeys = [[UInt64]](repeating: [], count: NGramKeySet.partitionCount)
            if let sample, wi < sample.windows.count {
                for k in sample.windows[wi].joined() where k & 0xFFFF == 0 {
                    probeKeys[NGramKeySet.partition(k)].append(k)
                }
            }
            var probesMissing = false
            guard
                let distinct = try Int.fetchOne(
                    db, sql: "SELECT distinctCount FROM ngram_set WHERE referenceId = ? AND width = ?",
                    arguments: [id, width])
            else {
                problems.append("\(name): no \(width)-gram set")
                continue
            }
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT partition, keyCount, data FROM ngram_chunk WHERE referenceId = ? AND width = ? ORDER BY partition",
                arguments: [id, width])
            var total = 0
            for (i, r) in rows.enumerated() {
                let p = try r.count("partition", table: "ngram_chunk", path: path)
                let keys = NGramKeySet.decode(
                    try r.checked("data", table: "ngram_chunk", path: path), partition: p, encoding: encoding)
                let keyCount = try r.count("keyCount", table: "ngram_chunk", path: path)
                if p != i || keys == nil || keys!.count != keyCount {
                    problems.append("\(name): \(width)-gram partition \(p) is damaged")
                } else if let keys, !probesMissing, probeKeys.indices.contains(p) {
                    // Sorted keys (the decoder checked it): a binary search per probe key.
                    probesMissing = probeKeys[p].contains { k in
                        var (lo, hi) = (0, keys.count)
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if keys[mid] < k { lo = mid + 1 } else { hi = mid }
                        }
                        return lo == keys.count || keys[lo] != k
                    }
                }
                total += keys?.count ?? 0
            }
            if rows.count != NGramKeySet.partitionCount {
                problems.append("\(name): \(width)-gram set has \(rows.count) partitions")
            }
            if total != distinct {
                problems.append("\(name): \(width)-gram set holds \(total) keys, expected \(distinct)")
            }
            if probesMissing {
                problems.append("\(name): probe windows missing from the \(width)-gram set")
            }
        }
        let chunks = try Row.fetchAll(
            db, sql: "SELECT documentCount, data FROM signature_chunk WHERE referenceId = ? ORDER BY chunk",
            arguments: [id])
        var signed = 0
        for c in chunks {
            let data: Data = try c.checked("data", table: "signature_chunk", path: path)
            let count = try c.count("documentCount", table: "signature_chunk", path: path)
            if data.count != count * options.permutations * 4 {
                problems.append("\(name): a signature chunk has the wrong size")
            }
            signed += count
        }
        if signed != documents { problems.append("\(name): signatures for \(signed) of \(documents) documents") }
        let ids = try Data.fetchOne(
            db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = ?",
            arguments: [id, ArtifactKind.documentIDs])
        if (ids.flatMap { try? JSONDecoder().decode([String].self, from: $0) })?.count != documents {
            problems.append("\(name): document ids missing or damaged")
        }
        let common = try Data.fetchOne(
            db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = ?",
            arguments: [id, ArtifactKind.commonNGrams])
        if (common.flatMap(StoreCodec.decodeCommon)?.map(\.n)) != options.widths {
            problems.append("\(name): common n-grams missing or damaged")
        }
        if let sample {
            if sample.windows.count != options.widths.count
                || sample.signatures.count != sample.documents.count * options.permutations
                || sample.documents.contains(where: { $0 < 0 || $0 >= documents })
            {
                problems.append("\(name): probe documents inconsistent")
            }
        } else {
            problems.append("\(name): probe documents missing or damaged")
        }
        // Kinds added after the first version of the store: optional, but they must decode.
        func optional(_ kind: String) throws -> Data? {
            try Data.fetchOne(
                db, sql: "SELECT data FROM artifact WHERE referenceId = ? AND kind = ?", arguments: [id, kind])
        }
        if let data = try optional(ArtifactKind.probeDocuments) {
            let texts = try? JSONDecoder().decode([ProbeDocument].self, from: data)
            let sample = probes.flatMap(StoreCodec.decodeProbes)
            if texts == nil || (sample != nil && texts!.count != sample!.documents.count) {
                problems.append("\(name): probe texts damaged or inconsistent with the probes")
            }
        }
        if let data = try optional(ArtifactKind.pairingKeys), PairingKeys(encoded: [UInt8](data))?.count != documents {
            problems.append("\(name): pairing keys damaged")
        }
        if let data = try optional(ArtifactKind.identityStatistics),
            (try? JSONDecoder().decode(ReferenceIdentity.self, from: data)) == nil
        {
            problems.append("\(name): identity statistics damaged")
        }
        if let data = try optional(ArtifactKind.styleProfile),
            (try? JSONDecoder().decode(StyleSummary.self, from: data)) == nil
        {
            problems.append("\(name): style profile damaged")
        }
        if let data = try optional(ArtifactKind.watermarkConfig) {
            let record = try? JSONDecoder().decode(WatermarkConfigRecord.self, from: data)
            if let record, record.deployed != nil {
                // A deployed scheme (kgw) must rebuild from its parameters (any key will do for the check).
                if record.deployedWatermark(key: WatermarkKey(0)) == nil
                    && record.deployedWatermark(synthIDKeys: [0]) == nil
                {
                    problems.append("\(name): watermark configuration (\(record.scheme)) damaged or out of range")
                }
            } else if let parameters = record?.parameters {
                do {
                    try parameters.validate()
                } catch {
                    problems.append(
                        "\(name): watermark configuration out of range (γ = \(parameters.gamma), "
                            + "h = \(parameters.contextWidth); γ must lie in (0, 1) and h in 1...64)")
                }
            } else {
                problems.append("\(name): watermark configuration damaged")
            }
        }
        if let data = try optional(ArtifactKind.referenceMetadata),
            (try? Self.decodeMetadata(data, reference: name, path: path)) == nil
        {
            problems.append("\(name): family and role damaged")
        }
        return problems
    }

    /// Writes the whole store to one portable file (SQLite `VACUUM INTO` a temporary file, then a
    /// rename), so the file is complete or absent. A symlink is written through (its target is
    /// replaced, the link stays); a device or pipe is written to directly, never replaced by a file.
    /// - Throws: ``StoreError`` when the file cannot be written.
    public func export(to destination: String) throws {
        let url = URL(fileURLWithPath: destination).resolvingSymlinksInPath()
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        let toDevice = type != nil && type != .typeRegular
        let directory = toDevice ? FileManager.default.temporaryDirectory : url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try wrap("export") {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [temporary.path])
            }
        }
        do {
            if toDevice {
                guard let handle = FileHandle(forWritingAtPath: url.path) else {
                    throw StoreError.database(
                        path: destination, operation: "export", message: "cannot be opened for writing")
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: try Data(contentsOf: temporary))
            } else {
                // rename(2) replaces the target in one step (the resolved path: a symlink stays a symlink).
                if rename(temporary.path, url.path) != 0 {
                    throw StoreError.database(
                        path: destination, operation: "export", message: String(cString: strerror(errno)))
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(path: destination, operation: "export", message: error.localizedDescription)
        }
    }

    /// Copies every reference of the exported store at `source` into this store, in one transaction.
    /// - Returns: the names imported.
    /// - Throws: ``StoreError`` when the file is not a store, its options differ, or a name exists already.
    @discardableResult
    public func importReferences(from source: String) throws -> [String] {
        let other = try FingerprintStore(path: source, create: false)
        guard let options = try other.scoringOptions() else { return [] }
        let problems = try other.verify()
        if let first = problems.first { throw StoreError.corrupt(path: source, detail: first) }
        let names = try other.referenceNames()
        try wrap("import") {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [source])
                defer { try? db.execute(sql: "DETACH DATABASE src") }
                try db.inTransaction {
                    try self.checkOrRecord(options: options, in: db)
                    for name in names {
                        if try Bool.fetchOne(db, sql: "SELECT 1 FROM main.reference WHERE name = ?", arguments: [name])
                            == true
                        {
                            throw StoreError.duplicateReference(name: name)
                        }
                        let old = try Int64.fetchOne(
                            db, sql: "SELECT id FROM src.reference WHERE name = ?", arguments: [name])!
                        try db.execute(
                            sql: """
                                INSERT INTO main.reference (name, description, source, createdAt, toolVersion, optionsHash,
                                    documentCount, tokenCount)
                                SELECT name, description, source, createdAt, toolVersion, optionsHash, documentCount, tokenCount
                                FROM src.reference WHERE id = ?
                                """, arguments: [old])
                        let new = db.lastInsertedRowID
                        for (table, columns) in [
                            ("ngram_set", "width, distinctCount"),
                            ("ngram_chunk", "width, partition, keyCount, data, checksum"),
                            ("signature_chunk", "chunk, documentCount, data, checksum"),
                            ("artifact", "kind, version, data, checksum"),
                        ] {
                            try db.execute(
                                sql:
                                    "INSERT INTO main.\(table) (referenceId, \(columns)) SELECT ?, \(columns) FROM src.\(table) WHERE referenceId = ?",
                                arguments: [new, old])
                        }
                    }
                    // References with word streams make the store format 3 (as `add` does).
                    try db.execute(
                        sql: """
                            UPDATE main.meta SET value = ? WHERE key = 'formatVersion' AND CAST(value AS INTEGER) < ?
                                AND EXISTS (SELECT 1 FROM main.artifact WHERE kind = ?)
                            """, arguments: [String(Self.formatVersion), Self.formatVersion, ArtifactKind.ngramWords])
                    return .commit
                }
            }
        }
        return names
    }
}
