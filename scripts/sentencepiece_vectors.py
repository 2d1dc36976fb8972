#!/usr/bin/env python3
"""A SentencePiece-style BPE tokenizer.json (Llama-2 / Mistral form: byte fallback, `▁` for spaces) and
reference token ids for it from Hugging Face `tokenizers`.

Source: `tokenizer.model.v1`, the SentencePiece BPE model of Mistral-7B v0.1 as shipped in the
`mistral-common` package on PyPI (Apache-2.0; see LICENSE-mistral-common.txt beside the fixture). Its
pieces become the vocabulary (piece i has id i); the merges are generated from the vocabulary as
Hugging Face's converter does it (transformers `generate_merges`): every split of a piece into two
pieces of the vocabulary, pieces in id order, splits of one piece by (left id, right id), then ordered
by (merged id, left length, right length). The model is `BPE(byte_fallback=True, fuse_unk=True,
unk_token="<unk>")`. Three pre-processing forms, as the published tokenizer.json files use them:

- `legacy`: normalizer Sequence[Prepend("▁"), Replace(" ", "▁")], no pre-tokenizer (Llama-2, Mistral v0.1);
- `metaspace`: no normalizer, pre-tokenizer Metaspace("▁", prepend_scheme="first", split=False);
- `metaspace-split`: no normalizer, Metaspace("▁", prepend_scheme="always", split=True).

Writes Tests/DistillCoreTests/Fixtures/tokenizers/mistral-v1-tokenizer.json.gz (the `legacy` form) and
Tests/DistillCoreTests/Fixtures/sentencepiece-vectors.json (ids of the three forms for the strings of
scripts/tokenizer_vectors.py, less those holding the special tokens' text, which `tokenizers` would
match as added tokens while DistillScope encodes ordinary text only).

Usage (in a throwaway virtualenv):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tokenizers sentencepiece mistral-common
  /tmp/venv/bin/python scripts/sentencepiece_vectors.py
"""
import gzip
import json
import os
import sys

import sentencepiece
import tokenizers
from tokenizers import normalizers, pre_tokenizers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tokenizer_vectors import build_strings  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DistillCoreTests", "Fixtures")
SPECIAL = ("<unk>", "<s>", "</s>")


def source_model():
    import mistral_common
    return os.path.join(os.path.dirname(mistral_common.__file__), "data", "tokenizer.model.v1")


def merges_of(vocab):
    merges = []
    for piece, merged_id in sorted(vocab.items(), key=lambda kv: kv[1]):
        local = []
        for i in range(1, len(piece)):
            left, right = piece[:i], piece[i:]
            if left in vocab and right in vocab:
                local.append((left, right, merged_id))
        local.sort(key=lambda x: (vocab[x[0]], vocab[x[1]]))
        merges.extend(local)
    merges.sort(key=lambda x: (x[2], len(x[0]), len(x[1])))
    return [(a, b) for a, b, _ in merges]


def tokenizer(vocab, merges, form):
    t = tokenizers.Tokenizer(tokenizers.models.BPE(
        vocab=vocab, merges=merges, byte_fallback=True, fuse_unk=True, unk_token="<unk>"))
    if form == "legacy":
        t.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    elif form == "metaspace":
        t.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    else:
        t.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    t.add_special_tokens(list(SPECIAL))
    return t


def main():
    sp = sentencepiece.SentencePieceProcessor(model_file=source_model())
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    merges = merges_of(vocab)
    forms = {form: tokenizer(vocab, merges, form) for form in ("legacy", "metaspace", "metaspace-split")}
    # The published Mistral v0.1 ids of a sentence (its model card's example tokenisation).
    assert sp.encode("Hello world") == forms["legacy"].encode("Hello world").ids, "converter disagrees with SentencePiece"
    raw = forms["legacy"].to_str(pretty=False).encode()
    with open(os.path.join(ROOT, "tokenizers", "mistral-v1-tokenizer.json.gz"), "wb") as f:
        f.write(gzip.compress(raw, compresslevel=9, mtime=0))
    strings = [s for s in build_strings() if not any(x in s for x in SPECIAL)] + ["", " ", "  a", "▁x", " ▁ "]
    vectors = [{"text": s, **{form: t.encode(s, add_special_tokens=False).ids for form, t in forms.items()}}
               for s in strings]
    out = {
        "description": "Token ids of Hugging Face tokenizers %s for SentencePiece-style BPE (Mistral v0.1 pieces, "
                       "byte fallback) in three forms: legacy normalizer, Metaspace first, Metaspace always + split; "
                       "scripts/sentencepiece_vectors.py." % tokenizers.__version__,
        "vectors": vectors,
    }
    with open(os.path.join(ROOT, "sentencepiece-vectors.json"), "w") as f:
        f.write(json.dumps(out, ensure_ascii=True, sort_keys=True, separators=(",", ":")) + "\n")
    agree = sum(sp.encode(s) == forms["legacy"].encode(s, add_special_tokens=False).ids for s in strings)
    print(f"{len(strings)} strings; SentencePiece itself agrees with the legacy form on {agree}", file=sys.stderr)


if __name__ == "__main__":
    main()
