import Foundation

/// Where in an input something happened: a file (or `<stdin>`), and a line or byte offset when known.
public struct InputLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The path as the user gave it, or `<stdin>`.
    public var path: String
    /// 1-based line number, when the input is line oriented.
    public var line: Int?
    /// 0-based byte offset into the (decompressed) stream, when no line applies.
    public var byteOffset: Int?

    public init(path: String, line: Int? = nil, byteOffset: Int? = nil) {
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
    }

    public var description: String {
        if let line { return "\(path):\(line)" }
        if let byteOffset { return "\(path) (byte \(byteOffset))" }
        return path
    }
}

/// The one error type of `DistillCore`. Every case names the input and, where it applies, the line.
///
/// Messages never echo whole documents: at most a short, sanitised excerpt (see ``DistillError/excerpt(_:)``).
public enum DistillError: Error, Sendable, Equatable {
    /// A path given by the user does not exist.
    case missingPath(String)
    /// A path exists but could not be opened or read.
    case unreadable(path: String, reason: String)
    /// A directory that holds no readable corpus file.
    case noDocuments(path: String)
    /// An input with no records at all.
    case emptyInput(path: String)
    /// Input that was read but yielded no documents (every record empty or skipped).
    case noDocumentsRead(path: String)
    /// An output file that cannot be written, with the reason.
    case cannotWrite(path: String, reason: String)
    /// A record that is not valid JSON, or not a JSON object.
    case malformedRecord(InputLocation, reason: String)
    /// A JSON record in which no text field was found.
    case missingTextField(InputLocation, keys: [String])
    /// Bytes that are not valid UTF-8.
    case invalidUTF8(InputLocation)
    /// A record larger than the configured limit.
    case recordTooLarge(InputLocation, bytes: Int, limit: Int)
    /// A gzip stream that ends early or is damaged.
    case gzip(InputLocation, reason: String)
    /// A bad option value.
    case invalidOption(name: String, reason: String)
    /// The CPU cannot run this build's kernels.
    case unsupportedCPU(String)
    /// More documents than the reader's guard allows (``CorpusOptions/maxDocuments``).
    case tooManyDocuments(path: String, limit: Int)
    /// A file in a format the readers do not take (CSV, Parquet, a ZIP archive), with what to do.
    case unsupportedFormat(path: String, format: String, advice: String)
    /// Score partials that do not make one suspect for this store (another store or options, a shard
    /// missing or given twice): never merged into a verdict.
    case partialMismatch(path: String, reason: String)

    /// A short, single-line, printable excerpt of untrusted text for error messages.
    public static func excerpt(_ text: some StringProtocol, limit: Int = 40) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            if out.unicodeScalars.count >= limit {
                out += "…"
                break
            }
            if ControlCharacters.needsEscape(ch, keepingLines: false) {
                out += ControlCharacters.escape(ch)
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

extension DistillError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .missingPath(let path):
            return "\(path): no such file or directory"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .noDocuments(let path):
            return "\(path): directory holds no corpus files (.jsonl, .json, .txt, optionally .gz)"
        case .emptyInput(let path):
            return "\(path): empty input: no records"
        case .cannotWrite(let path, let reason):
            return "cannot write to \(path): \(reason)"
        case .noDocumentsRead(let path):
            return "no documents read from \(path): every record was empty or skipped, so nothing was tested"
        case .malformedRecord(let location, let reason):
            return "\(location): malformed record: \(reason)"
        case .missingTextField(let location, let keys):
            let shown = keys.prefix(12).map { DistillError.excerpt($0, limit: 24) }.joined(separator: ", ")
            return "\(location): no text field in record (keys: \(shown.isEmpty ? "none" : shown)); "
                + "name it with \(DistillError.textFieldOption)"
        case .invalidUTF8(let location):
            return "\(location): invalid UTF-8"
        case .recordTooLarge(let location, let bytes, let limit):
            return "\(location): record of \(bytes)+ bytes is over the limit of \(limit) bytes "
                + "(raise it with \(DistillError.maxRecordBytesOption))"
        case .gzip(let location, let reason):
            return "\(location): gzip: \(reason)"
        case .invalidOption(let name, let reason):
            return "invalid value for \(name): \(reason)"
        case .unsupportedCPU(let message):
            return message
        case .tooManyDocuments(let path, let limit):
            return "\(path): more than \(limit) documents (\(DistillError.maxDocumentsOption)): this job keeps 1–2 KB "
                + "per document whatever its size (signature, ids, tokens), about 2 GB per million; raise "
                + "\(DistillError.maxDocumentsOption) if the machine has the memory, or split the input"
        case .unsupportedFormat(let path, let format, let advice):
            return "\(path): \(format) is not read; \(advice)"
        case .partialMismatch(let path, let reason):
            return "\(path): score partials do not merge: \(reason)"
        }
    }

    public var errorDescription: String? { description }

    /// The library names of the options that error texts point to. Front ends that spell an option
    /// differently (the CLI's `--text-field`) replace these names when they render an error; the library
    /// itself never names a command-line flag.
    public static let textFieldOption = "FieldOverrides.textField"
    /// See ``textFieldOption``.
    public static let maxRecordBytesOption = "CorpusOptions.maxRecordBytes"
    /// See ``textFieldOption``.
    public static let maxDocumentsOption = "CorpusOptions.maxDocuments"

    /// The input location the error refers to, if any.
    public var location: InputLocation? {
        switch self {
        case .malformedRecord(let l, _), .missingTextField(let l, _), .invalidUTF8(let l),
            .recordTooLarge(let l, _, _), .gzip(let l, _):
            return l
        case .missingPath(let p), .noDocuments(let p), .emptyInput(let p), .noDocumentsRead(let p),
            .cannotWrite(let p, _),
            .unreadable(let p, _), .unsupportedFormat(let p, _, _), .tooManyDocuments(let p, _),
            .partialMismatch(let p, _):
            return InputLocation(path: p)
        case .invalidOption, .unsupportedCPU:
            return nil
        }
    }
}
