import Foundation

/// The n-gram containment signals (`ngram-8`, `ngram-13`, …): for each suspect document and each
/// reference R, the share of its word n-gram windows found in R and in no other reference.
///
/// Boilerplate discount: a window whose n-gram occurs in R *and* in another reference of the store,
/// or in at least ``ScoringOptions/boilerplateMinDocuments`` documents of any one reference or of
/// the suspect itself, or among the configured ignored phrases, is common phrasing, not evidence; it
/// leaves both the numerator and the denominator. A document's statistic is evidence windows / (windows −
/// boilerplate windows). The null: each other reference Q's probe documents scored the same way
/// against R, leaving Q itself out of the boilerplate rule (their n-grams are all in Q), so a probe
/// window is evidence when its n-gram is in R and in no reference other than R and Q.
///
/// Exact n-gram containment as evidence of training-data reuse follows Broder 1997 ("On the
/// resemblance and containment of documents") and the n-gram overlap tests of contamination studies.
public struct NGramContainmentScorer: SignalScorer {
    /// Phrases never counted as evidence, as sorted n-gram keys per width (same order as the
    /// store's widths).
    public var ignoredKeys: [[UInt64]]
    public var verdictOptions: VerdictOptions

    /// A scorer that never counts `ignoredKeys` (see ``ignoredKeys(phrases:widths:)``) as evidence.
    /// - Complexity: O(1).
    public init(ignoredKeys: [[UInt64]] = [], verdictOptions: VerdictOptions = VerdictOptions()) {
        self.ignoredKeys = ignoredKeys
        self.verdictOptions = verdictOptions
    }

    /// The ignored phrases' n-gram keys for each width (phrases shorter than a width give none).
    /// - Complexity: O(*L*) to tokenise *L* bytes of phrases, then per width *n* O(*t* × *n*) hashing of
    ///   their *t* tokens and sorting the keys.
    public static func ignoredKeys(phrases: [String], widths: [Int]) -> [[UInt64]] {
        var pipeline = TextPipeline(options: .standard)
        let ids = phrases.map { pipeline.wordIDs(of: $0) }
        return widths.map { n in
            var keys = ids.flatMap { Shingler.hashes(of: $0, n: n).map(NGramKeySet.key) }
            keys.sort()
            var out: [UInt64] = []
            for k in keys where out.last != k { out.append(k) }
            return out
        }
    }

    /// One n-gram signal per width of the store.
    /// - Complexity: O(*w*) for *w* widths.
    public func signals(options: ScoringOptions) -> [Signal] { options.widths.map(Signal.ngram) }

