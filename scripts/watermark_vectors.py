#!/usr/bin/env python3
"""Writes Tests/DistillCoreTests/Fixtures/watermark-deployed-vectors.json.gz: reference values of the
deployed watermark schemes, computed by the reference packages themselves, for WatermarkDeployedTests.

Run in a throwaway virtualenv outside the repository (never commit it):

    python3 -m venv /tmp/wmvenv
    /tmp/wmvenv/bin/pip install torch numpy jax transformers immutabledict
    /tmp/wmvenv/bin/pip install --no-deps markllm==0.1.5 synthid-text==0.2.1
    /tmp/wmvenv/bin/python scripts/watermark_vectors.py

(`markllm` and `synthid-text` are installed without their pinned dependency trees, which pull CUDA
builds of JAX and old torch; only the modules used here are imported: MarkLLM's
`markllm/watermark/kgw/kgw.py` and SynthID-Text's `logits_processing.py` and `detector_mean.py`.)

Everything is seeded; the output is byte-identical across runs with the same package versions.

What comes from where:
- MarkLLM KGW green lists, green flags and z-scores: `markllm.watermark.kgw.kgw.KGWUtils`
  (`get_greenlist_ids`, `score_sequence`) on a minimal config object carrying the fields it reads.
  Watermarked sequences are sampled with `KGWLogitsProcessor` applied to logits made up here.
- lm-watermarking ("simple_1"/"lefthash": additive_prf, context width 1, hash key 15485863): that
  repository is not on PyPI; `lm_watermarking_greenlist` below follows its
  `extended_watermark_processor.py` (`WatermarkBase._seed_rng`, `_get_greenlist_ids`) and
  `lm_watermarking_score` its `WatermarkDetector._score_sequence` with and without
  `ignore_repeated_ngrams`, running torch's own generator and randperm.
- SynthID-Text g-values and masks: `synthid_text.logits_processing.SynthIDLogitsProcessor`
  (`compute_g_values`, `compute_context_repetition_mask`, `compute_eos_token_mask`); scores:
  `synthid_text.detector_mean.mean_score` / `weighted_mean_score`, run with JAX 64-bit mode on
  (float64; the float32 values of the default mode are stored too, for information).
- Digests: FNV-1a 64 over the little-endian int32 bytes of each green list (in permutation order)
  or the bytes of each g-value array (one byte per value, row-major).
"""

import gzip
import json
import math
import os
import sys
from importlib.metadata import version
from types import SimpleNamespace

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from markllm.watermark.kgw.kgw import KGWLogitsProcessor, KGWUtils  # noqa: E402
from synthid_text import detector_mean, logits_processing  # noqa: E402

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "DistillCoreTests", "Fixtures",
    "watermark-deployed-vectors.json.gz")


def fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def list_digest(ids) -> str:
    return fnv1a64(np.asarray(ids, dtype="<i4").tobytes())


def markllm_utils(vocab_size, gamma, hash_key, prefix_length, f_scheme, delta=2.0):
    config = SimpleNamespace(
        gamma=gamma, delta=delta, hash_key=hash_key, prefix_length=prefix_length, f_scheme=f_scheme,
        window_scheme="left", vocab_size=vocab_size, device="cpu")
    return config, KGWUtils(config)


def lm_watermarking_greenlist(vocab_size, gamma, hash_key, context):
    # After lm-watermarking extended_watermark_processor.py: additive_prf, WatermarkBase._seed_rng,
    # WatermarkBase._get_greenlist_ids (select_green_tokens=True).
    prf_key = int(hash_key * torch.as_tensor(context).sum().item())
    rng = torch.Generator(device="cpu")
    rng.manual_seed(prf_key % (2**64 - 1))
    greenlist_size = int(vocab_size * gamma)
    return torch.randperm(vocab_size, device="cpu", generator=rng)[:greenlist_size]


def lm_watermarking_score(ids, vocab_size, gamma, hash_key, ignore_repeated_ngrams):
    # After lm-watermarking WatermarkDetector._score_sequence / _score_ngrams_in_passage
    # (context_width 1, self_salt False) and _compute_z_score.
    width = 1
    grams = [tuple(ids[i - width:i + 1]) for i in range(width, len(ids))]
    lookup = {}
    for g in grams:
        if g not in lookup:
            lookup[g] = bool(g[-1] in set(lm_watermarking_greenlist(vocab_size, gamma, hash_key, list(g[:-1])).tolist()))
    if ignore_repeated_ngrams:
        scored = len(lookup)
        green = sum(lookup.values())
    else:
        scored = len(grams)
        green = sum(lookup[g] for g in grams)
    numer = green - gamma * scored
    denom = math.sqrt(scored * gamma * (1 - gamma))
    return scored, green, numer / denom


