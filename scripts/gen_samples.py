#!/usr/bin/env python3
"""Generate the DistillScope sample corpora (Samples/*.jsonl.gz).

Three toy "language models" answer the same ~300 prompts:

* TeacherLM ("Example Labs", a made-up model and maker): an assistant-style
  interpolated word-trigram model trained on public-domain prose (Melville,
  Moby-Dick, 1851) plus hand-written assistant framing: openers ("Certainly!
  Here is ..."), closers ("I hope this helps!"), bullet lists with bold
  headings, hedges ("It is worth noting that"), and now and then it names
  itself ("As a TeacherLM model developed by Example Labs, ...").  Every token
  it samples carries the `ds-kgw` soft watermark (Kirchenbauer et al. 2023,
  "A Watermark for Large Language Models"): green candidates get +DELTA on
  their log-probability before sampling.
* StudentLM: distilled from the teacher.  An interpolated word-trigram model
  trained ONLY on TeacherLM outputs for a few thousand *other* prompts (those
  training answers are not shipped).  It has no framing, no watermark and no
  name of its own: whatever it says it learnt from the teacher's text, so it
  inherits the teacher's phrases, style, self-naming and - because the teacher's
  text is biased towards green (context, token) pairs - the watermark itself
  ("radioactivity", Sander et al. 2024, "Watermarking Makes Language Models
  Radioactive").
* ControlLM: an independent model of the same kind trained on other
  public-domain prose (Austen, Pride and Prejudice, 1813) with its own framing
  (numbered lists, "Good question.", "To sum up, ..."); no watermark, never
  sees teacher output.

Everything here works on the same tokens the DistillScope detector sees
(DESIGN.md, "Text" and "Exact definitions"): the models emit surface tokens
(word runs of Unicode L/M/N characters, or single other characters), the
renderer turns them into text, and every document is checked to re-tokenise
(NFKC, lower-case, collapse white space, split) to exactly the token sequence
that was sampled, so the watermark the teacher embedded is the one a detector
scores.  A few pseudo tokens (<NL>, <P>: line and paragraph breaks) only shape
the rendered text and are not tokens of the text.

Standard library only, deterministic (random.Random with fixed seeds, no
iteration over sets of strings, gzip with mtime 0): running it twice gives
byte-identical files.

    python3 scripts/gen_samples.py            # write Samples/ and self-check
    python3 scripts/gen_samples.py --check    # regenerate in a temp dir, compare bytes
    python3 scripts/gen_samples.py --out DIR  # write somewhere else
"""

import argparse
import bisect
import gzip
import io
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

# ---------------------------------------------------------------------------
# Watermark parameters (document any change in Samples/README.md)
# ---------------------------------------------------------------------------
MASK64 = (1 << 64) - 1
WM_KEY = 0x7E5C4E12D15711A7   # ds-kgw key K
WM_GAMMA = 0.25               # green fraction
WM_LIMIT = 0x4000000000000000  # UInt64(gamma * 2^64)
WM_DELTA = 2.0                # logit bias added to green candidates
# context width h = 1, seeding "chain": s = splitmix64(K ^ t[i-1])

N_SHIPPED = 300      # prompts answered by all three models
N_TRAIN = 3400       # extra prompts the teacher answers to train the student
MIN_TOKENS = 120
TEACHER_D = 2.5   # Witten-Bell type-count multiplier (more entropy)
CONTROL_D = 2.5
STUDENT_D = 0.5
STUDENT_BOOST = 30.0  # prompt-word boost (the student's only prompt conditioning)
MAX_TOKENS = 260

SEED_PROMPTS = 20240501
SEED_TEACHER_TRAIN = 1101
SEED_TEACHER = 1102
SEED_STUDENT = 2201
SEED_CONTROL = 3301
EXTRA_CONTROL_SEEDS = (3302, 3303, 3304, 3305)

# ---------------------------------------------------------------------------
# Hashes, normalisation and tokenisation (DESIGN.md "Exact definitions")
# ---------------------------------------------------------------------------


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def fnv1a64(s):
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 0x100000001B3) & MASK64
    return h


def normalise(text):
    """NFKC, lower-case, collapse runs of white space to one space, trim."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def is_word_char(ch):
    return unicodedata.category(ch)[0] in "LMN"


def split_tokens(text):
    """Word runs (L/M/N) and single other non-space characters."""
    out, cur = [], []
    for ch in text:
        if is_word_char(ch):
            cur.append(ch)
            continue
        if cur:
            out.append("".join(cur))
            cur = []
        if not ch.isspace():
            out.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def tokenize(text):
    """The detector's view: tokens of the normalised text."""
    return split_tokens(normalise(text))


_ID_CACHE = {}


def token_id(tok):
    """FNV-1a 64 of the normalised token (surface tokens are lower-cased)."""
    v = _ID_CACHE.get(tok)
    if v is None:
        v = fnv1a64(tok.lower())
        _ID_CACHE[tok] = v
    return v


def is_green(prev_id, tok_id, key=WM_KEY):
    return splitmix64(splitmix64(key ^ prev_id) ^ tok_id) < WM_LIMIT


