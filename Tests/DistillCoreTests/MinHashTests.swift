import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct MinHashTests {
    /// Random sets of known overlap: shared part s, private parts a and b, J = s / (s + a + b).
    static func randomPair(using rng: inout RepeatableRandomNumberGenerator) -> ([UInt64], [UInt64], Double) {
        let union = Int.random(in: 40...400, using: &rng)
        let target = Double.random(in: 0.02...0.98, using: &rng)
        let shared = max(1, min(union - 1, Int((target * Double(union)).rounded())))
        let onlyA = Int.random(in: 0...(union - shared), using: &rng)
        let onlyB = union - shared - onlyA
        var a: [UInt64] = []
        var b: [UInt64] = []
        for _ in 0..<shared {
            let x = rng.next()
            a.append(x)
            b.append(x)
        }
        for _ in 0..<onlyA { a.append(rng.next()) }
        for _ in 0..<onlyB { b.append(rng.next()) }
        return (a, b, Double(shared) / Double(union))
    }

    /// Estimates fall within 3 standard errors √(J(1−J)/k) of the exact Jaccard at the normal rate
    /// (≈0.3% outside; we allow 1%), with no bias, for every allowed k.
    @Test(arguments: [64, 128, 256])
    func estimatesAreWithinThreeStandardErrors(permutations: Int) throws {
        let hasher = try MinHasher(permutations: permutations)
        var rng = RepeatableRandomNumberGenerator(seed: UInt64(permutations))
        var outside = 0
        var bias = 0.0
        let pairs = 1200
        for _ in 0..<pairs {
            let (a, b, j) = Self.randomPair(using: &rng)
            #expect(abs(ShingleSet(a).jaccard(ShingleSet(b)) - j) < 1e-12)
            let estimate = MinHasher.estimate(hasher.signature(of: a), hasher.signature(of: b))
            let se = MinHasher.standardError(jaccard: j, permutations: permutations)
            if abs(estimate - j) > 3 * se { outside += 1 }
            bias += estimate - j
        }
        #expect(outside <= pairs / 100, "\(outside) of \(pairs) estimates outside 3 SE")
        #expect(abs(bias / Double(pairs)) < 0.005)
    }

    @Test func identicalSetsHaveIdenticalSignatures() throws {
        let hasher = try MinHasher()
        let a: [UInt64] = [5, 1, 9, 1, 5]
        #expect(hasher.signature(of: a) == hasher.signature(of: [9, 5, 1]))
        #expect(MinHasher.estimate(hasher.signature(of: a), hasher.signature(of: [9, 5, 1])) == 1)
        #expect(hasher.signature(of: []) == Array(repeating: UInt32.max, count: 128))
    }

    /// The kernel equals a scalar implementation of the documented definition.
    @Test func kernelMatchesTheDefinition() throws {
        let hasher = try MinHasher(permutations: 64, seed: 7)
        var rng = RepeatableRandomNumberGenerator(seed: 3)
        let shingles = (0..<77).map { _ in rng.next() }
        var s: UInt64 = 7
        var expected: [UInt32] = []
        for _ in 0..<64 {
            s = StableHash.splitmix64(s)
            let multiplier = UInt32(truncatingIfNeeded: s >> 32) | 1
            let xor = UInt32(truncatingIfNeeded: s)
            expected.append(shingles.map { (MinHasher.fold($0) ^ xor) &* multiplier }.min()!)
        }
        #expect(hasher.signature(of: shingles) == expected)
    }

    @Test(arguments: [0, 15, 48, 100, 272])
    func rejectsBadPermutationCounts(k: Int) {
        #expect(throws: DistillError.self) { _ = try MinHasher(permutations: k) }
    }

    @Test func lshParametersFollowTheThreshold() {
        let high = LSHParameters.optimal(threshold: 0.8, permutations: 128)
        let low = LSHParameters.optimal(threshold: 0.3, permutations: 128)
        #expect(high.bands * high.rows <= 128 && low.bands * low.rows <= 128)
        #expect(high.rows > low.rows)
        #expect(high.candidateProbability(jaccard: 0.85) > 0.95)
        #expect(low.candidateProbability(jaccard: 0.4) > 0.95)
        #expect(high.candidateProbability(jaccard: 0.3) < 0.01)
        // Equal weights reproduce datasketch's choice for (0.8, 128): 9 bands of 13 rows.
        #expect(
            LSHParameters.optimal(threshold: 0.8, permutations: 128, falsePositiveWeight: 0.5, falseNegativeWeight: 0.5)
                == LSHParameters(bands: 9, rows: 13))
    }

    @Test func hashSortSorts() {
        var rng = RepeatableRandomNumberGenerator(seed: 11)
        for n in [0, 1, 2, 31, 64, 65, 1000, 5000] {
            var values = (0..<n).map { _ in rng.next() >> UInt64.random(in: 0...40, using: &rng) }
            values += values.prefix(n / 3)
            var mine = values
            HashSort.sortUnique(&mine)
            #expect(mine == Array(Set(values)).sorted())
        }
    }
}

@Suite struct SignatureFileTests {
    @Test func roundTrips() throws {
        let ids: [[UInt64]] = [[1, 2, 3, 4, 5, 6], [9, 8, 7], []]
        let corpus = try FingerprintedCorpus(wordIDs: ids, options: FingerprintOptions(permutations: 64), threads: 1)
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sig").path
        try SignatureFile.write(corpus, shingleWidth: 5, seed: 1, to: path)
        let back = try SignatureFile.read(path)
        #expect(back.permutations == 64 && back.shingleWidth == 5 && back.seed == 1)
        #expect(back.ids == ["0", "1", "2"])
        #expect(back.signatures == corpus.signatures)
    }

    @Test func rejectsOtherFiles() throws {
        #expect(throws: DistillError.self) { _ = try SignatureFile.read(Fixture.path("formats/text.jsonl")) }
    }
}
