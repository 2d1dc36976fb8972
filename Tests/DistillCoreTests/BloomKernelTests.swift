import DistillKernels
import DistillTestSupport
import Testing

@Suite struct BloomKernelTests {
    /// Every inserted key is reported as maybe present; absent keys pass at about the rate the
    /// Parquet split-block filter's analysis gives (under 1% at 16 bits per key).
    @Test func noFalseNegativesAndFewFalsePositives() {
        let blockBits = 12  // 4096 blocks of 256 bits: 1 Mi bits
        let shift = UInt64(64 - blockBits)
        var blocks = [UInt32](repeating: 0, count: 8 << blockBits)
        var rng = RepeatableRandomNumberGenerator(seed: 2024)
        let keys = (0..<65_536).map { _ in UInt64.random(in: 1...UInt64.max, using: &rng) }
        blocks.withUnsafeMutableBufferPointer { b in
            for k in keys { BloomKernels.insert(k, into: b.baseAddress!, shift: shift) }
        }
        let absent = (0..<100_000).map { _ in UInt64.random(in: 1...UInt64.max, using: &rng) }
        var flags = [UInt8](repeating: 9, count: max(keys.count, absent.count))
        blocks.withUnsafeBufferPointer { b in
            flags.withUnsafeMutableBufferPointer { f in
                keys.withUnsafeBufferPointer {
                    BloomKernels.filter($0, blocks: b.baseAddress!, shift: shift, into: f.baseAddress!)
                }
            }
        }
        #expect(flags.prefix(keys.count).allSatisfy { $0 == 1 })
        blocks.withUnsafeBufferPointer { b in
            flags.withUnsafeMutableBufferPointer { f in
                absent.withUnsafeBufferPointer {
                    BloomKernels.filter($0, blocks: b.baseAddress!, shift: shift, into: f.baseAddress!)
                }
            }
        }
        let falsePositives = flags.prefix(absent.count).filter { $0 == 1 }.count
        #expect(falsePositives < absent.count / 100, "false-positive rate \(falsePositives) / \(absent.count)")
        #expect(flags.prefix(absent.count).allSatisfy { $0 <= 1 })
    }
}
