/// How texts become the token ids a watermark is scored on.
public enum WatermarkTokenization: Sendable {
    /// Text mode: DistillScope's word ids (normalise, word tokens, FNV-1a 64; DESIGN.md "Text").
    case words(NormalizationOptions)
    /// Token mode: a model's subword tokeniser, applied to the raw text.
    case subword(SubwordTokenizer)
    /// Token ids written as text: the text (and prompt) holds the model's ids in decimal, separated by
    /// white space or commas, optionally inside `[` `]` (a generation log's `output_ids`). Anything
    /// else makes the document invalid (``WatermarkCorpus`` reports it).
    case tokenIDs

    /// The id that marks a text that is not a list of decimal token ids.
    static let invalidID = UInt64.max

    /// The ids written in `text`, or `[invalidID]` when it holds anything but decimal numbers below
    /// 2^63, white space, commas and brackets.
    /// - Complexity: O(*n*) in the UTF-8 length.
    static func parseIDs(_ text: String) -> [UInt64] {
        var ids: [UInt64] = []
        var current: UInt64 = 0
        var inNumber = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, o1) = current.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !o1, !o2, sum < 1 << 63 else { return [invalidID] }
                current = sum
                inNumber = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ","),
                UInt8(ascii: "["), UInt8(ascii: "]"):
                if inNumber { ids.append(current) }
                current = 0
                inNumber = false
            default:
                return [invalidID]
            }
        }
        if inNumber { ids.append(current) }
        return ids
    }

    /// A per-thread function from text to ids (it keeps scratch buffers).
    func makeEncoder() -> (String) -> [UInt64] {
        switch self {
        case .words(let options):
            var pipeline = TextPipeline(options: options)
            return { pipeline.wordIDs(of: $0) }
        case .subword(let tokenizer):
            var session = SubwordTokenizer.Session(tokenizer)
            var scratch: [Int32] = []
            return { text in
                scratch.removeAll(keepingCapacity: true)
                session.encode(text, into: &scratch)
                return scratch.map { UInt64(UInt32(bitPattern: $0)) }
            }
        case .tokenIDs:
            return Self.parseIDs
        }
    }
}
