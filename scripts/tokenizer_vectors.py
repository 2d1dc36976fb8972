#!/usr/bin/env python3
"""Reference token ids for DistillScope's subword tokenisers, from the reference implementations
(`tiktoken` for the rank files, Hugging Face `tokenizers` for tokenizer.json and GPT-2's
vocab.json + merges.txt), over 1,200 varied strings: emoji, CJK, code, runs of spaces and
newlines, numbers, contractions, combining marks, compatibility characters.

  Tests/DistillCoreTests/Fixtures/tokenizer-vectors.json

The tokenizer files are the committed fixtures in Tests/DistillCoreTests/Fixtures/tokenizers/
(MIT-licensed; see the LICENSE-*.txt files there and docs/watermark.md for where they come from).
The split patterns are the published ones of each encoding (tiktoken's openai_public.py).

Usage (in a throwaway virtualenv):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tiktoken tokenizers
  /tmp/venv/bin/python scripts/tokenizer_vectors.py > Tests/DistillCoreTests/Fixtures/tokenizer-vectors.json
"""
import base64
import gzip
import json
import os
import random
import tempfile

import tiktoken
import tokenizers

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DistillCoreTests", "Fixtures")
FILES = os.path.join(ROOT, "tokenizers")

CL100K = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]++[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+"""
O200K = "|".join([
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
    r"""\p{N}{1,3}""",
    r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
    r"""\s*[\r\n]+""",
    r"""\s+(?!\S)""",
    r"""\s+""",
])
LLAMA3 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
QWEN2 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""


def load_ranks(name):
    ranks = {}
    with gzip.open(os.path.join(FILES, name), "rt") as f:
        for line in f:
            if line.strip():
                token, rank = line.split()
                ranks[base64.b64decode(token)] = int(rank)
    return ranks


FRAGMENTS = [
    "Hello world", "hello", "HELLO", " world", "I'm", "you're", "WE'LL", "they've", "she'd", "IT'S", "don't",
    "'s", "'S", "'ll", "ſ", "naïve", "café", "Ångström", "straße", "ﬁnance", "ＦＵＬＬ", "①②③", "x²", "½",
    "12345678", "3.14159", "1,000,000", "2024-06-11", "0x7E5C4E12", "v1.2.3", "٣٤٥", "१२३",
    "你好，世界", "日本語のテキスト", "한국어 문장", "Привет, мир", "ПРИВЕТ", "Ελληνικά", "עברית", "العربية",
    "हिन्दी", "ไทย", "e\u0301", "\u0301", "a\u0300\u0301b", "😀", "👍🏽", "👨‍👩‍👧", "🇺🇸", "❤️", "🤖!",
    "def f(x):\n    return x ** 2\n", "for (int i = 0; i < n; i++) {", "    ", "\t\t", "\n\n\n", "\r\n", " \n ",
    "  \n\n  ", "\u00a0", "\u3000", "\u2028", "\u200b", "...", "!!!", "?!", "--", "—", "–", "“quoted”", "‘single’",
    "<|endoftext|>", "https://example.com/a/b?c=d", "user@example.com", "#hashtag", "@mention", "$100",
    "C++", "x/y/z", "a//b", "//", "/*comment*/", "{\"key\": [1, 2]}", "<div class=\"x\">", "snake_case",
    "camelCaseWord", "HTTPServer", "ALLCAPS", "MixedUPPERlower", "ǅemal", "ǈ", "Ǆ", "ÀÉÎ", "ß", "İstanbul",
    "Moby-Dick", "Call me Ishmael.", "It is a truth universally acknowledged", "  leading", "trailing  ",
    "tab\tseparated", "multi   space", "end.\n", "\x00", "\x7f", "\ufeff", "\ufffd", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𝟙𝟚𝟛",
]
WORDS = ("the of and to a in is it you that he was for on are with as his they be at one have this from "
         "or had by word but what some we can out other were all there when up use your how said an each "
         "she which do their time if will way about many then them write would like so these her long make "
         "thing see him two has look more day could go come did number sound no most people my over know").split()


def build_strings():
    rng = random.Random(20260611)
    out = list(FRAGMENTS)
    for a in FRAGMENTS:
        out.append(a + " " + rng.choice(FRAGMENTS))
    seps = [" ", "  ", "\n", " \n", "\n\n", "\t", "", ", ", ". ", "\r\n", "   ", " - "]
    while len(out) < 1200:
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.45:
                parts.append(rng.choice(WORDS).capitalize() if rng.random() < 0.2 else rng.choice(WORDS))
            elif r < 0.8:
                parts.append(rng.choice(FRAGMENTS))
            elif r < 0.9:
                parts.append(str(rng.randint(0, 10 ** rng.randint(1, 12))))
            else:
                parts.append("".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff),
                                                      rng.randint(0x3000, 0x9fff), rng.randint(0x1f300, 0x1faff)]))
                                     for _ in range(rng.randint(1, 6))))
            parts.append(rng.choice(seps))
        out.append("".join(parts))
    return out


def main():
    strings = build_strings()
    cl100k = tiktoken.Encoding("cl100k_base", pat_str=CL100K, mergeable_ranks=load_ranks("cl100k_base.tiktoken.gz"),
                               special_tokens={})
    o200k = tiktoken.Encoding("o200k_base", pat_str=O200K, mergeable_ranks=load_ranks("o200k_base.tiktoken.gz"),
                              special_tokens={})
    with gzip.open(os.path.join(FILES, "anthropic-tokenizer.json.gz"), "rt", encoding="utf-8") as f:
        anthropic = tokenizers.Tokenizer.from_str(f.read())
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("vocab.json", "merges.txt"):
            with gzip.open(os.path.join(FILES, "gpt2-" + name + ".gz"), "rb") as src, open(os.path.join(tmp, name), "wb") as dst:
                dst.write(src.read())
        gpt2 = tokenizers.Tokenizer(tokenizers.models.BPE.from_file(os.path.join(tmp, "vocab.json"), os.path.join(tmp, "merges.txt")))
    gpt2.pre_tokenizer = tokenizers.pre_tokenizers.ByteLevel(add_prefix_space=False)
    splitters = {name: tokenizers.pre_tokenizers.Split(tokenizers.Regex(pat), behavior="isolated")
                 for name, pat in (("llama3", LLAMA3), ("qwen2", QWEN2))}
    assert cl100k.encode_ordinary("Hello world") == [9906, 1917]
    assert gpt2.encode("Hello world").ids == [15496, 995]
    vectors = []
    for s in strings:
        vectors.append({
            "text": s,
            "cl100k_base": cl100k.encode_ordinary(s),
            "o200k_base": o200k.encode_ordinary(s),
            "anthropic": anthropic.encode(s, add_special_tokens=False).ids,
            "gpt2": gpt2.encode(s, add_special_tokens=False).ids,
            "llama3_split": [p for p, _ in splitters["llama3"].pre_tokenize_str(s)],
            "qwen2_split": [p for p, _ in splitters["qwen2"].pre_tokenize_str(s)],
        })
    out = {
        "description": "Token ids from tiktoken %s (cl100k_base, o200k_base: encode_ordinary) and Hugging Face "
                       "tokenizers %s (anthropic tokenizer.json; GPT-2 vocab.json + merges.txt with ByteLevel, "
                       "add_prefix_space=false), and the pre-tokenisation splits of the Llama-3 and Qwen-2 "
                       "patterns (tokenizers Split, isolated); scripts/tokenizer_vectors.py."
                       % (tiktoken.__version__, tokenizers.__version__),
        "vectors": vectors,
    }
    print(json.dumps(out, ensure_ascii=True, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