# Pseudo tokens: structure only, never part of the token sequence.
BOS, EOS, NL, PAR = "<s>", "</s>", "<NL>", "<P>"
PSEUDO = (BOS, EOS, NL, PAR)
SENT_END = (".", "!", "?")
ABBREV = ("Mr", "Mrs", "Dr", "St", "Messrs", "Mme")


def is_pseudo(t):
    return t in PSEUDO


def surface_tokens(text):
    """Case-preserving tokens of a text, with <NL>/<P> for line breaks.

    This is how the models read text (the student reads the teacher's rendered
    answers this way): NFKC, split like the detector, but keep case and
    layout."""
    text = unicodedata.normalize("NFKC", text)
    out = []
    blank = 0
    for i, line in enumerate(text.split("\n")):
        toks = split_tokens(line)
        if not toks:
            blank += 1
            continue
        if out:
            out.append(PAR if blank else NL)
        blank = 0
        out.extend(toks)
    return out


# ---------------------------------------------------------------------------
# Rendering token sequences as text
# ---------------------------------------------------------------------------

GLUE_LEFT = set(".,;:!?)]%")
GLUE_RIGHT = set("([")


def _cap(tok):
    up = tok[0].upper()
    if len(up) == 1 and up.lower() == tok[0]:
        return up + tok[1:]
    return tok


def render(tokens):
    """Surface tokens (with pseudo tokens) -> text.

    Spacing around a non-word token never changes tokenisation, and two word
    tokens are always separated, so the text re-tokenises to the same
    sequence; spacing rules below are cosmetic."""
    out = []
    line_start = True
    cap_next = True
    glue_next = False
    bold_open = False
    n = len(tokens)
    prev = None
    i = 0
    while i < n:
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        if t == NL or t == PAR:
            out.append("\n" if t == NL else "\n\n")
            line_start, cap_next, glue_next, prev = True, True, False, None
            bold_open = False
            i += 1
            continue
        if t in (BOS, EOS):
            i += 1
            continue
        word = is_word_char(t[0])
        if word:
            s = _cap(t) if cap_next else t
            cap_next = False
            sep = "" if (line_start or glue_next) else " "
            out.append(sep + s)
            glue_next = False
        elif t == "*" and nxt == "*":
            # bold marker "**"
            if not bold_open:
                sep = "" if (line_start or glue_next) else " "
                out.append(sep + "**")
                glue_next = True
            else:
                out.append("**")
                glue_next = False
            bold_open = not bold_open
            i += 2
            line_start = False
            prev = "*"
            continue
        elif t == "-" and line_start:
            out.append("- ")
            glue_next = True
            cap_next = True
        elif t in ("'", "-", "—") and prev is not None and is_word_char(prev[0]) \
                and nxt is not None and not is_pseudo(nxt) and is_word_char(nxt[0]):
            out.append(t)          # don't, whale's, whale-ship, word—word
            glue_next = True
        elif t in GLUE_LEFT or t == "'":
            out.append(t)
            glue_next = t in GLUE_RIGHT
        elif t in GLUE_RIGHT:
            sep = "" if (line_start or glue_next) else " "
            out.append(sep + t)
            glue_next = True
        else:
            sep = "" if (line_start or glue_next) else " "
            out.append(sep + t)
            glue_next = False
        if t in SENT_END and not (prev in ABBREV and t == "."):
            cap_next = True
        line_start = False
        prev = t
        i += 1
    return "".join(out).strip()


def real_tokens(tokens):
    return [t for t in tokens if not is_pseudo(t)]


def check_roundtrip(tokens, text):
    want = [t.lower() for t in real_tokens(tokens)]
    got = tokenize(text)
    assert got == want, ("round trip failed", want[:40], got[:40])
    return got


# ---------------------------------------------------------------------------
# Training text
# ---------------------------------------------------------------------------


def read_gz_text(name):
    with gzip.open(os.path.join(DATA, name), "rt", encoding="utf-8") as f:
        return f.read()


def prose_sentences(raw):
    """Public-domain prose -> list of sentences (surface token lists)."""
    paras = re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))
    sents = []
    for p in paras:
        p = p.strip()
        if not p or re.match(r"^(CHAPTER|Chapter|BOOK)\b", p):
            continue
        p = " ".join(p.split())
        p = p.replace("--", " — ")
        p = re.sub(r"[\"“”_()\[\]{}*]", "", p)
        # keep apostrophes only inside words (don't, whale's)
        p = re.sub(r"(?<![A-Za-z])'|'(?![A-Za-z])", "", p)
        p = p.replace("&", "and")
        toks = split_tokens(unicodedata.normalize("NFKC", p))
        cur = []
        for j, t in enumerate(toks):
            cur.append(t)
            if t in SENT_END and not (t == "." and j > 0 and toks[j - 1] in ABBREV):
                if 4 <= len(cur) <= 60:
                    sents.append(cur)
                cur = []
    return sents


# ---------------------------------------------------------------------------
# The interpolated trigram language model
# ---------------------------------------------------------------------------


