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
    }
}
