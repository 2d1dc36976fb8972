import DistillCore
import DistillTestSupport
import Foundation
import Testing

@Suite struct StyleProfileTests {
    static func profile(_ texts: [String]) -> StyleProfile {
        let profiler = StyleProfiler()
        for t in texts { profiler.add(t) }
        return profiler.profile
    }

    static func randomTexts(_ count: Int, seed: UInt64) -> [String] {
        var rng = RepeatableRandomNumberGenerator(seed: seed)
        return (0..<count).map { _ in
            CorpusBuilder.randomText(words: 40 + Int(rng.next() % 200), unicode: true, using: &rng)
        }
    }

    @Test func functionWordListIsLongEnoughAndDistinct() {
        #expect(FunctionWords.unique.count >= 150)
        #expect(Set(FunctionWords.ids).count == FunctionWords.unique.count)
        #expect(FunctionWords.unique.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
    }

    /// A record past 1 MiB is profiled from its first MiB (cut at a character boundary): the per-worker
    /// memory of the style pass no longer grows with one huge record (1 GB for 15 MB before).
    @Test func hugeDocumentsAreProfiledFromTheirFirstMebibyte() {
        let sentence = "Certainly! Here is what you need to know about café life — naïve, short and plain. "
        let big = String(repeating: sentence, count: (3 << 20) / sentence.utf8.count)
        var bytes = Array(big.utf8)
        var cut = StyleProfiler.maxDocumentBytes
        while bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        let prefix = String(decoding: bytes[0..<cut], as: UTF8.self)
        bytes.removeAll()
        let whole = Self.profile([big])
        let first = Self.profile([prefix])
        #expect(StyleSummary(whole) == StyleSummary(first))
        #expect(whole.bytes == UInt64(cut) && whole.charTrigrams == first.charTrigrams)
        // Short documents are untouched.
        #expect(Self.profile([sentence]).bytes == UInt64(sentence.utf8.count))
    }

    @Test func shardsMergeToTheWhole() throws {
        let texts = Self.randomTexts(60, seed: 11)
        let whole = Self.profile(texts)
        var merged = Self.profile(Array(texts[0..<17]))
        merged.merge(Self.profile(Array(texts[17..<40])))
        merged.merge(Self.profile(Array(texts[40...])))
        #expect(StyleSummary(merged) == StyleSummary(whole))
        #expect(merged.words.entries().map(\.count) == whole.words.entries().map(\.count))
        #expect(merged.charTrigrams == whole.charTrigrams && merged.charFourgrams == whole.charFourgrams)
        #expect(merged.mtldFactorsFixed == whole.mtldFactorsFixed && merged.mattrDistinct == whole.mattrDistinct)
        #expect(merged.markdown == whole.markdown && merged.sentenceLengths == whole.sentenceLengths)
    }

    @Test func countsWordsPunctuationSentencesAndFormulas() throws {
        let text = """
            Certainly! Here is the plan.

            ## Steps
            - **First**, read it.
            - Then write 2 notes 😀.
            1. Done
            | a | b |
            ```
            code
            ```
            It is important to note that it depends. I hope this helps!
            """
        let p = Self.profile([text])
        let s = StyleSummary(p)
        #expect(p.documents == 1)
        #expect(p.words.count(of: StableHash.fnv1a64("certainly")) == 1)
        #expect(p.words.word(for: StableHash.fnv1a64("plan")) == "plan")
        #expect(p.punctuation.count(of: StableHash.fnv1a64("!")) == 2)
        #expect(s.openings["certainly"] == 1)
        #expect(s.closings["i hope this helps"] == 1)
        #expect(s.hedgesPerThousandWords["it is important to note"] != nil)
        #expect(s.hedgesPerThousandWords["it depends"] != nil)
        let m = p.markdown
        #expect(m.headings == 1 && m.bulletItems == 2 && m.numberedItems == 1 && m.codeFences == 2)
        #expect(m.tableRows == 1 && m.boldSpans == 1 && m.emoji == 1 && m.documentsWithBullets == 1)
        #expect(p.sentenceCount >= 4)
    }

    @Test func lexicalDiversityMatchesHandComputedValues() {
        // 4 words, all distinct: MATTR (one short window) 1, Yule's K 0, hapax rate 1.
        let p = Self.profile(["alpha beta gamma delta"])
        let s = StyleSummary(p)
        #expect(s.mattr == 1 && s.yulesK == 0 && s.hapaxRate == 1)
        // "a a a a": TTR falls to 0.5 ≤ 0.72 at the 2nd word → factor; again at the 4th → 2 factors
        // per direction; MTLD = 8 / 4 = 2. Yule's K = 1e4 · (16 − 4) / 16 = 7500.
        let q = StyleSummary(Self.profile(["a a a a"]))
        #expect(q.mtld == 2)
        #expect(abs(q.yulesK - 7500) < 1e-9)
        // MATTR over 60 words cycling through 10 types: every 50-word window holds 10 types.
        let cyc = (0..<60).map { "w\($0 % 10)" }.joined(separator: " ")
        #expect(abs(StyleSummary(Self.profile([cyc])).mattr - 10.0 / 50.0) < 1e-12)
    }

    @Test func distancesBehave() {
        #expect(StyleDistance.jensenShannon([1, 0], [0, 1] as [Int]) == 1)
        #expect(StyleDistance.jensenShannon([3, 1], [6, 2] as [Int]) < 1e-12)
        #expect(abs(StyleDistance.burrowsDelta([1, -1, 0], [0, 1, 0]) - 1) < 1e-12)
        #expect(StyleDistance.cosineDelta([1, 2], [2, 4]) < 1e-12)
        #expect(abs(StyleDistance.cosineDelta([1, 0], [-1, 0]) - 2) < 1e-12)
        let (mean, std) = StyleDistance.meanAndStd([[1, 10], [3, 10]])
        #expect(mean == [2, 10] && abs(std[0] - 2.0.squareRoot()) < 1e-12 && std[1] == 0)
        let a = Self.profile(Self.randomTexts(20, seed: 1))
        let c = StyleComparison(a, a)
        #expect(c.charTrigramJSD == 0 && abs(c.functionWordCosine - 1) < 1e-12)
    }

    @Test func wordTableNamesEveryWordAndGrows() {
        var t = WordCountTable(capacity: 2)
        for i in 0..<5000 {
            let w = "w\(i % 1000)"
            var bytes = Array(w.utf8)
            bytes.withUnsafeBufferPointer { t.add(StableHash.fnv1a64(w), word: $0) }
        }
        #expect(t.count == 1000 && t.total == 5000)
        #expect(t.count(of: StableHash.fnv1a64("w7")) == 5 && t.word(for: StableHash.fnv1a64("w999")) == "w999")
    }
}