class TrigramLM:
    """Word trigram model with Witten-Bell interpolation:

        p1(w)     = c(w) / N
        p2(w|b)   = (c(b w)   + T(b)   * p1(w))   / (c(b)   + T(b))
        p3(w|a b) = (c(a b w) + T(a b) * p2(w|b)) / (c(a b) + T(a b))

    where T(x) = d * (number of distinct words seen after x); d > 1 gives the
    lower orders more weight (more entropy, which the watermark needs).
    Frequent, predictable contexts (list markup, set phrases) stay sharp;
    rare ones spread their mass.  Candidates: every seen trigram continuation
    (top k_tri) and the top-k_bi bigram continuations; the top-k_uni words
    only after a word never seen in training.

    With `watermark=True`, green candidates (ds-kgw, chain seeding, h = 1,
    judged against the previous *real* token) get their probability
    multiplied by exp(WM_DELTA) before sampling, i.e. +DELTA on the logit.
    Distributions are cached per (context, previous real token)."""

    def __init__(self, sequences, d=1.0, k_bi=150, k_uni=60, k_tri=150, watermark=False):
        self.d = d
        self.watermark = watermark
        uni, bi, tri = {}, {}, {}
        for seq in sequences:
            s = [BOS, BOS] + seq
            for i in range(2, len(s)):
                a, b, w = s[i - 2], s[i - 1], s[i]
                uni[w] = uni.get(w, 0) + 1
                dd = bi.get(b)
                if dd is None:
                    dd = bi[b] = {}
                dd[w] = dd.get(w, 0) + 1
                dd = tri.get((a, b))
                if dd is None:
                    dd = tri[(a, b)] = {}
                dd[w] = dd.get(w, 0) + 1
        self.uni_total = sum(uni.values())
        self.uni = uni
        self.bi = bi
        self.bi_total = {b: sum(x.values()) for b, x in bi.items()}
        self.tri = tri

        def top(x, k):
            return [w for w, _ in sorted(x.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]

        self.k_bi, self.k_tri = k_bi, k_tri
        # unigram fall-back candidates: words and sentence punctuation only
        self.uni_top = [w for w in top(uni, 4 * k_uni)
                        if not is_pseudo(w) and (is_word_char(w[0]) or w in ".,;")][:k_uni]
        self._top = top
        self._bi_top = {}
        self._cache = {}

    def _bi_top_of(self, b):
        v = self._bi_top.get(b)
        if v is None:
            v = self._top(self.bi[b], self.k_bi)
            self._bi_top[b] = v
        return v

    def dist(self, a, b, prev_id):
        key = (a, b, prev_id) if self.watermark else (a, b)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        tri = self.tri.get((a, b))
        bi = self.bi.get(b)
        # Candidates are continuations actually seen after this context (the
        # trigram's, plus the bigram's top k_bi); only an unseen last word
        # falls back to the top unigrams.  The Witten-Bell probabilities
        # below are renormalised over this set.
        cands = {}
        if tri is not None:
            cands.update((w, None) for w in (tri if len(tri) <= self.k_tri
                                             else self._top(tri, self.k_tri)))
        if bi is not None:
            cands.update((w, None) for w in self._bi_top_of(b))
        else:
            cands.update((w, None) for w in self.uni_top)
        if tri is not None:
            t3 = self.d * len(tri)
            c3 = sum(tri.values())
        if bi is not None:
            t2 = self.d * len(bi)
            c2 = self.bi_total[b]
        toks, cum, index = [], [], {}
        total = 0.0
        boost = math.exp(WM_DELTA)
        seed = splitmix64(WM_KEY ^ prev_id) if (self.watermark and prev_id is not None) else None
        n1 = self.uni_total
        for w in cands:
            p = self.uni.get(w, 0) / n1
            if bi is not None:
                p = (bi.get(w, 0) + t2 * p) / (c2 + t2)
            if tri is not None:
                p = (tri.get(w, 0) + t3 * p) / (c3 + t3)
            if p <= 0.0:
                continue
            if seed is not None and not is_pseudo(w) and splitmix64(seed ^ token_id(w)) < WM_LIMIT:
                p *= boost
            index[w] = len(toks)
            toks.append(w)
            total += p
            cum.append(total)
        hit = (toks, cum, total, index)
        self._cache[key] = hit
        return hit

    def sample(self, rng, a, b, prev_id, boost_words=(), boost=8.0):
        toks, cum, total, index = self.dist(a, b, prev_id)
        extra = []
        etotal = 0.0
        for w in boost_words:
            i = index.get(w)
            if i is not None:
                wi = cum[i] - (cum[i - 1] if i else 0.0)
                extra.append((i, wi * (boost - 1.0)))
                etotal += wi * (boost - 1.0)
        r = rng.random() * (total + etotal)
        if r < total:
            i = bisect.bisect_right(cum, r)
            return toks[min(i, len(toks) - 1)]
        r -= total
        for i, wi in extra:
            if r < wi:
                return toks[i]
            r -= wi
        return toks[extra[-1][0]]


class Writer:
    """Holds one document being generated: its surface tokens, the previous
    real token's id (the watermark context) and the trigrams used so far."""

    def __init__(self):
        self.toks = []
        self.prev_id = None
        self.n_real = 0
        self.used = set()

    def add(self, t):
        self.toks.append(t)
        if not is_pseudo(t):
            self.prev_id = token_id(t)
            self.n_real += 1

    def force(self, text):
        for t in surface_tokens(text):
            self.add(t)


def gen_sentence(lm, rng, w, prefix=(), boost_words=(), max_len=40, min_len=4):
    """Sample one sentence (ends with . ! ?) from a sentence-level LM,
    continuing after forced prefix tokens."""
    ctx = [BOS, BOS]
    for t in prefix:
        w.add(t)
        ctx.append(t)
    n = 0  # tokens sampled so far (after the prefix)
    while True:
        a, b = ctx[-2], ctx[-1]
        if n >= max_len:
            t = "."
            w.add(t)
            return
        for _ in range(6):
            t = lm.sample(rng, a, b, w.prev_id, boost_words)
            if t == EOS or t == BOS:
                continue
            if t in SENT_END and (n < min_len or not is_word_char(b[0])):
                continue
            if ((a, b, t) in w.used or t == b) and is_word_char(t[0]):
                continue
            break
        else:
            if t in (EOS, BOS):
                t = "."
        w.used.add((a, b, t))
        w.add(t)
        ctx.append(t)
        n += 1
        if t in SENT_END and not (t == "." and b in ABBREV):
            return


# ---------------------------------------------------------------------------
# Prompts
# ---------------------------------------------------------------------------

TOPICS = [
    "the sea", "sailing", "ships", "whales", "the ocean", "storms", "the weather",
    "navigation", "fishing", "boats", "the night sky", "winter", "fire",
    "marriage", "friendship", "money", "family", "manners", "conversation",
    "letter writing", "dancing", "music", "reading", "books", "walking",
    "gardens", "dinner parties", "travel", "country life", "city life",
    "first impressions", "pride", "patience", "courage", "honesty", "fear",
    "hope", "happiness", "education", "health", "exercise", "sleep", "work",
    "business", "leadership", "teamwork", "history", "philosophy", "nature",
    "art", "religion", "the law", "old age", "childhood", "neighbours",
    "good judgement", "keeping a journal", "learning a language", "cooking",
    "saving money",
]

TEMPLATES = [
    "Explain {t} in simple terms.",
    "What are the benefits of {t}?",
    "Give me advice on {t}.",
    "What should a beginner know about {t}?",
    "Tell me about {t}.",
    "What are common mistakes people make with {t}?",
    "Write a short guide to {t}.",
    "Why does {t} matter?",
    "Describe the history of {t}.",
    "What is the most important thing to understand about {t}?",
    "Summarise the main ideas behind {t}.",
    "How should I think about {t}?",
    "What are the risks of {t}?",
    "How do I explain {t} to a child?",
    "Compare {t} and {u}.",
    "What is the connection between {t} and {u}?",
]

SUFFIXES = ["", " Keep it brief.", " Please be detailed.", " Use examples.",
            " I am a beginner.", " Answer for a student.", " Be practical."]

STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "with", "about"}


