import DistillCore
import DistillReport

extension Remedy {
    /// How to do it with this tool: the command or flag that lets the signal be tested.
    var commandLine: String {
        switch self {
        case .declareIdentity: "index add --identity"
        case .addIndependentModels: "index add --family, or --role baseline"
        case .giveWatermarkKey: "--watermark-key"
        case .giveSynthIDKeys: "--watermark-keys-file"
        case .giveWatermarkTokenizer: "--watermark-tokenizer"
        case .configureWatermark: "index add --watermark-key"
        }
    }

    /// `reason` followed by the command that helps, for text written to people (terminal, SARIF, JUnit);
    /// the JSON keeps the reason and the typed remedy apart.
    static func hinted(_ reason: String, _ remedy: Remedy?) -> String {
        remedy.map { "\(reason) [\($0.commandLine)]" } ?? reason
    }
}

extension ScanReport {
    /// The report with every not-tested reason followed by its command-line remedy.
    var withCommandLineRemedies: ScanReport {
        var copy = self
        copy.notTested = notTested.map {
            var n = $0
            n.reason = Remedy.hinted(n.reason, n.remedy)
            return n
        }
        return copy
    }
}
