import DistillCore

/// Deterministic English-like text for the benchmarks: Zipf-weighted common words mixed with longer
/// content words in sentences of 6–24 words, with commas, numbers, the odd quotation and paragraph
/// breaks.
///
/// With `nonASCII` set, sentences also pick up what model output really holds: curly apostrophes
/// and quotes, em dashes, accented words, CJK, Cyrillic and Korean clauses, emoji, and now and then
/// a character that NFKC changes (ligatures, full-width letters, `…`, a no-break space), which sends
/// its run down Foundation's slow path.
struct SampleText {
    /// SplitMix64 (Steele, Lea & Flood 2014): state advances by the golden gamma, output is the
    /// finaliser. Fixed seeds make every benchmark input identical from run to run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            defer { state &+= 0x9E37_79B9_7F4A_7C15 }
            return StableHash.splitmix64(state)
        }

        /// True with probability `p`.
        mutating func chance(_ p: Double) -> Bool {
            Double(next() >> 11) * 0x1p-53 < p
        }
    }

    private var rng: Generator
    private let nonASCII: Bool
    /// Cumulative Zipf weights (s = 1) over ``words``.
    private let cumulative: [Double]

    init(seed: UInt64, nonASCII: Bool = false) {
        rng = Generator(state: seed)
        self.nonASCII = nonASCII
        var total = 0.0
        cumulative = (1...Self.words.count).map { rank in
            total += 1 / Double(rank)
            return total
        }
    }

    /// At least `byteCount` bytes of text, in paragraphs.
    static func make(byteCount: Int, seed: UInt64, nonASCII: Bool = false) -> String {
        var sample = SampleText(seed: seed, nonASCII: nonASCII)
        var out = ""
        out.reserveCapacity(byteCount + 512)
        while out.utf8.count < byteCount {
            if !out.isEmpty { out += "\n\n" }
            sample.appendParagraph(to: &out)
        }
        return out
    }

    /// A document of about `meanWords` words (uniform in half to one and a half times that).
    mutating func document(meanWords: Int) -> String {
        let target = meanWords / 2 + Int(rng.next() % UInt64(max(1, meanWords)))
        var out = ""
        var words = 0
        while words < target {
            if !out.isEmpty { out += rng.chance(0.2) ? "\n\n" : " " }
            words += appendSentence(to: &out)
        }
        return out
    }

    mutating func appendParagraph(to out: inout String) {
        let sentences = 2 + Int(rng.next() % 6)
        for k in 0..<sentences {
            if k > 0 { out += " " }
            appendSentence(to: &out)
        }
    }

    /// Appends one sentence; returns its number of words.
    @discardableResult
    mutating func appendSentence(to out: inout String) -> Int {
        let count = 6 + Int(rng.next() % 19)
        var sentence = ""
        for k in 0..<count {
            if k > 0 { sentence += rng.chance(0.08) ? ", " : " " }
            if rng.chance(0.03) {
                sentence += number()
            } else if k == 0 {
                sentence += word().capitalizedFirst
            } else {
                sentence += word()
            }
        }
        if nonASCII { decorate(&sentence) }
        let roll = rng.next() % 20
        sentence += roll == 0 ? "?" : roll == 1 ? "!" : roll == 2 ? ":" : "."
        if rng.chance(0.04) { sentence = "\"" + sentence + "\"" }
        if rng.chance(0.03) { sentence += " (" + word() + " " + word() + ")" }
        out += sentence
        return count
    }

    private mutating func word() -> String {
        if rng.chance(0.3) { return pick(Self.contentWords) }
        let u = Double(rng.next() >> 11) * 0x1p-53 * cumulative[cumulative.count - 1]
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return Self.words[lo]
    }

    private mutating func number() -> String {
        switch rng.next() % 3 {
        case 0: return String(rng.next() % 100)
        case 1: return String(1900 + rng.next() % 130)
        default: return "\(rng.next() % 10).\(rng.next() % 100)"
        }
    }

    private mutating func pick(_ list: [String]) -> String {
        list[Int(rng.next() % UInt64(list.count))]
    }

    /// Mixes non-ASCII into a sentence at the rates model output shows it.
    private mutating func decorate(_ s: inout String) {
        if rng.chance(0.25) { s += " " + pick(Self.contractions) }
        if rng.chance(0.10) { s = "“" + s + "”" }
        if rng.chance(0.08) { s += " — " + word() + " " + word() }
        if rng.chance(0.06) { s += " " + pick(Self.accented) }
        if rng.chance(0.03) { s += " " + pick(Self.otherScripts) }
        if rng.chance(0.02) { s += " " + pick(Self.emoji) }
        if rng.chance(0.02) { s += " " + pick(Self.compatibility) }
    }

    static let contractions = ["don’t", "it’s", "we’re", "isn’t", "can’t", "that’s", "you’ll", "I’m", "‘quoted’"]
    static let accented = [
        "café", "naïve", "résumé", "façade", "déjà vu", "Zürich", "São Paulo", "Ångström", "über",
        "jalapeño", "Éclair", "Ærøskøbing", "Dvořák", "Łódź", "coöperate",
    ]
    static let otherScripts = [
        "这是一个测试句子。", "日本語のテキストです。", "한국어 문장입니다.", "Привет, мир!", "Καλημέρα κόσμε",
        "مرحبا بالعالم", "中文，英文和数字 2024 混合。",
    ]
    static let emoji = ["🙂", "🚀", "👍🏽", "✅", "🎉"]
    static let compatibility = ["ﬁle", "Ｕｎｉｃｏｄｅ", "①", "x²", "Brand™", "wait…", "10\u{00A0}km", "（注）", "Ⅻ"]

    /// Common English words, most frequent first (Zipf-weighted, s = 1).
    static let words: [String] = """
        the of and to a in is that for it as was with be by on not he this are or his from at which \
        but have an they you were her she there one all we their has been would will if more when \
        can who so no some these other into its what only could time than my two may first then do \
        any like new now our over such most also me did made after many them where well should \
        through very back even just those how because each much before people must years way being \
        same between both used under while own still make here might work world life part long great \
        since without again place around however small found every thought against few system number \
        another during given model data text language training output answer question example result \
        results method approach important note following large different possible general based \
        provide using within across further information process value values function structure \
        analysis response consider several common specific include including help understand ensure \
        key factors additionally overall potential significant various particular context research \
        evidence source teacher student distillation corpus document token tokens sentence word \
        words phrase similar similarity measure score probability distribution sample samples \
        average random simple clear level high low order case point set group problem form area \
        power line side kind head house service friend father mother child children water room money \
        story fact month lot right study book eye job business issue night hand school state family
        """.split(separator: " ").map(String.init)

    /// Longer content words, drawn uniformly for 30% of the words; with them the text has about
    /// 5.5 bytes per token (English prose has 5–5.5, `gen_corpus.py`'s output about 6).
    static let contentWords: [String] = """
        ability absolutely academic accepted according account accurate achieve acknowledge activity \
        actually address adjustment advantage afternoon agreement algorithm alternative although \
        amazing ambiguous analytical ancient announcement annual anything apparently appearance \
        application appropriate architecture argument arrangement article artificial assessment \
        assistant assumption atmosphere attention attitude audience authority automatically \
        available awareness background balanced beautiful beginning behaviour benchmark beneficial \
        biological boundary breakfast brilliant building calculate calendar campaign candidate \
        capacity category celebrate certainly challenge character chemical circumstances citizen \
        classical classroom collection combination comfortable commercial commitment communication \
        community comparison competition complexity component comprehensive computer concentration \
        conclusion condition conference confidence configuration connection consequence conservative \
        considerable consistent constitution construction consumer contemporary continuous \
        contribution conversation cooperation coordinate corporate correction creativity criticism \
        cultural curriculum customer database decision definitely delivery democracy demonstrate \
        department dependency description designer destination determine development dictionary \
        difference difficult dimension direction disappear discipline discovery discussion distance \
        distinguish economic education effective efficiency electricity element elsewhere emergency \
        emotional emphasis employment encourage engineering enormous entertainment environment \
        equipment especially essential establish estimate evaluation eventually everybody everything \
        evolution examination exception excitement executive existence expansion expectation \
        experience experiment explanation expression extension extremely facility familiar fantastic \
        favourite feedback financial flexible foreign formula foundation framework frequency \
        friendship functional fundamental furniture generation geography government gradually \
        guarantee guideline happiness hardware headquarters healthcare historical household \
        hypothesis identical identify illustrate imagination immediately implement implication \
        importance impossible impression improvement incident increasingly independent indicator \
        individual industrial inevitable infrastructure initiative innovation inspection \
        installation instruction instrument insurance intelligence intention interaction interesting \
        internal international interpretation intervention introduction investigation investment \
        involvement keyboard knowledge laboratory landscape leadership legislation legitimate \
        lifestyle limitation literature location maintenance management manufacturer marketing \
        mathematics meanwhile measurement mechanism membership memorable methodology minimum \
        ministry moderate modification molecular monitoring motivation multiple narrative national \
        naturally negotiation neighbourhood nevertheless newspaper normally notebook objective \
        observation obviously occasionally operation opportunity optimistic organisation orientation \
        originally otherwise outstanding ownership paragraph parameter participant particularly \
        partnership passenger percentage performance permission personality perspective philosophy \
        photograph physical pipeline platform political popular population portfolio position \
        possibility practical preference preparation presentation president pressure previously \
        principle priority probably procedure production professional programme progressive property \
        proportion proposal protection psychology publication punctuation qualification quantitative \
        questionnaire realistic reasonable recognition recommendation reduction reference reflection \
        regardless regulation relationship relatively relevant reliable remarkable repetition \
        replacement representative reputation requirement researcher resistance resolution resource \
        respectively responsibility restaurant revolution satisfaction scenario schedule scientific \
        secretary security selection sensitive sequence seriously settlement significance situation \
        software something sometimes somewhere specialist spectrum statement statistical \
        straightforward strategy strength structural subsequent substantial successful sufficient \
        suggestion summary supervisor supplement surprising sustainable symptom technique technology \
        telephone temperature temporary tendency terminology territory themselves therefore \
        thoroughly throughout together tokenizer tomorrow tradition traditional transaction \
        transformation transition translation transparent treatment tremendous typically uncertainty \
        underlying understanding unfortunately university unnecessary upgrade utilisation validation \
        variable variation vegetable vocabulary volunteer vulnerable wavelength weakness weekend \
        whatever wherever whichever whoever wonderful workshop yesterday
        """.split(separator: " ").map(String.init)
}

extension String {
    /// The string with its first character upper-cased (ASCII only; the word list is ASCII).
    var capitalizedFirst: String {
        guard let first = utf8.first, first >= 0x61 && first <= 0x7A else { return self }
        return String(UnicodeScalar(first - 0x20)) + dropFirst()
    }
}
