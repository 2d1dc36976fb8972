import DistillTestSupport
import Foundation
import Testing

@testable import DistillCore

/// The scorer's query window table keeps no per-window ids: its hits (windows whose key is in a bit
/// set over ids), found by hashing the documents again behind a bitmap filter, must be exactly the
/// windows a direct lookup of every window finds, in window order, with their positions.
@Suite struct QueryWindowTableTests {
    /// Documents of word ids over a small vocabulary (so windows repeat within and across documents).
    static func documents(count: Int, seed: UInt64) -> [[UInt64]] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...60, using: &rng)).map { _ in UInt64.random(in: 1...12, using: &rng) }
        }
    }

    @Test(arguments: [(8, 1), (3, 2), (13, 3)] as [(Int, UInt64)])
    func hitsAreTheWindowsWhoseKeysAreSet(n: Int, seed: UInt64) {
        let docs = Self.documents(count: 300, seed: seed)
        let windows: @Sendable (Int) -> [UInt64] = { Shingler.hashes(of: docs[$0], n: n).map(NGramKeySet.key) }
        let expected = docs.indices.reduce(0) { $0 + windows($1).count }
        for threads in [1, 3] {
            let table = QueryWindowTable(
                documentCount: docs.count, threads: threads, windows: windows)
            #expect(table.documentStart.last == expected)
            // Every window's key has an id; the ids of distinct keys differ.
            var idOf: [UInt64: Int] = [:]
            for d in docs.indices {
                for k in windows(d) {
                    let id = table.id(of: k)
                    #expect(id != nil)
                    if let id { #expect(idOf.updateValue(id, forKey: k) ?? id == id) }
                }
            }
            #expect(Set(idOf.values).count == idOf.count)
            // A bit set of every third distinct key (and one of none).
            for pick in [3, 1_000_000] {
                var bits = [UInt64](repeating: 0, count: table.idCapacity / 64)
                for (k, id) in idOf where k % UInt64(pick) == 0 { bits[id >> 6] |= 1 << UInt64(id & 63) }
                let hits = table.hits(in: bits, threads: threads)
                var start = [0]
                var ids: [UInt32] = []
                var positions: [UInt32] = []
                for d in docs.indices {
                    for (w, k) in windows(d).enumerated() where QueryWindowTable.isSet(bits, idOf[k]!) {
                        ids.append(UInt32(idOf[k]!))
                        positions.append(UInt32(w))
                    }
                    start.append(ids.count)
                }
                #expect(hits.start == start)
                #expect(hits.ids == ids)
                #expect(hits.positions == positions)
                // From document `split` on, only the windows whose key is also set in `narrow`.
                let split = docs.count / 3
                var narrow = bits
                for (k, id) in idOf where k % 2 == 0 { narrow[id >> 6] &= ~(1 << UInt64(id & 63)) }
                let narrowed = table.hits(in: bits, threads: threads, narrowFrom: split, narrow: narrow)
                var expectedIDs: [UInt32] = []
                var expectedStart = [0]
                for d in docs.indices {
                    for k in windows(d) where QueryWindowTable.isSet(d < split ? bits : narrow, idOf[k]!) {
                        expectedIDs.append(UInt32(idOf[k]!))
                    }
                    expectedStart.append(expectedIDs.count)
                }
                #expect(narrowed.start == expectedStart)
                #expect(narrowed.ids == expectedIDs)
            }
        }
    }

    /// The style signal's feature lookup (an open-addressing table) answers as a dictionary would.
    @Test func featureIndexIsADictionary() {
        var rng = RepeatableRandomNumberGenerator(seed: 31)
        for count in [0, 1, 7, 300] {
            var ids: [UInt64] = []
            var seen = Set<UInt64>()
            while ids.count < count {
                let id = count == 7 ? UInt64(ids.count) << 58 : UInt64.random(in: 0...UInt64.max, using: &rng)
                if seen.insert(id).inserted { ids.append(id) }
            }
            let index = FeatureIndex(ids)
            for (f, id) in ids.enumerated() { #expect(index[id] == f) }
            for _ in 0..<500 {
                let probe = UInt64.random(in: 0...UInt64.max, using: &rng)
                #expect(index[probe] == (ids.firstIndex(of: probe) ?? -1))
            }
            #expect(index[0] == (ids.firstIndex(of: 0) ?? -1))
        }
    }
}