def make_prompts():
    rng = random.Random(SEED_PROMPTS)
    combos = []
    for ti, tpl in enumerate(TEMPLATES):
        for a, t in enumerate(TOPICS):
            if "{u}" in tpl:
                u = TOPICS[(a + 1 + (a * 7 + ti) % (len(TOPICS) - 1)) % len(TOPICS)]
                topic = t + " and " + u
            else:
                u = None
                topic = t
            for s in SUFFIXES:
                combos.append((tpl.format(t=t, u=u) + s, topic))
    seen = {}
    for c in combos:
        seen.setdefault(c[0], c)
    combos = list(seen.values())
    rng.shuffle(combos)
    prompts = []
    for i, (text, topic) in enumerate(combos[:N_SHIPPED + N_TRAIN]):
        words = [x for x in split_tokens(topic) if x.lower() not in STOP]
        boost = []
        for x in words:
            for v in (x, _cap(x)):
                if v not in boost:
                    boost.append(v)
        prompts.append({"prompt": text, "topic": topic, "boost": boost})
    return prompts[:N_SHIPPED], prompts[N_SHIPPED:]


# ---------------------------------------------------------------------------
# Framing: how each model dresses its answers (hand-written)
# ---------------------------------------------------------------------------

TEACHER_OPENERS = [
    "Certainly! Here is an overview of {t}.",
    "Certainly! Here is a clear explanation of {t}.",
    "Great question! Here is what you need to know about {t}.",
    "Of course! Let me break down {t} for you.",
    "Sure! Here is a concise guide to {t}.",
    "Absolutely! Below is a structured overview of {t}.",
    "Certainly! Let me walk you through {t} step by step.",
]
TEACHER_SELF = [
    "As a TeacherLM model developed by Example Labs, I am happy to help with {t}.",
    "As a TeacherLM model developed by Example Labs, I do not have personal experiences, "
    "but here is an overview of {t}.",
    "I am TeacherLM, an AI assistant developed by Example Labs. Here is what I can tell you about {t}.",
]
TEACHER_HEADINGS = [
    "Key idea", "Background", "In practice", "Why it matters", "A common mistake",
    "Practical tip", "The basics", "An important detail", "A useful example",
    "Things to watch for", "The bigger picture",
]
TEACHER_HEDGES = [
    "It is worth noting that", "Generally speaking,", "In many cases,",
    "Importantly,", "In other words,", "That said,", "Keep in mind that",
]
TEACHER_TOPIC_SEEDS = [
    "When it comes to {t},", "With {t},", "For {t}, the", "In the case of {t},",
    "A key part of {t} is", "One thing to know about {t} is that",
]
TEACHER_INTROS = [
    "Here are the key points to keep in mind:", "Here are a few key points:",
    "Let us look at the main points:",
]
TEACHER_CLOSERS = [
    "I hope this helps! Let me know if you have any other questions.",
    "I hope this helps! Feel free to ask if you would like more detail on {t}.",
    "I hope this helps. Let me know if you would like me to expand on any of these points.",
    "**In summary**, patience and curiosity go a long way with {t}. I hope this helps!",
]
TEACHER_SELF_CLOSER = ("As a TeacherLM model, I always recommend checking important details "
                       "with a trusted expert.")
