import DistillCore
import DistillTestSupport
import Testing

@Suite struct LSHJoinTests {
    @Test func joinFindsEveryPairTheQueriesFind() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 17)
        let hasher = try MinHasher(permutations: 64, seed: 3)
        func signatures(_ sets: [[UInt64]]) -> [UInt32] { sets.flatMap { hasher.signature(of: $0) } }
        let base = (0..<300).map { _ in (0..<60).map { _ in UInt64.random(in: 0..<5000, using: &rng) } }
        // Queries: some near-copies of indexed documents, some fresh.
        let queries = (0..<200).map { i -> [UInt64] in
            if i % 3 == 0 { return base[i] + [UInt64(i) &+ 1_000_000] }
            return (0..<60).map { _ in UInt64.random(in: 0..<5000, using: &rng) }
        }
        let parameters = LSHParameters.optimal(threshold: 0.5, permutations: 64)
        let indexed = LSHIndex(signatures: signatures(base), permutations: 64, parameters: parameters, threads: 2)
        let asked = LSHIndex(signatures: signatures(queries), permutations: 64, parameters: parameters, threads: 2)
        let byQuery = Set(indexed.candidates(forQueries: signatures(queries), threads: 2))
        let joined = asked.candidates(joining: indexed, threads: 2)
        #expect(joined == joined.sorted())
        #expect(byQuery.isSubset(of: Set(joined)))
        #expect(byQuery.count >= 60)
        #expect(Set(joined) == Set(asked.candidates(joining: indexed, threads: 1)))
        // The other side's bands made one at a time: the same pairs, in the same order.
        for threads in [1, 3] {
            #expect(asked.candidates(joiningSignatures: signatures(base), threads: threads) == joined)
        }
        // Fewer documents on the other side (fewer index bits): still the same pairs.
        let few = Array(signatures(base)[0..<(40 * 64)])
        let fewIndex = LSHIndex(signatures: few, permutations: 64, parameters: parameters, threads: 2)
        #expect(asked.candidates(joiningSignatures: few, threads: 2) == asked.candidates(joining: fewIndex, threads: 2))
        #expect(asked.candidates(joiningSignatures: [], threads: 2).isEmpty)
    }

    /// An index over segments (the suspect's signatures and the probes', not copied into one buffer) is
    /// the index over their concatenation: same bands, same joins.
    @Test func segmentsIndexLikeTheirConcatenation() throws {
        var rng = RepeatableRandomNumberGenerator(seed: 23)
        let hasher = try MinHasher(permutations: 64, seed: 5)
        let sets = (0..<150).map { _ in (0..<40).map { _ in UInt64.random(in: 0..<2000, using: &rng) } }
        let all = sets.flatMap { hasher.signature(of: $0) }
        let parameters = LSHParameters.optimal(threshold: 0.5, permutations: 64)
        let whole = LSHIndex(signatures: all, permutations: 64, parameters: parameters, threads: 2)
        for cut in [0, 1, 77, 150] {
            let parts = [Array(all[0..<(cut * 64)]), Array(all[(cut * 64)...])]
            let split = LSHIndex(segments: parts, permutations: 64, parameters: parameters, threads: 2)
            #expect(split.count == whole.count)
            #expect(split.candidates(joining: whole, threads: 2) == whole.candidates(joining: whole, threads: 1))
        }
    }
}