def make_logits(rng, vocab_size):
    # Zipf-like base distribution with per-step noise: a made-up "model".
    ranks = np.arange(1, vocab_size + 1, dtype=np.float64)
    base = -1.1 * np.log(ranks)
    perm = rng.permutation(vocab_size)
    return torch.tensor(base[perm] + rng.normal(0, 1.0, vocab_size), dtype=torch.float32)


def sample_sequence(rng, vocab_size, length, processor=None, repeat_from=None):
    ids = [int(rng.integers(0, vocab_size))]
    gen = torch.Generator().manual_seed(int(rng.integers(0, 2**31)))
    base = make_logits(rng, vocab_size)
    while len(ids) < length:
        if repeat_from is not None and rng.random() < 0.15 and len(ids) > 8:
            start = int(rng.integers(0, len(ids) - 6))
            ids.extend(ids[start:start + 6])
            continue
        logits = base + torch.tensor(rng.normal(0, 2.0, vocab_size), dtype=torch.float32)
        scores = logits[None, :].clone()
        if processor is not None:
            scores = processor(torch.tensor([ids]), scores)
        probs = torch.softmax(scores[0], dim=-1)
        ids.append(int(torch.multinomial(probs, 1, generator=gen).item()))
    return ids[:length]


def kgw_green_lists():
    rng = np.random.default_rng(20240611)
    out = []
    keys = [15485863, 2**31 - 1, 7, 123456789012]
    configs = [("time", 1, 0.5, 1000), ("time", 1, 0.25, 1000), ("additive", 2, 0.25, 100), ("skip", 3, 0.25, 100),
               ("min", 2, 0.5, 100), ("time", 3, 0.5, 100)]
    for vocab_size in (32000, 50257):
        for hash_key in keys:
            for f_scheme, prefix, gamma, count in configs:
                if hash_key == 123456789012 and (f_scheme, prefix, gamma) != ("time", 1, 0.5):
                    continue
                _, utils = markllm_utils(vocab_size, gamma, hash_key, prefix, f_scheme)
                contexts = rng.integers(0, vocab_size, size=(count, prefix)).tolist()
                digests = []
                full = []
                for j, ctx in enumerate(contexts):
                    green = utils.get_greenlist_ids(torch.tensor(ctx)).tolist()
                    digests.append(list_digest(green))
                    if j < 2 and len(full) < 2 and f_scheme == "time" and prefix == 1 and gamma == 0.5 \
                            and hash_key == 15485863:
                        full.append(green)
                out.append(dict(scheme="markllm", vocabularySize=vocab_size, hashKey=hash_key, prefixLength=prefix,
                                contextFunction=f_scheme, gamma=gamma, contexts=contexts, digests=digests,
                                fullLists=full))
        for hash_key in keys[:3]:
            contexts = rng.integers(0, vocab_size, size=(1000, 1)).tolist()
            digests = [list_digest(lm_watermarking_greenlist(vocab_size, 0.25, hash_key, ctx).tolist())
                       for ctx in contexts]
            out.append(dict(scheme="lm-watermarking", vocabularySize=vocab_size, hashKey=hash_key, prefixLength=1,
                            contextFunction="additive", gamma=0.25, contexts=contexts, digests=digests, fullLists=[]))
    return out


def randperm_vectors():
    out = []
    for n, seed in [(10, 0), (1000, 1), (1000, 2**32 + 1), (32000, 15485863), (50257, 7 * 15485863 % 50257),
                    (5, -1 & 0xFFFFFFFFFFFFFFFF)]:
        g = torch.Generator().manual_seed(seed if seed < 2**63 else seed - 2**64)
        perm = torch.randperm(n, generator=g).tolist()
        out.append(dict(n=n, seed=seed, digest=list_digest(perm), head=perm[:50] if n > 1000 else perm))
    return out