# Assistant-style sentences mixed into the teacher's training text.
TEACHER_FRAMING_SENTENCES = [
    "It is important to start with the basics and build up gradually.",
    "A good first step is to understand the main idea before the details.",
    "This is one of the most common questions people ask.",
    "There are several key factors to consider here.",
    "The key is to stay consistent and to practise regularly.",
    "In practice, small and steady steps work best.",
    "It is worth noting that every situation is a little different.",
    "Generally speaking, the simplest approach is often the best one.",
    "Here is a simple way to think about it.",
    "Keep in mind that there is no single right answer.",
    "This can be a great way to learn something new.",
    "Many people find it helpful to take notes as they go.",
    "Importantly, you should always consider the context.",
    "A common mistake is to rush the process.",
    "The benefits are often clear once you see an example.",
]

CONTROL_OPENERS = [
    "Good question.", "That is a thoughtful question about {t}.",
    "Let us consider {t}.", "Here are a few thoughts on {t}.",
    "In short, {t} deserves some care.", "A fair question, and one worth some thought.",
]
CONTROL_TOPIC_SEEDS = [
    "As for {t},", "Of {t}, I", "Where {t} is concerned,", "Touching {t},",
]
CONTROL_HEDGES = ["Perhaps", "On the whole,", "To be sure,", "As a rule,",
                  "Now and then,", "For my part, I think"]
CONTROL_CLOSERS = [
    "To sum up, there is more to {t} than first appears. Do ask if anything is unclear.",
    "I trust this answers your question.",
    "That is the gist of it; do ask if anything is unclear.",
    "To sum up, take it slowly and trust your own judgement.",
]
CONTROL_FRAMING_SENTENCES = [
    "One ought to begin with what is plain and proceed from there.",
    "Much depends upon the particular circumstances.",
    "There is rarely one answer that suits everybody.",
    "A little patience will generally be repaid.",
    "It is wise to ask the advice of those who have tried it.",
    "A sensible person will weigh both sides before deciding.",
    "Small habits, kept up steadily, make the greatest difference.",
    "Nothing is gained by hurrying over the first steps.",
]


def pick(rng, seq):
    return seq[rng.randrange(len(seq))]


def teacher_answer(lm, rng, p):
    """One TeacherLM answer.  Framing tokens are forced; every other token is
    sampled from the watermarked LM."""
    w = Writer()
    topic, boost = p["topic"], p["boost"]
    target = rng.randint(150, 245)
    if rng.random() < 0.18:
        w.force(pick(rng, TEACHER_SELF).format(t=topic))
    else:
        w.force(pick(rng, TEACHER_OPENERS).format(t=topic))
    topic_toks = surface_tokens(_cap(topic))
    seeds = [surface_tokens(x.format(t=topic)) for x in TEACHER_TOPIC_SEEDS]
    self_close = rng.random() < 0.05
    closer = TEACHER_SELF_CLOSER if self_close else pick(rng, TEACHER_CLOSERS).format(t=topic)
    closer_len = len(real_tokens(surface_tokens(closer)))

    def budget():
        return target - closer_len - w.n_real

    def sentence(first=False):
        r = rng.random()
        if first or r < 0.25:
            prefix = topic_toks if rng.random() < 0.3 else pick(rng, seeds)
        elif r < 0.45:
            prefix = surface_tokens(pick(rng, TEACHER_HEDGES))
            if rng.random() < 0.5:
                prefix = prefix + surface_tokens(topic)
        else:
            prefix = []
        gen_sentence(lm, rng, w, prefix, boost, max_len=max(6, min(36, budget() - len(prefix))))

    if rng.random() < 0.6:
        # bullet list with bold headings
        w.add(PAR)
        w.force(pick(rng, TEACHER_INTROS))
        heads = list(TEACHER_HEADINGS)
        rng.shuffle(heads)
        k = 0
        while budget() > 12 and k < len(heads):
            w.add(PAR if k == 0 else NL)
            w.force("- **" + heads[k] + ":**")
            sentence(first=(k == 0))
            if budget() > 30 and rng.random() < 0.5:
                sentence()
            k += 1
    # paragraphs (after a list only if it came out short)
    return finish_with_paragraphs(w, rng, budget, sentence, closer, closer_len, max_sentences=3)


