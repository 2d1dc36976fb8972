/// Normalise then tokenise, fused: the word ids of a text equal
/// `WordTokenizer.tokens(of: TextNormalizer(options).normalize(text)).map(\.id)`, but ASCII runs
/// are lower-cased, split and hashed in one pass without writing the normalised text out.
///
/// A pipeline holds scratch buffers: make one per thread (it is a cheap value).
public struct TextPipeline {
    public let normalizer: TextNormalizer
    private var runOut: [UInt8] = []
    private let idBuffer = GrowableBuffer<UInt64>()

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
            var sink = CountingSink()
            scan(utf8: buf, into: &sink)
            return sink.count
        }
    }

    /// Calls `body` with the word ids of valid UTF-8 `input`, held in the pipeline's own buffer
    /// (valid only during the call): the allocation-free path for hot loops.
    public mutating func withWordIDs<R>(
        utf8 input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        idBuffer.reserve(input.count + 1)
        var sink = BufferSink(buffer: idBuffer)
        scan(utf8: input, into: &sink)
        return body(UnsafeBufferPointer(start: sink.base, count: sink.count))
    }

    /// The number of word tokens in valid UTF-8 `input`, after normalisation.
    public mutating func tokenCount(utf8 input: UnsafeBufferPointer<UInt8>) -> Int {
        var sink = CountingSink()
        scan(utf8: input, into: &sink)
        return sink.count
    }

    /// Appends the word ids of valid UTF-8 `input` to `ids`; returns how many were appended.
    /// - Complexity: O(*n*) in the input length.
    @discardableResult
    public mutating func appendWordIDs(utf8 input: UnsafeBufferPointer<UInt8>, to ids: inout [UInt64]) -> Int {
        var sink = ArraySink(ids: [])
        swap(&sink.ids, &ids)
        let before = sink.ids.count
        scan(utf8: input, into: &sink)
        swap(&sink.ids, &ids)
        return ids.count - before
    }

    /// The tokeniser's inner loop, one pass over the bytes. ASCII is classified, lower-cased and
    /// hashed on the fly; when a run (up to the next ASCII white space) turns out to hold a
    /// non-ASCII byte, the tokens already emitted for it are taken back and the run is normalised
    /// whole, then tokenised.
    mutating func scan<Sink: WordIDSink>(utf8 input: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        let n = input.count
        guard n > 0 else { return }
        let classes = normalizer.options.lowercase ? ByteClass.lowering : ByteClass.preserving
        classes.withUnsafeBufferPointer { table in
            var i = 0
            while i < n {
                var c = input[i]
                var cls = table[Int(c)]
                if cls == ByteClass.space {
                    i &+= 1
                    continue
                }
                let runStart = i
                let mark = sink.mark
                while true {
                    if cls >= ByteClass.word {
                        // A word: the table's entry is the lower-cased byte with the high bit set.
                        var h = StableHash.fnvOffsetBasis
                        repeat {
                            h = (h ^ UInt64(cls & 0x7F)) &* StableHash.fnvPrime
                            i &+= 1
                            if i == n { break }
                            c = input[i]
                            cls = table[Int(c)]
                        } while cls >= ByteClass.word
                        sink.emit(h)
                        if i == n || cls == ByteClass.space { break }
                    }
                    if cls == ByteClass.punctuation {
                        sink.emit((StableHash.fnvOffsetBasis ^ UInt64(c)) &* StableHash.fnvPrime)
                        i &+= 1
                        if i == n { break }
                        c = input[i]
                        cls = table[Int(c)]
                        if cls == ByteClass.space { break }
                        continue
                    }
                    if cls == ByteClass.nonASCII {
                        sink.rollback(to: mark)
                        var j = i
                        while j < n && table[Int(input[j])] != ByteClass.space { j &+= 1 }
                        normalizer.normalizeRun(UnsafeBufferPointer(rebasing: input[runStart..<j]), scratch: &runOut)
                        runOut.withUnsafeBufferPointer { p in
                            WordTokenizer.forEachToken(in: p) { _, _, id in sink.emit(id) }
                        }
                        i = j
                        break
                    }
                }
            }
        }
    }
}

/// Byte classes for the tokeniser's ASCII fast path: 0 white space, 1 punctuation, 2 non-ASCII,
/// and for letters and digits the (optionally lower-cased) byte with the high bit set.
enum ByteClass {
    static let space: UInt8 = 0
    static let punctuation: UInt8 = 1
    static let nonASCII: UInt8 = 2
    static let word: UInt8 = 0x80

    static let lowering: [UInt8] = table(lowercase: true)
    static let preserving: [UInt8] = table(lowercase: false)

    private static func table(lowercase: Bool) -> [UInt8] {
        (0..<256).map { v -> UInt8 in
            let b = UInt8(v)
            if b >= 0x80 { return nonASCII }
            if UnicodeClass.isASCIISpace(b) { return space }
            if UnicodeClass.isASCIIWord(b) { return 0x80 | (lowercase ? UnicodeClass.asciiLower(b) : b) }
            return punctuation
        }
    }
}

/// Where the tokeniser's ids go; `rollback` takes back ids emitted since `mark`.
protocol WordIDSink {
    var mark: Int { get }
    mutating func emit(_ id: UInt64)
    mutating func rollback(to mark: Int)
}

struct ArraySink: WordIDSink {
    var ids: [UInt64]
    var mark: Int { ids.count }
    @inline(__always) mutating func emit(_ id: UInt64) { ids.append(id) }
    mutating func rollback(to mark: Int) { ids.removeSubrange(mark...) }
}

/// Writes ids into a ``GrowableBuffer`` without Array's per-append uniqueness check. The pointer
/// and capacity are cached here so the hot loop never touches the class (no exclusivity checks).
struct BufferSink: WordIDSink {
    let buffer: GrowableBuffer<UInt64>
    var base: UnsafeMutablePointer<UInt64>
    var capacity: Int
    var count = 0
    var mark: Int { count }

    init(buffer: GrowableBuffer<UInt64>) {
        self.buffer = buffer
        self.base = buffer.base
        self.capacity = buffer.capacity
    }

    @inline(__always) mutating func emit(_ id: UInt64) {
        if count == capacity {
            buffer.grow(keeping: count)
            base = buffer.base
            capacity = buffer.capacity
        }
        base[count] = id
        count &+= 1
    }

    mutating func rollback(to mark: Int) { count = mark }
}

/// A heap buffer of trivial values that only grows; scratch space owned by one thread.
final class GrowableBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Ensures room for `count` elements (contents are not kept).
    func reserve(_ count: Int) {
        if count > capacity {
            base.deallocate()
            capacity = max(count, capacity * 2)
            base = .allocate(capacity: capacity)
        }
    }

    /// Doubles the capacity, keeping the first `count` elements.
    func grow(keeping count: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2 + 16)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = capacity * 2 + 16
    }
}

struct CountingSink: WordIDSink {
    var count = 0
    var mark: Int { count }
    @inline(__always) mutating func emit(_ id: UInt64) { count += 1 }
    mutating func rollback(to mark: Int) { count = mark }
}
