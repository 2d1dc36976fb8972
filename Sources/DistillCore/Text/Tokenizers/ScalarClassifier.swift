/// Classifies the Unicode scalars of a UTF-8 text for ``PreTokenizer``: a table for ASCII, the
/// scalar's general category and White_Space property otherwise.
struct ScalarClassifier {
    typealias C = PreTokenizer.Class
    /// Marks a class not computed yet (no real class sets every bit).
    static let unknown: UInt16 = 0xFFFF

    static let ascii: [UInt16] = (0..<128).map { v -> UInt16 in
        switch v {
        case 0x41...0x5A: return C.letter | C.upper | (v == 0x53 ? C.sLetter : 0)
        case 0x61...0x7A: return C.letter | C.lower | (v == 0x73 ? C.sLetter : 0)
        case 0x30...0x39: return C.number
        case 0x0A, 0x0D: return C.space | C.newline
        case 0x09, 0x0B, 0x0C: return C.space
        case 0x20: return C.space | C.blank
        case 0x27: return C.apostrophe
        case 0x2F: return C.slash
        default: return 0
        }
    }

    /// The class of a non-ASCII scalar.
    static func classify(_ scalar: Unicode.Scalar) -> UInt16 {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return C.letter | C.upper
        case .lowercaseLetter: return C.letter | C.lower
        case .modifierLetter, .otherLetter: return C.letter | C.upper | C.lower
        case .nonspacingMark, .spacingMark, .enclosingMark: return C.upper | C.lower
        case .decimalNumber, .letterNumber, .otherNumber: return C.number
        default: return properties.isWhitespace ? C.space : 0
        }
    }

    /// Decodes valid UTF-8 `bytes` into scalar values, classes and byte offsets (`offsets` gets
    /// one extra entry: the end).
    /// - Complexity: O(*n*).
    /// `bmpCache` (65,536 entries, `unknown` where not yet computed) remembers the classes of
    /// Basic Multilingual Plane scalars already seen.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, scalars: inout [UInt32], classes: inout [UInt16], offsets: inout [Int32],
        bmpCache: inout [UInt16]
    ) {
        if bmpCache.count != 0x10000 { bmpCache = [UInt16](repeating: unknown, count: 0x10000) }
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        scalars.reserveCapacity(bytes.count)
        classes.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        ascii.withUnsafeBufferPointer { table in
            var i = 0
            let n = bytes.count
            while i < n {
                let b0 = bytes[i]
                offsets.append(Int32(i))
                if b0 < 0x80 {
                    scalars.append(UInt32(b0))
                    classes.append(table[Int(b0)])
                    i += 1
                    continue
                }
                var value: UInt32
                var length: Int
                if b0 < 0xE0 {
                    value = UInt32(b0 & 0x1F)
                    length = 2
                } else if b0 < 0xF0 {
                    value = UInt32(b0 & 0x0F)
                    length = 3
                } else {
                    value = UInt32(b0 & 0x07)
                    length = 4
                }
                for k in 1..<length where i + k < n { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                scalars.append(value)
                if value < 0x10000 {
                    var k = bmpCache[Int(value)]
                    if k == unknown {
                        k = value == 0x17F ? C.letter | C.lower | C.sLetter : Unicode.Scalar(value).map(classify) ?? 0
                        bmpCache[Int(value)] = k
                    }
                    classes.append(k)
                } else {
                    classes.append(Unicode.Scalar(value).map(classify) ?? 0)
                }
            }
            offsets.append(Int32(n))
        }
    }
}