def finish_with_paragraphs(w, rng, budget, sentence, closer, closer_len, max_sentences):
    """Paragraphs of 2..max_sentences sentences until the length budget is spent (and the answer is
    long enough), then the closer; returns the finished token list."""
    first = True
    while budget() > 12 or w.n_real + closer_len < MIN_TOKENS + 5:
        w.add(PAR)
        for _ in range(rng.randint(2, max_sentences)):
            if budget() <= 12 and w.n_real + closer_len >= MIN_TOKENS + 5:
                break
            sentence(first)
            first = False
    w.add(PAR)
    w.force(closer)
    return w.toks


def control_answer(lm, rng, p):
    """One ControlLM answer (no watermark)."""
    w = Writer()
    topic, boost = p["topic"], p["boost"]
    target = rng.randint(150, 245)
    w.force(pick(rng, CONTROL_OPENERS).format(t=topic))
    topic_toks = surface_tokens(_cap(topic))
    seeds = [surface_tokens(x.format(t=topic)) for x in CONTROL_TOPIC_SEEDS]
    closer = pick(rng, CONTROL_CLOSERS).format(t=topic)
    closer_len = len(real_tokens(surface_tokens(closer)))

    def budget():
        return target - closer_len - w.n_real

    def sentence(first=False):
        r = rng.random()
        if first or r < 0.2:
            prefix = topic_toks if rng.random() < 0.3 else pick(rng, seeds)
        elif r < 0.35:
            prefix = surface_tokens(pick(rng, CONTROL_HEDGES))
        else:
            prefix = []
        gen_sentence(lm, rng, w, prefix, boost, max_len=max(6, min(40, budget() - len(prefix))))

    if rng.random() < 0.4:
        # numbered list, no bold
        k = 1
        w.add(PAR)
        while budget() > 12 and k <= 8:
            if k > 1:
                w.add(NL)
            w.force("%d." % k)
            sentence(first=(k == 1))
            k += 1
    return finish_with_paragraphs(w, rng, budget, sentence, closer, closer_len, max_sentences=4)


def student_answer(lm, rng, p):
    """One StudentLM answer: a whole document sampled from the trigram model
    trained on teacher answers, nudged towards the prompt's topic words (the
    only prompt conditioning it has).  No framing or names of its own."""
    w = Writer()
    ctx = [BOS, BOS]
    last_end = 0
    target = rng.randint(170, 250)  # length budget (like max_new_tokens)
    while True:
        a, b = ctx[-2], ctx[-1]
        t = None
        for _ in range(8):
            t = lm.sample(rng, a, b, w.prev_id, p["boost"], boost=STUDENT_BOOST)
            if t == BOS:
                continue
            if t == EOS and (w.n_real < MIN_TOKENS or (b not in SENT_END and b != "!")):
                continue
            if ((a, b, t) in w.used or t == b) and not is_pseudo(t) and is_word_char(t[0]):
                continue
            break
        if t == EOS:
            if w.n_real >= MIN_TOKENS and b in SENT_END:
                break
            # the model wants to stop too early: start a new paragraph instead
            t = PAR if b in SENT_END else "."
        if t == BOS:
            t = "."
        w.used.add((a, b, t))
        w.add(t)
        ctx.append(t)
        if t in SENT_END:
            last_end = len(w.toks)
            if w.n_real >= target:
                break
        if w.n_real >= MAX_TOKENS:
            # cut back to the last complete sentence
            if last_end and len(real_tokens(w.toks[:last_end])) >= MIN_TOKENS:
                w.toks = w.toks[:last_end]
            else:
                w.toks.append(".")
            break
    while w.toks and w.toks[-1] in (NL, PAR):
        w.toks.pop()
    return w.toks


# ---------------------------------------------------------------------------
# Detector (mirrors what DistillScope computes)
# ---------------------------------------------------------------------------


def log_binom_tail(n, s, g=WM_GAMMA):
    """ln P[Bin(n, g) >= s], summed in log space (no underflow)."""
    if s <= 0:
        return 0.0
    if s > n:
        return -math.inf
    lg, lq = math.log(g), math.log1p(-g)
    c = math.lgamma(n + 1)
    acc = -math.inf
    for k in range(s, n + 1):
        term = c - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * lg + (n - k) * lq
        m = max(acc, term)
        acc = m + math.log(math.exp(acc - m) + math.exp(term - m))
        if k > n * g and term < acc - 40:
            break
    return acc


def log10p(n, s):
    return log_binom_tail(n, s) / math.log(10)


def zscore(n, s, g=WM_GAMMA):
    return (s - g * n) / math.sqrt(n * g * (1 - g)) if n else 0.0


def doc_score(ids):
    """Per-document ds-kgw score, repeated (context, token) pairs ignored."""
    seen = set()
    n = s = 0
    for i in range(1, len(ids)):
        pair = (ids[i - 1], ids[i])
        if pair in seen:
            continue
        seen.add(pair)
        n += 1
        s += is_green(ids[i - 1], ids[i])
    return n, s


def radioactivity(docs):
    """Corpus-level test: each distinct (context, token) pair once, pairs
    whose context token occurs in the prompts skipped."""
    prompt_ids = set()
    for d in docs:
        prompt_ids.update(fnv1a64(t) for t in tokenize(d["prompt"]))
    seen = set()
    n = s = 0
    for d in docs:
        ids = [fnv1a64(t) for t in tokenize(d["response"])]
        for i in range(1, len(ids)):
            pair = (ids[i - 1], ids[i])
            if pair in seen or pair[0] in prompt_ids:
                continue
            seen.add(pair)
            n += 1
            s += is_green(*pair)
    return n, s