    /// The n-gram containment observation of each width and reference.
    /// - Complexity: per width *n*: O(*S* × *n*) to hash the suspect's *S* tokens, O(*W* log(*W*/256)) to
    ///   index the *W* query windows (suspect and probes), then for each reference a merge join of the
    ///   distinct query keys with its stored and common keys (`QueryWindowTable`) and an O(*W*) pass
    ///   over the windows; documents in parallel.
    public func observe(suspect: SuspectCorpus, references source: any ReferenceSource, threads: Int) throws
        -> [SignalObservation]
    {
        let refs = source.references
        var out: [SignalObservation] = []
        // Per reference that keeps word streams: where its windows of the smallest width so far were
        // found (a larger width hashes only the windows whose smaller windows were).
        var wordHits = [QueryWindowTable.WindowHits?](repeating: nil, count: refs.count)
        // The suspect's windows of the last width found in some reference, when every reference kept
        // word streams: a larger width's table holds only the windows they allow (``SuspectCandidates``).
        var candidates: SuspectCandidates? = nil
        for (wi, n) in source.options.widths.enumerated() {
            // Query documents: the suspect's (hashed whenever the table asks: twice to file them, once
            // for their hits), then each reference's probes (read from the store).
            StageTrace.mark("ngram-\(n): start")
            var probeWindows: [[UInt64]] = []
            var probeOwner: [Int] = []
            // Read again for each width, so that only this width's probe windows are held.
            for r in refs.indices {
                let sample = try source.probes(reference: r)
                guard wi < sample.windows.count else { continue }
                probeWindows.append(contentsOf: sample.windows[wi])
                probeOwner.append(contentsOf: repeatElement(r, count: sample.windows[wi].count))
            }
            let wordIDs = suspect.corpus.wordIDs
            let suspectCount = suspect.count
            let narrowing = candidates.flatMap { $0.n < n ? $0 : nil }
            let table = QueryWindowTable(
                documentCount: suspectCount + probeWindows.count, threads: threads
            ) { [probeWindows] d in
                guard d < suspectCount else { return probeWindows[d - suspectCount] }
                if let narrowing { return narrowing.windows(document: d, ids: wordIDs[d], width: n) }
                // Keys made in place: one array a call (the table asks for each document three times).
                var keys = Shingler.hashes(of: wordIDs[d], n: n)
                for i in keys.indices { keys[i] = NGramKeySet.key(keys[i]) }
                return keys
            }
            probeWindows = []
            StageTrace.mark("ngram-\(n): table of \(table.idCapacity) ids")
            // Each reference's ids, and each family's (sparse sets: often a few thousand ids).
            var member: [IDSet] = []
            // Per key: bit 0: common in some reference's own documents, or ignored; bit 1: common in the
            // suspect's; bits 2…7: the number of families that hold it (at most 63 counted).
            var flags = [UInt8](repeating: 0, count: table.idCapacity)
            // An n-gram counts once per family: shared with a sibling is not boilerplate, shared with an
            // independent model is.
            // References that keep word streams: a filter of the table's keys, made when first needed.
            var filter: QueryWindowTable.KeyFilter? = nil
            let families = Array(Set(refs.map(\.family))).sorted()
            var familyIDs = [IDSet?](repeating: nil, count: families.count)
            // The windows found in any reference: the only ones the per-reference counts must look at.
            var any = [UInt64](repeating: 0, count: table.idCapacity / 64)
            var allWords = true
            for r in refs.indices {
                let bits: [UInt64]
                if let words = try source.ngramWords(reference: r) {
                    bits = try membership(
                        of: words, n: n, table: table, filter: &filter, hits: &wordHits[r], threads: threads)
                } else {
                    allWords = false
                    bits = try table.membership(
                        in: try source.ngramKeyPartitions(reference: r, widthIndex: wi), threads: threads)
                }
                let f = families.firstIndex(of: refs[r].family)!
                let ids = IDSet(bits: bits)
                if var union = familyIDs[f]?.bits {
                    ids.add(to: &union)
                    familyIDs[f] = IDSet(bits: union)
                } else {
                    familyIDs[f] = ids
                }
                ids.add(to: &any)
                member.append(ids)
                let frequent = table.membership(
                    in: try source.commonPartitions(reference: r, widthIndex: wi), threads: threads)
                Self.mark(frequent, bit: 1, in: &flags)
                // The pass's buffers and the dense sets just made sparse go back before the next pass.
                MemoryRelease.releaseFreePages()
            }
            for case let ids? in familyIDs { Self.addCounts(ids, to: &flags) }
            familyIDs = []
            StageTrace.mark("ngram-\(n): membership")
            // A probe's windows are all in its own reference (it is one of that reference's documents;
            // `index verify` checks it), so only the keys two or more families hold can count for it
            // against another family.
            var shared = any
            for w in shared.indices where shared[w] != 0 {
                var x = shared[w]
                while x != 0 {
                    let b = x.trailingZeroBitCount
                    if flags[w * 64 + b] < 8 { shared[w] &= ~(1 << UInt64(b)) }
                    x &= x - 1
                }
            }
            if InternalChecks.enabled {
                for d in suspectCount..<table.documentCount {
                    for k in table.windows(d) where k & 0xFFFF == 0 {
                        InternalChecks.require(
                            table.id(of: k).map {
                                QueryWindowTable.isSet(member[probeOwner[d - suspectCount]].bits, $0)
                            }
                                == true, "a probe window missing from its own reference")
                    }
                }
            }
            let hits = table.hits(in: any, threads: threads, narrowFrom: suspectCount, narrow: shared)
            shared = []
            StageTrace.mark("ngram-\(n): hits \(hits.ids.count)")
            Self.markSuspectCommon(
                hits: hits, in: any, suspectDocuments: suspect.count,
                minDocuments: source.options.boilerplateMinDocuments, flags: &flags)
            any = []
            if wi < ignoredKeys.count && !ignoredKeys[wi].isEmpty {
                var parts = [[UInt64]](repeating: [], count: NGramKeySet.partitionCount)
                for k in ignoredKeys[wi] { parts[NGramKeySet.partition(k)].append(k) }
                Self.mark(table.membership(in: parts, threads: threads), bit: 1, in: &flags)
            }
            // Kept for a larger width (while `hits` is still here); the last width's, if any, goes.
            candidates = allWords ? SuspectCandidates(n: n, table: table, hits: hits, suspectCount: suspectCount) : nil
            for r in refs.indices {
                out.append(
                    observation(
                        n: n, reference: r, table: table, hits: hits, member: member[r].bits, flags: flags,
                        probeOwner: probeOwner, sameFamily: refs.indices.map { refs[$0].family == refs[r].family },
                        suspect: suspect, threads: threads))
            }
        }
        return out
    }

