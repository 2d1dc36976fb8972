#!/usr/bin/env python3
"""Measures the single-threaded CPU speed of the Python reference implementations of two watermark
detectors, for comparison with DistillScope's own figures (not part of the build or the tests):

1. MarkLLM KGW detection: `markllm.watermark.kgw.kgw.KGWUtils.score_sequence(torch.tensor(ids))` on
   uniformly random token sequences, |V| = 50,257, gamma 0.5, MarkLLM's default scheme (prefix_length 1,
   f_scheme "time", window_scheme "left", hash_key 15485863). MarkLLM keeps no green-list cache:
   `score_sequence` calls `get_greenlist_ids` for every scored token, which reseeds a torch generator,
   runs `torch.randperm(|V|)` and tests membership in the resulting tensor. Reported as tokens/s; the
   time of one `get_greenlist_ids` call is measured on its own too.
2. SynthID-Text g-values: `synthid_text.logits_processing.SynthIDLogitsProcessor.compute_g_values` with
   the package's example config (`synthid_mixin.DEFAULT_WATERMARKING_CONFIG`: 30 keys, ngram_len 5,
   sampling_table_size 2**16, sampling_table_seed 0, context_history_size 1024) on one batch of
   random ids. Reported as tokens/s (input ids) and g-values/s (ngram rows x 30 keys).

Every figure is the best of several runs (default 3), in CPU time (`time.process_time()`) and in wall
time, with torch, OpenMP and MKL limited to one thread. The load average is recorded at start and end:
on a busy machine wall-time figures are unreliable, CPU-time figures less so.

Run in the same throwaway virtualenv as scripts/watermark_vectors.py, outside the repository (never
commit it):

    python3 -m venv /tmp/wmvenv
    /tmp/wmvenv/bin/pip install torch numpy jax transformers immutabledict
    /tmp/wmvenv/bin/pip install --no-deps markllm==0.1.5 synthid-text==0.2.1
    /tmp/wmvenv/bin/python scripts/watermark_reference_speed.py [--kgw-sequences 50] [--kgw-length 2000]
        [--synthid-batch 8] [--synthid-length 10000] [--runs 3]

Prints one JSON object on stdout.
"""

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from importlib.metadata import version  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass

from markllm.watermark.kgw.kgw import KGWUtils  # noqa: E402
from synthid_text import logits_processing, synthid_mixin  # noqa: E402


def markllm_utils(vocab_size, gamma, hash_key, prefix_length, f_scheme, delta=2.0):
    # Copied from scripts/watermark_vectors.py (markllm_utils): the minimal config KGWUtils reads.
    config = SimpleNamespace(
        gamma=gamma, delta=delta, hash_key=hash_key, prefix_length=prefix_length, f_scheme=f_scheme,
        window_scheme="left", vocab_size=vocab_size, device="cpu")
    return config, KGWUtils(config)


def synthid_processor(cfg):
    # After scripts/watermark_vectors.py (synthid_processor), taking the package's config dict.
    return logits_processing.SynthIDLogitsProcessor(
        ngram_len=cfg["ngram_len"], keys=cfg["keys"], sampling_table_size=cfg["sampling_table_size"],
        sampling_table_seed=cfg["sampling_table_seed"], context_history_size=cfg["context_history_size"],
        temperature=1.0, top_k=40, device=torch.device("cpu"))


def best_of(runs, fn):
    """Runs fn() `runs` times; returns (best CPU seconds, best wall seconds, all runs, last result)."""
    cpu, wall, result = [], [], None
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        c1, w1 = time.process_time(), time.perf_counter()
        cpu.append(c1 - c0)
        wall.append(w1 - w0)
    return min(cpu), min(wall), dict(cpuSeconds=cpu, wallSeconds=wall), result


def rate(count, seconds):
    return count / seconds if seconds > 0 else None