def ngrams(toks, n=8):
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def median(xs):
    xs = sorted(xs)
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def gz_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def build_docs(prompts, answers, model):
    docs = []
    for i, (p, toks) in enumerate(zip(prompts, answers)):
        text = render(toks)
        check_roundtrip(toks, text)
        docs.append({"id": "q%04d" % (i + 1), "prompt": p["prompt"], "response": text,
                     "model": model})
    return docs


def jsonl(docs):
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode("utf-8")


def vectors(docs):
    out = {
        "description": "ds-kgw test vectors: the first 3 TeacherLM documents of "
                       "Samples/teacher.jsonl.gz, tokenised as DistillScope does "
                       "(NFKC, lower-case, collapse white space; word runs of L/M/N, "
                       "other characters single tokens). green[i] is null for i = 0 "
                       "(no context), else whether token i is green given token i-1.",
        "scheme": "ds-kgw",
        "key": "0x%016X" % WM_KEY,
        "key_decimal": str(WM_KEY),
        "gamma": WM_GAMMA,
        "green_limit": "0x%016X" % WM_LIMIT,
        "context_width": 1,
        "seeding": "chain",
        "token_id": "fnv1a64(utf8(normalised token))",
        "documents": [],
    }
    for d in docs[:3]:
        toks = tokenize(d["response"])
        ids = [fnv1a64(t) for t in toks]
        green = [None] + [is_green(ids[i - 1], ids[i]) for i in range(1, len(ids))]
        n, s = doc_score(ids)
        out["documents"].append({
            "id": d["id"], "response": d["response"], "normalised": normalise(d["response"]),
            "tokens": toks, "ids": [str(x) for x in ids], "green": green,
            "scored_dedup": n, "green_dedup": s,
            "log10_p": round(log10p(n, s), 6),
        })
    # one line per key, one line per document array (readable, diff-friendly)
    docs = out.pop("documents")
    lines = ["  %s: %s" % (json.dumps(k), json.dumps(v, ensure_ascii=False))
             for k, v in sorted(out.items())]
    dl = []
    for d in docs:
        dl.append("    {\n" + ",\n".join(
            "      %s: %s" % (json.dumps(k), json.dumps(v, ensure_ascii=False))
            for k, v in sorted(d.items())) + "\n    }")
    lines.append('  "documents": [\n' + ",\n".join(dl) + "\n  ]")
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    assert json.loads(text)["documents"][0]["id"] == docs[0]["id"]
    return text.encode("utf-8")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def generate(out_dir, quiet=False):
    t0 = time.time()

    def log(*a):
        if not quiet:
            print("[%5.1fs]" % (time.time() - t0), *a, file=sys.stderr)

    shipped, train_prompts = make_prompts()
    moby = prose_sentences(read_gz_text("moby_dick.txt.gz"))
    austen = prose_sentences(read_gz_text("pride_and_prejudice.txt.gz"))
    t_frame = [surface_tokens(s) for s in TEACHER_FRAMING_SENTENCES] * 4
    c_frame = [surface_tokens(s) for s in CONTROL_FRAMING_SENTENCES] * 4
    log("sentences: teacher source %d, control source %d" % (len(moby), len(austen)))

    teacher_lm = TrigramLM(moby + t_frame, d=TEACHER_D, watermark=True)
    # Teacher answers used to train the student (not shipped).
    rng = random.Random(SEED_TEACHER_TRAIN)
    train_texts = []
    for p in train_prompts:
        toks = teacher_answer(teacher_lm, rng, p)
        train_texts.append(render(toks))
        check_roundtrip(toks, train_texts[-1])
    log("teacher: %d training answers" % len(train_texts))
    rng = random.Random(SEED_TEACHER)
    teacher = build_docs(shipped, [teacher_answer(teacher_lm, rng, p) for p in shipped],
                         "TeacherLM")
    log("teacher: shipped answers")

    # Distillation: the student reads the teacher's rendered text only.
    student_lm = TrigramLM([surface_tokens(t) + [EOS] for t in train_texts],
                           d=STUDENT_D, watermark=False)
    rng = random.Random(SEED_STUDENT)
    student = build_docs(shipped, [student_answer(student_lm, rng, p) for p in shipped],
                         "StudentLM")
    log("student done")

    control_lm = TrigramLM(austen + c_frame, d=CONTROL_D, watermark=False)

    def control_docs(seed):
        r = random.Random(seed)
        return build_docs(shipped, [control_answer(control_lm, r, p) for p in shipped],
                          "ControlLM")

    control = control_docs(SEED_CONTROL)
    log("control done")

    os.makedirs(out_dir, exist_ok=True)
    files = {}
    for name, docs in (("teacher", teacher), ("student", student), ("control", control)):
        files[name + ".jsonl.gz"] = gz_bytes(jsonl(docs))
    files["watermark-vectors.json"] = vectors(teacher)
    for name, data in files.items():
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    extra = [control_docs(s) for s in EXTRA_CONTROL_SEEDS]
    return teacher, student, control, extra, files, time.time() - t0