    /// The membership of a reference that keeps word streams; keeps its hits when this width is the
    /// smallest so far.
    func membership(
        of words: ReferenceWords, n: Int, table: QueryWindowTable, filter: inout QueryWindowTable.KeyFilter?,
        hits: inout QueryWindowTable.WindowHits?, threads: Int
    ) throws -> [UInt64] {
        let within = hits.flatMap { $0.n <= n ? $0 : nil }
        if within == nil && filter == nil { filter = QueryWindowTable.KeyFilter(table: table) }
        let found = try table.membership(in: words, n: n, filter: filter, within: within, threads: threads)
        if within == nil { hits = found.hits }
        return found.member
    }

    /// Adds 1 to the family count (bits 2…7, saturating at 63) of every id of `ids`.
    static func addCounts(_ ids: IDSet, to flags: inout [UInt8]) {
        ids.visit { id in if flags[id] < 0xFC { flags[id] += 4 } }
    }

    static func mark(_ bits: [UInt64], bit: UInt8, in flags: inout [UInt8]) {
        for (w, word) in bits.enumerated() where word != 0 {
            var x = word
            while x != 0 {
                flags[w * 64 + x.trailingZeroBitCount] |= bit
                x &= x - 1
            }
        }
    }

    /// Flags (bit 1 of value 2) the keys found in at least `minDocuments` of the suspect's documents,
    /// among the keys set in `any` (the keys of some reference: only their windows are ever counted,
    /// so only their flag is ever read).
    /// - Complexity: O(suspect hits + ids / 64), one word per distinct key in `any` (its rank among the
    ///   set bits), not one per query key.
    static func markSuspectCommon(
        hits: QueryWindowTable.Hits, in any: [UInt64], suspectDocuments: Int, minDocuments: Int,
        flags: inout [UInt8]
    ) {
        guard minDocuments > 0 else { return }
        var rankBase = [Int](repeating: 0, count: any.count + 1)
        for w in any.indices { rankBase[w + 1] = rankBase[w] + any[w].nonzeroBitCount }
        // Per key: (last document + 1) << 32 | documents so far.
        var seen = [UInt64](repeating: 0, count: rankBase[any.count])
        let threshold = UInt64(minDocuments)
        for d in 0..<suspectDocuments {
            let mark = UInt64(d + 1) << 32
            for h in hits.start[d]..<hits.start[d + 1] {
                let id = Int(hits.ids[h])
                let rank = rankBase[id >> 6] + (any[id >> 6] & ((1 << UInt64(id & 63)) - 1)).nonzeroBitCount
                let entry = seen[rank]
                guard entry & ~0xFFFF_FFFF != mark else { continue }
                let count = (entry & 0xFFFF_FFFF) + 1
                seen[rank] = mark | count
                if count == threshold { flags[id] |= 2 }
            }
        }
    }

    /// Per-document counts of one query document against one reference: windows, evidence windows,
    /// boilerplate windows; `own` is the number of references the document itself belongs to (0 for
    /// the suspect, 1 for a probe). Only the document's `hits` (windows found in some reference) can
    /// count as either.
    static func counts(
        document d: Int, table: QueryWindowTable, hits: QueryWindowTable.Hits,
        member: UnsafeBufferPointer<UInt64>, flags: UnsafeBufferPointer<UInt8>, own: Int
    ) -> (windows: Int, evidence: Int, boilerplate: Int) {
        // A probe is not judged by the suspect's own boilerplate (bit 2), only a suspect document is.
        let mask: UInt8 = own == 0 ? 3 : 1
        var evidence = 0
        var boilerplate = 0
        for h in hits.start[d]..<hits.start[d + 1] {
            let id = Int(hits.ids[h])
            guard QueryWindowTable.isSet(member, id) else { continue }
            if Int(flags[id] >> 2) == 1 + own && flags[id] & mask == 0 { evidence += 1 } else { boilerplate += 1 }
        }
        return (table.documentStart[d + 1] - table.documentStart[d], evidence, boilerplate)
    }

    static func containment(_ c: (windows: Int, evidence: Int, boilerplate: Int)) -> Double {
        let denominator = c.windows - c.boilerplate
        return denominator <= 0 ? 0 : Double(c.evidence) / Double(denominator)
    }

