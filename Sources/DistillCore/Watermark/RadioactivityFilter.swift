/// The tuple filters of the radioactivity test (Sander et al. 2024), shared by every scheme: the
/// prompt filter (per document or corpus-wide), the teacher filter and the corpus-wide deduplication.
///
/// Contexts are identified by the shingle hash of their `contextWidth` ids
/// (``WatermarkTuple/contextHash(_:before:contextWidth:)``); scored tuples by what determines their
/// score (``WatermarkTuple``), so two tuples that must score alike are counted once.
struct RadioactivityFilter: Sendable {
    /// The options.
    var options: RadioactivityTest.Options
    /// Ids before a scored token that form its context.
    let contextWidth: Int
    /// Contexts excluded for every document (``RadioactivityTest/PromptFilter/corpus``, or given explicitly).
    private var promptContexts = Set<UInt64>()
    private var teacherContexts = Set<UInt64>()
    private var seen = Set<WatermarkTuple>()
    private(set) var skippedDuplicate = 0
    private(set) var skippedPrompt = 0
    private(set) var skippedTeacher = 0

    init(options: RadioactivityTest.Options, contextWidth: Int) {
        self.options = options
        self.contextWidth = contextWidth
    }

    /// Excludes every context of `ids` from all documents.
    mutating func excludeContexts(ofPrompt ids: [UInt64]) {
        guard options.skipPromptContexts else { return }
        Self.forEachContext(ids, contextWidth: contextWidth) { promptContexts.insert($0) }
    }

    /// Keeps only contexts seen in teacher texts from now on.
    mutating func keepOnlyContexts(ofTeacher ids: [UInt64]) {
        options.teacherFilter = true
        Self.forEachContext(ids, contextWidth: contextWidth) { teacherContexts.insert($0) }
    }

    /// The contexts of one document's prompt that its own tuples are checked against (empty unless
    /// prompt contexts are skipped per document).
    func documentPromptContexts(_ promptIDs: [UInt64]) -> Set<UInt64> {
        guard options.skipPromptContexts, options.promptFilter == .document, !promptIDs.isEmpty else { return [] }
        var set = Set<UInt64>()
        Self.forEachContext(promptIDs, contextWidth: contextWidth) { set.insert($0) }
        return set
    }

    /// Whether the token at `i` passes the prompt and teacher filters (counting it when it does not).
    /// - Precondition: `i ≥ contextWidth`.
    @inline(__always)
    mutating func passesContextFilters(
        _ buffer: UnsafeBufferPointer<UInt64>, at i: Int, documentPrompt: Set<UInt64>
    ) -> Bool {
        let checksPrompt = options.skipPromptContexts && (!promptContexts.isEmpty || !documentPrompt.isEmpty)
        guard checksPrompt || options.teacherFilter else { return true }
        let context = WatermarkTuple.contextHash(buffer, before: i, contextWidth: contextWidth)
        if checksPrompt && (documentPrompt.contains(context) || promptContexts.contains(context)) {
            skippedPrompt += 1
            return false
        }
        if options.teacherFilter && !teacherContexts.contains(context) {
            skippedTeacher += 1
            return false
        }
        return true
    }

    /// Whether `tuple` is scored: always without deduplication, else only the first time in the corpus.
    @inline(__always)
    mutating func isFresh(_ tuple: WatermarkTuple) -> Bool {
        guard options.deduplicate else { return true }
        if seen.insert(tuple).inserted { return true }
        skippedDuplicate += 1
        return false
    }

    static func forEachContext(_ ids: [UInt64], contextWidth h: Int, _ body: (UInt64) -> Void) {
        ids.withUnsafeBufferPointer { buffer in
            guard buffer.count >= h else { return }
            for end in h...buffer.count {
                body(WatermarkTuple.contextHash(buffer, before: end, contextWidth: h))
            }
        }
    }
}