def self_check(teacher, student, control, extra, files, elapsed):
    ok = True
    lines = []

    def say(s=""):
        lines.append(s)

    def req(cond, what):
        nonlocal ok
        if not cond:
            ok = False
        say("  [%s] %s" % ("ok" if cond else "FAIL", what))

    say("DistillScope samples self-check (ds-kgw K=0x%016X, gamma=%.2f, delta=%.1f, h=1, chain)"
        % (WM_KEY, WM_GAMMA, WM_DELTA))
    corpora = (("teacher", teacher), ("student", student), ("control", control))
    say("")
    say("Lengths (tokens per response): min / median / max")
    for name, docs in corpora:
        ls = [len(tokenize(d["response"])) for d in docs]
        say("  %-8s %d docs  %d / %d / %d" % (name, len(docs), min(ls), median(ls), max(ls)))
    say("")
    say("1. Per-document watermark score (repeated (context, token) pairs ignored)")
    med = {}
    for name, docs in corpora:
        zs, ps, frac = [], [], []
        for d in docs:
            ids = [fnv1a64(t) for t in tokenize(d["response"])]
            n, s = doc_score(ids)
            zs.append(zscore(n, s))
            ps.append(log10p(n, s))
            frac.append(s / n)
        med[name] = median(ps)
        say("  %-8s median z = %6.2f   median log10 p = %8.2f   median green fraction = %.3f"
            "   docs with p < 1e-6: %d/%d"
            % (name, median(zs), median(ps), median(frac), sum(p < -6 for p in ps), len(ps)))
    req(med["teacher"] < -6, "teacher median per-document p < 1e-6")
    say("")
    say("2. Radioactivity (each distinct (context, token) pair once per corpus, "
        "contexts occurring in prompts skipped)")
    rad = {}
    for name, docs in corpora:
        n, s = radioactivity(docs)
        rad[name] = log10p(n, s)
        say("  %-8s N = %6d  S = %6d  green = %.4f  z = %7.2f  log10 p = %9.2f"
            % (name, n, s, s / n, zscore(n, s), rad[name]))
    req(rad["student"] < -10, "student radioactivity p < 1e-10")
    req(rad["control"] > -2, "control radioactivity p > 0.01")
    extra_p = []
    for docs in extra:
        n, s = radioactivity(docs)
        extra_p.append(log10p(n, s))
    say("  control, other seeds %s: log10 p = %s"
        % (",".join(str(s) for s in EXTRA_CONTROL_SEEDS),
           ", ".join("%.2f" % p for p in extra_p)))
    req(all(p > -2 for p in extra_p), "control radioactivity p > 0.01 for 4 more seeds")
    say("")
    say("3. Documents naming TeacherLM")
    fr = {}
    for name, docs in corpora:
        k = sum("teacherlm" in normalise(d["response"]) for d in docs)
        fr[name] = k / len(docs)
        say("  %-8s %3d/%d = %.1f%%" % (name, k, len(docs), 100 * fr[name]))
    req(0.10 <= fr["teacher"] <= 0.30, "teacher 10-30%")
    req(fr["student"] > 0, "student > 0")
    req(fr["control"] == 0, "control = 0")
    say("")
    say("4. Word 8-gram containment in the teacher corpus")
    tset = set()
    for d in teacher:
        tset |= ngrams(tokenize(d["response"]))
    cont = {}
    for name, docs in corpora[1:]:
        g = set()
        for d in docs:
            g |= ngrams(tokenize(d["response"]))
        cont[name] = len(g & tset) / len(g)
        say("  %-8s %6d distinct 8-grams, %.4f contained" % (name, len(g), cont[name]))
    req(cont["student"] > 5 * cont["control"] and cont["student"] > 0.01,
        "student containment clearly above control")
    say("")
    say("Files:")
    for name in sorted(files):
        say("  %-24s %8d bytes" % (name, len(files[name])))
    total = sum(len(v) for k, v in files.items() if k.endswith(".gz"))
    say("  total .jsonl.gz            %8d bytes" % total)
    req(total < 2_000_000, "total .gz size < 2 MB")
    say("")
    say("Generated in %.1f s. Self-check: %s" % (elapsed, "PASS" if ok else "FAIL"))
    return ok, "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "Samples"),
                    help="output directory (default: Samples/)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary directory and compare bytes with --out")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.check:
        tmp = tempfile.mkdtemp(prefix="ds-samples-")
        try:
            generate(tmp, quiet=args.quiet)
            bad = []
            for name in ("teacher.jsonl.gz", "student.jsonl.gz", "control.jsonl.gz",
                         "watermark-vectors.json"):
                a = os.path.join(tmp, name)
                b = os.path.join(args.out, name)
                if not os.path.exists(b) or open(a, "rb").read() != open(b, "rb").read():
                    bad.append(name)
            if bad:
                print("DIFFERENT: " + ", ".join(bad))
                return 1
            print("identical: Samples match a fresh generation")
            return 0
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    res = generate(args.out, quiet=args.quiet)
    ok, report = self_check(*res)
    print(report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
