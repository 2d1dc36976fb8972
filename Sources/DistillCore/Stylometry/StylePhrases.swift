/// Formulaic phrases that give a chat model's habits away: how answers open and close, how they
/// hedge, and how they refuse. Matched on normalised word tokens, so "Certainly!" and "certainly ,"
/// both open with `certainly`.
///
/// The lists (version 1) were written for this project from the phrasing commonly noted in studies of
/// assistant style (e.g. Kobak et al. 2024, "Delving into ChatGPT usage in academic writing through
/// excess vocabulary"); extend them by adding entries, keeping each a short, lower-case phrase.
public enum StylePhrases {
    public static let version = 1

    /// Phrases counted when a document starts with them.
    public static let openings: [String] = [
        "certainly", "sure", "of course", "absolutely", "great question", "that's a great question",
        "what a great question", "good question", "that is a thoughtful question", "that's a thoughtful question",
        "i'd be happy to", "i would be happy to", "i'd be glad to", "happy to help", "here's", "here is",
        "as an ai", "thank you for", "thanks for", "in short", "okay", "ok", "yes", "no", "hello", "hi",
        "below is", "let's", "let me",
    ]

    /// Phrases counted when they occur among a document's last 40 tokens.
    public static let closings: [String] = [
        "i hope this helps", "hope this helps", "let me know if", "feel free to", "i trust this answers",
        "happy to help", "good luck", "happy learning", "hope that helps", "if you have any other questions",
        "if you have any further questions", "in summary", "in conclusion", "to summarize", "to sum up",
    ]

    /// Hedging phrases, counted anywhere.
    public static let hedges: [String] = [
        "it depends", "it is important to note", "it's important to note", "it's worth noting",
        "it is worth noting", "generally speaking", "in general", "typically", "may vary", "might",
        "perhaps", "arguably", "to some extent", "it seems", "i think", "i believe", "possibly",
        "keep in mind", "note that",
    ]

    /// Refusal phrases, counted anywhere.
    public static let refusals: [String] = [
        "i can't help with", "i cannot help with", "i can't assist with", "i cannot assist with",
        "i'm sorry, but", "i am sorry, but", "i'm unable to", "i am unable to", "i won't be able to",
        "as an ai language model", "as an ai", "i'm not able to", "i am not able to", "i must decline",
        "i can't provide", "i cannot provide",
    ]
}
