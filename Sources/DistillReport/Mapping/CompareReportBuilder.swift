import DistillCore

/// Assembles the ``ForensicReport`` of `compare` from the engine's results: the overlap section with
/// context around each evidence span, and the inputs with their content hashes.
public enum CompareReportBuilder {
    /// One corpus of the comparison.
    public struct Corpus {
        public var role: String
        public var path: String
        public var fingerprinted: FingerprintedCorpus

        public init(role: String, path: String, fingerprinted: FingerprintedCorpus) {
            self.role = role
            self.path = path
            self.fingerprinted = fingerprinted
        }
    }

    /// - Parameters:
    ///   - overlap: the engine's comparison of `suspect` with `teacher`.
    ///   - teacher: the reference corpus.
    ///   - suspect: the suspect corpus.
    ///   - background: the background corpus, when one was given.
    ///   - options: the options that change numbers, by command-line name.
    ///   - tool: the program and its version.
    ///   - commandLine: the arguments as typed.
    ///   - timings: wall-clock time per phase.
    /// - Returns: the report (no verdicts: `compare` computes no calibrated verdict).
    /// - Throws: `DistillError.unreadable` when an input file cannot be read again for hashing.
    /// - Complexity: O(input bytes) for the hashes, O(documents) for the evidence context.
    public static func report(
        overlap: OverlapReport, teacher: Corpus, suspect: Corpus, background: Corpus?, options: [String: String],
        tool: ForensicReport.Tool, commandLine: [String], timings: [ForensicReport.Timing]
    ) throws -> ForensicReport {
        var inputs: [ForensicReport.Input] = []
        for corpus in [teacher, suspect] + (background.map { [$0] } ?? []) {
            inputs.append(
                try ReportInputHasher.input(role: corpus.role, path: corpus.path, summary: corpus.fingerprinted.summary)
            )
        }
        let section = OverlapSectionMapper.section(
            from: overlap, suspect: suspect.fingerprinted.documents, reference: teacher.fingerprinted.documents,
            referenceName: teacher.role)
        return ForensicReport(
            command: "compare", tool: tool, commandLine: commandLine, inputs: inputs, options: options,
            timings: timings, overlap: section)
    }
}
