import DistillCore
import DistillReport

extension WatermarkArguments {
    /// The radioactivity test of the scheme these arguments name (a deployed scheme, or the tool's own
    /// with its key), as its report.
    func radioactivityReport(
        suspect paths: [String], teacher: [String], options: RadioactivityTest.Options, corpus: CorpusOptions,
        tokenization: WatermarkTokenization, progress: @escaping (ReadProgress) -> Void
    ) throws -> WatermarkRadioactivityReport {
        if let deployed = try deployedWatermark() {
            let outcome = try deployed.radioactivity(
                suspect: paths, teacher: teacher, options: options, alpha: alpha, corpus: corpus,
                tokenization: tokenization, progress: progress)
            return WatermarkRadioactivityReport(
                outcome, paths: paths, teacherPaths: teacher, parameters: deployed.reportParameters,
                keyFingerprint: deployed.keyFingerprint, tokenization: tokenizationName, deployed: deployed.parameters)
        }
        let key = try resolveKey()
        try parameters.validate()
        let outcome = try RadioactivityTest.run(
            suspect: paths, teacher: teacher, key: key, parameters: parameters, options: options, alpha: alpha,
            corpus: corpus, tokenization: tokenization, progress: progress)
        return WatermarkRadioactivityReport(
            outcome, paths: paths, teacherPaths: teacher, parameters: parameters, keyFingerprint: key.fingerprint,
            tokenization: tokenizationName)
    }
}
