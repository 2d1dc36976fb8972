import DistillCore
import DistillStore

/// The CLI's rendering of library errors: the library names an option by its property
/// (``DistillError/textFieldOption``, `WatermarkParameters.gamma`), the CLI by its flag.
extension DistillError {
    /// Library option names and the flags that set them in every command, in the order they are replaced.
    static let commandLineFlags: [(option: String, flag: String)] = [
        (DistillError.textFieldOption, "--text-field"),
        (DistillError.maxRecordBytesOption, "--max-record-bytes"),
        (DistillError.maxDocumentsOption, "--max-documents"),
        ("WatermarkParameters.gamma", "--gamma"),
        ("WatermarkParameters.contextWidth", "--context"),
        ("WatermarkParameters.scheme", "--scheme"),
        ("WatermarkCorpus.tokenIDs", "--token-ids"),
        ("KGWScheme.vocabularySize", "--vocab-size"),
    ]

    /// The error's text with library option names replaced by the flags that set them.
    var commandLineDescription: String { Self.replacingOptionNames(in: description) }

    /// `text` with every library option name of ``commandLineFlags`` replaced by its flag.
    static func replacingOptionNames(in text: String) -> String {
        var out = text
        for (option, flag) in commandLineFlags where out.contains(option) {
            out = out.replacingOccurrences(of: option, with: flag)
        }
        return out
    }

    /// The same error with an ``invalidOption(name:reason:)`` for one of `flags`' library names
    /// renamed to the flag a command spells it with (`--watermark-gamma` where `watermark detect` says `--gamma`).
    func renamingOptions(_ flags: [String: String]) -> DistillError {
        guard case .invalidOption(let name, let reason) = self, let flag = flags[name] else { return self }
        return .invalidOption(name: flag, reason: reason)
    }
}

extension StoreError {
    /// The error's text with the CLI's hint of what to run where the library names a property.
    var commandLineDescription: String {
        guard case .nothingTestable = self else { return description }
        return description.replacingOccurrences(
            of:
                "add independent models (references of another ReferenceMetadata.family) or change the references' families",
            with:
                "add independent models with `distillscope index add --family NAME` or change families with `index set`"
        )
    }
}