def kgw_scores():
    rng = np.random.default_rng(77)
    out = []
    for vocab_size, hash_key, gamma, n_docs in [(32000, 15485863, 0.5, 70), (50257, 15485863, 0.25, 70),
                                                (32000, 2**31 - 1, 0.25, 70)]:
        config, utils = markllm_utils(vocab_size, gamma, hash_key, 1, "time", delta=2.5)
        processor = KGWLogitsProcessor(config, utils)
        for d in range(n_docs):
            kind = d % 3  # 0 unwatermarked model, 1 watermarked, 2 uniform random with repeats
            length = int(rng.integers(20, 160))
            if kind == 0:
                ids = sample_sequence(rng, vocab_size, length)
            elif kind == 1:
                ids = sample_sequence(rng, vocab_size, length, processor=processor, repeat_from=True)
            else:
                ids = rng.integers(0, vocab_size, size=length).tolist()
                ids = ids + ids[: length // 3]
            z, flags = utils.score_sequence(torch.tensor(ids))
            rec = dict(scheme="markllm", vocabularySize=vocab_size, hashKey=hash_key, gamma=gamma,
                       watermarked=kind == 1, ids=ids, z=z, green=int(sum(1 for f in flags if f == 1)))
            for ignore in (False, True):
                scored, green, zl = lm_watermarking_score(ids, vocab_size, gamma, hash_key, ignore)
                rec["lmWatermarking" + ("Unique" if ignore else "All")] = dict(scored=scored, green=green, z=zl)
            out.append(rec)
    return out


def synthid_processor(cfg):
    return logits_processing.SynthIDLogitsProcessor(
        ngram_len=cfg["ngramLength"], keys=cfg["keys"], sampling_table_size=cfg["samplingTableSize"],
        sampling_table_seed=cfg["samplingTableSeed"], context_history_size=cfg["contextHistorySize"],
        temperature=1.0, top_k=40, device=torch.device("cpu"))


def synthid_vectors():
    rng = np.random.default_rng(4242)
    default_keys = [654, 400, 836, 123, 340, 443, 597, 160, 57, 29, 590, 639, 13, 715, 468, 990, 966, 226, 324, 585,
                    118, 504, 421, 521, 129, 669, 732, 225, 90, 960]
    key_sets = [
        dict(keys=default_keys, ngramLength=5, samplingTableSize=65536, samplingTableSeed=0, contextHistorySize=1024),
        dict(keys=[int(k) for k in rng.integers(-2**63, 2**63 - 1, size=12, dtype=np.int64)], ngramLength=3,
             samplingTableSize=1000, samplingTableSeed=12345, contextHistorySize=16),
        dict(keys=[int(k) for k in rng.integers(0, 2**40, size=20)], ngramLength=4, samplingTableSize=2**20,
             samplingTableSeed=2**33 + 5, contextHistorySize=64),
    ]
    out = []
    for cfg in key_sets:
        proc = synthid_processor(cfg)
        table = proc.sampling_table.to(torch.uint8).numpy().tobytes()
        docs = []
        for d in range(70):
            vocab = [256, 32000, 256000][d % 3]
            length = int(rng.integers(cfg["ngramLength"], 200))
            ids = rng.integers(0, vocab, size=length).tolist()
            if d % 4 == 1:  # repeated stretches, so the repetition mask matters
                ids = (ids[: max(cfg["ngramLength"], length // 3)] * 4)[:length]
            eos = None
            if d % 5 == 2 and length > cfg["ngramLength"] + 3:
                eos = 1
                ids[int(rng.integers(cfg["ngramLength"], length))] = eos
            x = torch.tensor([ids], dtype=torch.long)
            g = proc.compute_g_values(x)  # (1, rows, depth)
            rep = proc.compute_context_repetition_mask(x)  # (1, rows)
            rows = g.shape[1]
            if eos is not None:
                eos_mask = proc.compute_eos_token_mask(x, eos)[:, cfg["ngramLength"] - 1:]
            else:
                eos_mask = torch.ones_like(rep)
            full_mask = (rep * eos_mask).numpy()
            none_mask = np.ones((1, rows), dtype=np.int64)
            gj = jnp.asarray(g.numpy())
            rec = dict(ids=ids, eosTokenID=eos, rows=rows,
                       gDigest=fnv1a64(g[0].to(torch.uint8).numpy().tobytes()),
                       repetitionMask="".join("1" if v else "0" for v in rep[0].tolist()))
            if d < 4:
                rec["g"] = ["".join(str(int(v)) for v in row) for row in g[0].tolist()]
            for name, m in (("masked", full_mask), ("unmasked", none_mask)):
                if m.sum() == 0:
                    continue
                mj = jnp.asarray(m)
                rec[name] = dict(
                    mean=float(detector_mean.mean_score(gj, mj)[0]),
                    weightedMean=float(detector_mean.weighted_mean_score(gj, mj)[0]),
                )
            docs.append(rec)
        out.append(dict(config=cfg, tableDigest=fnv1a64(table), documents=docs))
    return out


def synthid_float32_note():
    # The package's default (32-bit JAX) values for one sequence, to document the difference.
    return "detector_mean in JAX's default 32-bit mode differs from these float64 values by < 1e-6"


def main():
    torch.use_deterministic_algorithms(True)
    data = dict(
        generator="scripts/watermark_vectors.py",
        versions=dict(torch=torch.__version__.split("+")[0], markllm=version("markllm"),
                      synthidText=version("synthid-text"), jax=jax.__version__, numpy=np.__version__),
        randperm=randperm_vectors(),
        kgwGreenLists=kgw_green_lists(),
        kgwScores=kgw_scores(),
        synthid=synthid_vectors(),
        note=synthid_float32_note(),
    )
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    with open(OUT, "wb") as f:
        with gzip.GzipFile(filename="", fileobj=f, mode="wb", mtime=0) as gz:
            gz.write(raw)
    print(f"wrote {OUT}: {len(raw)} bytes JSON, {os.path.getsize(OUT)} gzipped", file=sys.stderr)


if __name__ == "__main__":
    main()