def bench_kgw(args):
    vocab_size, gamma, hash_key = 50257, 0.5, 15485863
    _, utils = markllm_utils(vocab_size, gamma, hash_key, 1, "time")
    rng = np.random.default_rng(1)
    seqs = [torch.tensor(rng.integers(0, vocab_size, size=args.kgw_length).tolist())
            for _ in range(args.kgw_sequences)]
    scored = sum(len(s) - 1 for s in seqs)  # prefix_length 1: the first token is not scored

    def detect():
        return [utils.score_sequence(s)[0] for s in seqs]

    utils.score_sequence(seqs[0][:50])  # warm-up
    cpu, wall, runs, zs = best_of(args.runs, detect)

    # One green list on its own (reseed + randperm(|V|) + slice), as in score_sequence.
    contexts = [torch.tensor([int(t)]) for t in rng.integers(0, vocab_size, size=args.greenlist_calls)]

    def greenlists():
        for c in contexts:
            utils.get_greenlist_ids(c)

    gcpu, gwall, gruns, _ = best_of(args.runs, greenlists)
    return dict(
        vocabularySize=vocab_size, gamma=gamma, hashKey=hash_key, prefixLength=1, fScheme="time",
        windowScheme="left", sequences=args.kgw_sequences, sequenceLength=args.kgw_length,
        tokensScored=scored, runs=runs,
        tokensPerSecondCPU=rate(scored, cpu), tokensPerSecondWall=rate(scored, wall),
        meanZ=float(np.mean(zs)),
        greenListCalls=args.greenlist_calls, greenListRuns=gruns,
        greenListMillisecondsCPU=1000 * gcpu / args.greenlist_calls,
        greenListMillisecondsWall=1000 * gwall / args.greenlist_calls,
        cache=("none: KGWUtils.score_sequence calls get_greenlist_ids (manual_seed + torch.randperm(|V|)) "
               "for every scored token, then `token in greenlist_tensor`"),
    )


def bench_synthid(args):
    cfg = dict(synthid_mixin.DEFAULT_WATERMARKING_CONFIG)
    proc = synthid_processor(cfg)
    depth = len(cfg["keys"])
    rng = np.random.default_rng(2)
    ids = torch.tensor(rng.integers(0, 256000, size=(args.synthid_batch, args.synthid_length)), dtype=torch.long)
    proc.compute_g_values(ids[:, :100])  # warm-up

    with torch.no_grad():
        cpu, wall, runs, g = best_of(args.runs, lambda: proc.compute_g_values(ids))
    tokens = args.synthid_batch * args.synthid_length
    rows = g.shape[0] * g.shape[1]
    gvalues = rows * g.shape[2]
    return dict(
        config=dict(ngramLength=cfg["ngram_len"], keys=depth, samplingTableSize=cfg["sampling_table_size"],
                    samplingTableSeed=cfg["sampling_table_seed"], contextHistorySize=cfg["context_history_size"]),
        batch=args.synthid_batch, sequenceLength=args.synthid_length, tokens=tokens, ngramRows=rows,
        gValues=gvalues, gShape=list(g.shape), gMean=float(g.float().mean()), runs=runs,
        tokensPerSecondCPU=rate(tokens, cpu), tokensPerSecondWall=rate(tokens, wall),
        gValuesPerSecondCPU=rate(gvalues, cpu), gValuesPerSecondWall=rate(gvalues, wall),
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kgw-sequences", type=int, default=50)
    p.add_argument("--kgw-length", type=int, default=2000)
    p.add_argument("--greenlist-calls", type=int, default=2000)
    p.add_argument("--synthid-batch", type=int, default=8)
    p.add_argument("--synthid-length", type=int, default=10000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--skip-kgw", action="store_true")
    p.add_argument("--skip-synthid", action="store_true")
    args = p.parse_args()

    load_start = os.getloadavg()
    out = dict(
        generator="scripts/watermark_reference_speed.py",
        versions=dict(torch=torch.__version__, markllm=version("markllm"), synthidText=version("synthid-text"),
                      numpy=np.__version__, python=platform.python_version()),
        threads=dict(torch=torch.get_num_threads(), torchInterop=torch.get_num_interop_threads(),
                     OMP_NUM_THREADS=os.environ["OMP_NUM_THREADS"], MKL_NUM_THREADS=os.environ["MKL_NUM_THREADS"]),
        machine=dict(platform=platform.platform(), processor=platform.processor(), cpuCount=os.cpu_count()),
        bestOf=args.runs,
        loadAverageStart=list(load_start),
    )
    if not args.skip_kgw:
        out["markllmKGW"] = bench_kgw(args)
        print(f"kgw done, load {os.getloadavg()}", file=sys.stderr)
    if not args.skip_synthid:
        out["synthidGValues"] = bench_synthid(args)
    out["loadAverageEnd"] = list(os.getloadavg())
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
