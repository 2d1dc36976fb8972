/// Normalise then tokenise, fused: the word ids of a text equal
/// `WordTokenizer.tokens(of: TextNormalizer(options).normalize(text)).map(\.id)`, but ASCII runs
/// are lower-cased, split and hashed in one pass without writing the normalised text out.
///
/// A pipeline holds scratch buffers: make one per thread (it is a cheap value).
public struct TextPipeline: Sendable {
    public let normalizer: TextNormalizer
    private var runOut: [UInt8] = []

    public init(options: NormalizationOptions = .standard) {
        self.normalizer = TextNormalizer(options: options)
    }

    public var options: NormalizationOptions { normalizer.options }

    /// The word ids of `text`, after normalisation.
    public mutating func wordIDs(of text: String) -> [UInt64] {
        var ids = [UInt64]()
        appendWordIDs(of: text, to: &ids)
        return ids
    }

    /// Appends the word ids of `text` to `ids`; returns how many were appended.
    @discardableResult
    public mutating func appendWordIDs(of text: String, to ids: inout [UInt64]) -> Int {
        var copy = text
        return copy.withUTF8 { appendWordIDs(utf8: $0, to: &ids) }
    }

    /// The number of word tokens in `text`, after normalisation.
    public mutating func tokenCount(of text: String) -> Int {
        var copy = text
        return copy.withUTF8 { buf in
            var count = 0
            forEachWordID(utf8: buf) { _ in count += 1 }
            return count
        }
    }

    /// Appends the word ids of valid UTF-8 `input` to `ids`; returns how many were appended.
    /// - Complexity: O(*n*) in the input length.
    @discardableResult
    public mutating func appendWordIDs(utf8 input: UnsafeBufferPointer<UInt8>, to ids: inout [UInt64]) -> Int {
        let before = ids.count
        forEachWordID(utf8: input) { ids.append($0) }
        return ids.count - before
    }

    /// Calls `body` with each word id of `input`, in order.
    public mutating func forEachWordID(utf8 input: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let lower = normalizer.options.lowercase
        let n = input.count
        var i = 0
        while i < n {
            if UnicodeClass.isASCIISpace(input[i]) {
                i += 1
                continue
            }
            // A run: up to the next ASCII white space. Pure ASCII runs are lower-cased, split and
            // hashed on the fly; any other run is normalised whole, then tokenised.
            var j = i
            var high: UInt8 = 0
            while j < n {
                let c = input[j]
                if UnicodeClass.isASCIISpace(c) { break }
                high |= c
                j += 1
            }
            if high < 0x80 {
                var k = i
                while k < j {
                    let c = input[k]
                    if UnicodeClass.isASCIIWord(c) {
                        var h = StableHash.fnvOffsetBasis
                        repeat {
                            let w = input[k]
                            h = (h ^ UInt64(lower ? UnicodeClass.asciiLower(w) : w)) &* StableHash.fnvPrime
                            k += 1
                        } while k < j && UnicodeClass.isASCIIWord(input[k])
                        body(h)
                    } else {
                        body((StableHash.fnvOffsetBasis ^ UInt64(c)) &* StableHash.fnvPrime)
                        k += 1
                    }
                }
            } else {
                normalizer.normalizeRun(UnsafeBufferPointer(rebasing: input[i..<j]), scratch: &runOut)
                runOut.withUnsafeBufferPointer { p in
                    WordTokenizer.forEachToken(in: p) { _, _, id in body(id) }
                }
            }
            i = j
        }
    }
}