    func observation(
        n: Int, reference r: Int, table: QueryWindowTable, hits: QueryWindowTable.Hits, member: [UInt64],
        flags: [UInt8],
        probeOwner: [Int], sameFamily: [Bool],
        suspect: SuspectCorpus, threads: Int
    ) -> SignalObservation {
        let suspectCount = suspect.count
        let docs = table.documentCount
        let perDocument: [(windows: Int, evidence: Int, boilerplate: Int)] = member.withUnsafeBufferPointer { m in
            flags.withUnsafeBufferPointer { f in
                nonisolated(unsafe) let (m, f) = (m, f)
                let slices = max(1, min(docs, threads * 8))
                return Parallel.map(count: slices, threads: threads) { s in
                    ((docs * s / slices)..<(docs * (s + 1) / slices)).map { d in
                        let owner = d < suspectCount ? -1 : probeOwner[d - suspectCount]
                        if owner >= 0 && sameFamily[owner] { return (0, 0, 0) }
                        return Self.counts(
                            document: d, table: table, hits: hits, member: m, flags: f, own: owner < 0 ? 0 : 1)
                    }
                }.flatMap { $0 }
            }
        }
        let values = perDocument.map(Self.containment)
        var groups: [Int: [Double]] = [:]
        for d in suspectCount..<docs where !sameFamily[probeOwner[d - suspectCount]] {
            groups[probeOwner[d - suspectCount], default: []].append(values[d])
        }
        let suspectValues = Array(values[0..<suspectCount])
        let evidence = member.withUnsafeBufferPointer { m in
            flags.withUnsafeBufferPointer { f in
                self.evidence(n: n, perDocument: perDocument, hits: hits, member: m, flags: f, suspect: suspect)
            }
        }
        var totals = (windows: 0, evidence: 0, boilerplate: 0)
        for c in perDocument.prefix(suspectCount) {
            totals.windows += c.windows
            totals.evidence += c.evidence
            totals.boilerplate += c.boilerplate
        }
        return SignalObservation(
            signal: .ngram(n), reference: r, suspect: suspectValues,
            null: groups.keys.sorted().map { SignalObservation.NullGroup(reference: $0, values: groups[$0]!) },
            floor: Double.leastNonzeroMagnitude,
            method:
                "share of a document's word \(n)-grams found in this reference and in no other reference; "
                + "n-grams shared with another reference, frequent in one corpus, or ignored are boilerplate "
                + "and left out",
            evidence: evidence,
            measures: [
                "corpusContainment": Self.containment(totals), "evidenceWindows": Double(totals.evidence),
                "boilerplateWindows": Double(totals.boilerplate), "windows": Double(totals.windows),
            ])
    }

    /// The longest run of evidence windows in each of the suspect documents with the most evidence.
    func evidence(
        n: Int, perDocument: [(windows: Int, evidence: Int, boilerplate: Int)], hits: QueryWindowTable.Hits,
        member: UnsafeBufferPointer<UInt64>, flags: UnsafeBufferPointer<UInt8>, suspect: SuspectCorpus
    ) -> [EvidenceItem] {
        let ranked = (0..<suspect.count).filter { perDocument[$0].evidence > 0 }.sorted {
            perDocument[$0].evidence != perDocument[$1].evidence
                ? perDocument[$0].evidence > perDocument[$1].evidence : $0 < $1
        }
        let excerpts = ExcerptMaker(normalization: .standard, maxBytes: verdictOptions.maxExcerptBytes)
        return ranked.prefix(verdictOptions.maxEvidence).map { d in
            // Evidence windows are hits (found in this reference): runs of consecutive positions.
            var best = (start: 0, length: 0)
            var run = (start: 0, length: 0)
            for h in hits.start[d]..<hits.start[d + 1] {
                let id = Int(hits.ids[h])
                guard QueryWindowTable.isSet(member, id) && flags[id] == 1 << 2 else { continue }
                let w = Int(hits.positions[h])
                if run.length > 0 && w == run.start + run.length {
                    run.length += 1
                } else {
                    if run.length > best.length { best = run }
                    run = (w, 1)
                }
            }
            if run.length > best.length { best = run }
            let document = suspect.corpus.documents[d]
            let tokens = best.start..<(best.start + best.length + n - 1)
            return EvidenceItem(
                suspectID: document.id, location: document.location, tokenStart: tokens.lowerBound,
                tokenEnd: tokens.upperBound, strength: Double(best.length),
                excerpt: excerpts.excerpt(document.text, tokens: tokens))
        }
    }
}
