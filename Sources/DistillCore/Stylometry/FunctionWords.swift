/// The English function words whose relative frequencies make the core of a style profile.
///
/// The list (version 1, over 200 distinct words) gathers articles, pronouns, auxiliaries and modals, prepositions,
/// conjunctions, determiners, quantifiers and common adverbs: the closed-class words authorship studies
/// rely on because writers use them unconsciously and independently of topic (Mosteller & Wallace 1964,
/// *Inference and Disputed Authorship: The Federalist*; Burrows 2002, "'Delta': a measure of stylistic
/// difference and a guide to likely authorship", *Literary and Linguistic Computing* 17(3)). It was
/// written for this project from those categories; words are in normalised (lower-case) form and each
/// is a single word token of the tokeniser (contractions are split by it, so "n't" is not listed).
public enum FunctionWords {
    /// Version of ``english``; bump it when the list changes, since profiles depend on it.
    public static let version = 1

    /// The words, in the order reports list them.
    public static let english: [String] = [
        // Articles and determiners
        "a", "an", "the", "this", "that", "these", "those", "each", "every", "either", "neither", "another",
        "such", "what", "which", "whatever", "whichever", "whose",
        // Personal, possessive, reflexive and other pronouns
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "they", "them", "their", "theirs", "themselves", "who", "whom", "whoever", "one", "oneself",
        "someone", "somebody", "something", "anyone", "anybody", "anything", "everyone", "everybody",
        "everything", "nobody", "nothing", "none",
        // Auxiliaries and modals
        "be", "is", "am", "are", "was", "were", "been", "being", "have", "has", "had", "having", "do", "does",
        "did", "doing", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "ought",
        // Prepositions
        "about", "above", "across", "after", "against", "along", "among", "around", "at", "before", "behind",
        "below", "beneath", "beside", "besides", "between", "beyond", "by", "despite", "down", "during",
        "except", "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "out",
        "outside", "over", "past", "since", "through", "throughout", "till", "to", "toward", "towards", "under",
        "underneath", "until", "up", "upon", "via", "with", "within", "without", "upon",
        // Conjunctions and subordinators
        "and", "but", "or", "nor", "so", "yet", "because", "although", "though", "while", "whereas", "if",
        "unless", "whether", "when", "whenever", "where", "wherever", "than", "as", "once", "both",
        // Quantifiers
        "all", "any", "some", "many", "much", "more", "most", "few", "fewer", "less", "least", "several",
        "enough", "own", "other", "same",
        // Adverbs and particles
        "not", "no", "very", "too", "also", "only", "just", "even", "still", "already", "again", "ever",
        "never", "always", "often", "sometimes", "then", "there", "here", "now", "thus", "hence", "therefore",
        "however", "moreover", "furthermore", "indeed", "perhaps", "rather", "quite", "almost", "how", "why",
        "whilst",
    ]

    /// ``english`` without repeats, in first-seen order.
    public static let unique: [String] = {
        var seen = Set<String>()
        return english.filter { seen.insert($0).inserted }
    }()

    /// FNV-1a 64 word ids of ``unique``, in the same order.
    public static let ids: [UInt64] = unique.map { StableHash.fnv1a64($0) }
}
