#!/usr/bin/env python3
"""DistillScope against its peers: the same jobs on the same input in one run, as ratios.

Run through scripts/bench-peers.sh, which builds the release binary and the kernel benchmark,
generates the standard corpora with ../shared/bench/gen_corpus.py and installs the peers
(datasketch, rensa, faiss-cpu) in a throwaway virtualenv. Jobs:

  A  MinHash-128 of 5-gram word shingles from raw JSONL, one thread (read, tokenise, shingle,
     hash, sketch): DistillScope `sketch`, datasketch `MinHash.bulk`, rensa `RMinHash.from_token_sets`.
  B  Near-duplicate pairs from JSONL at a Jaccard threshold: DistillScope `dedup` (2 threads,
     verified), datasketch `MinHashLSH` (default parameters), rensa `RMinHashLSH` (datasketch's
     band count) with its Jaccard estimate as check; recall of the planted pairs whose exact 5-gram
     Jaccard is at or above the threshold, and DistillScope's precision.
  C  Exact 13-gram containment of 50k suspect documents in 50k reference documents: DistillScope
     `compare --ngram 13` against a plain Python-set implementation.
  D  Hamming top-10 over 1M 64-bit codes: DistillScope's kernel against faiss IndexBinaryFlat,
     queries per second on one thread.
  E  Two threads against one on each kernel (from the kernel benchmark).

Tokenisation on the Python side is `re.findall(r"\\w+|[^\\w\\s]", text.lower())`, which equals
DistillScope's word tokens on these ASCII corpora.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

TOKEN = re.compile(r"\w+|[^\w\s]")
CHUNK = 5000


def tokens(text):
    return TOKEN.findall(text.lower())


def shingles(toks, n=5):
    if len(toks) < n:
        return [" ".join(toks)] if toks else []
    return [" ".join(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def read_texts(path, limit=None):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            yield json.loads(line)["text"]


def run(cmd):
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - t0, out.stdout


def best_of(times, fn):
    best = None
    result = None
    for _ in range(times):
        t, result = fn()
        best = t if best is None else min(best, t)
    return best, result


def exact_jaccard(a, b):
    return len(a & b) / len(a | b) if (a or b) else 0.0


class Table:
    def __init__(self, title):
        self.title = title
        self.rows = []

    def add(self, tool, seconds, mb=None, extra="", ours=None):
        self.rows.append((tool, seconds, mb, extra, ours))

    def show(self):
        print(f"\n{self.title}")
        print(f"  {'tool':<34} {'wall s':>8} {'MB/s':>8} {'x ours':>9}  notes")
        base = next((r[1] for r in self.rows if r[4]), None)
        for tool, seconds, mb, extra, ours in self.rows:
            rate = f"{mb / seconds:8.1f}" if mb else " " * 8
            ratio = f"{seconds / base:8.1f}x" if base and not ours else " " * 8 + "-"
            print(f"  {tool:<34} {seconds:8.2f} {rate} {ratio}  {extra}")


def job_minhash(bin_, corpus, mb, repeat):
    table = Table(f"A. MinHash-128 of 5-gram shingles from raw JSONL, one thread ({os.path.basename(corpus)}, {mb:.0f} MB)")
    t, _ = best_of(repeat, lambda: run([bin_, "sketch", "--threads", "1", "--progress", "never", "--quiet", corpus]))
    table.add("DistillScope sketch --threads 1", t, mb, ours=True)

    from datasketch import MinHash

    def ds():
        t0 = time.perf_counter()
        batch, n = [], 0
        for text in read_texts(corpus):
            batch.append([s.encode() for s in shingles(tokens(text))])
            if len(batch) == CHUNK:
                n += len(MinHash.bulk(batch, num_perm=128))
                batch = []
        n += len(MinHash.bulk(batch, num_perm=128)) if batch else 0
        return time.perf_counter() - t0, n

    t, _ = ds()
    table.add("datasketch MinHash.bulk", t, mb)

    from rensa import RMinHash

    def rs():
        t0 = time.perf_counter()
        batch, n = [], 0
        for text in read_texts(corpus):
            batch.append(shingles(tokens(text)))
            if len(batch) == CHUNK:
                n += len(RMinHash.from_token_sets(batch, num_perm=128, seed=42))
                batch = []
        n += len(RMinHash.from_token_sets(batch, num_perm=128, seed=42)) if batch else 0
        return time.perf_counter() - t0, n

    t, _ = best_of(repeat, rs)
    table.add("rensa RMinHash.from_token_sets", t, mb)
    table.show()
    return table


def truth_pairs(corpus, threshold):
    truth_path = corpus[: -len(".jsonl")] + ".truth.tsv"
    pairs = []
    with open(truth_path) as f:
        next(f)
        for line in f:
            a, b = line.split()
            pairs.append((min(int(a), int(b)), max(int(a), int(b))))
    wanted = {i for p in pairs for i in p}
    sets = {}
    for i, text in enumerate(read_texts(corpus)):
        if i in wanted:
            sets[i] = set(shingles(tokens(text)))
    return {p for p in pairs if exact_jaccard(sets[p[0]], sets[p[1]]) >= threshold}, sets


def rensa_bands(threshold, k=128):
    """rensa needs a band count dividing k: the divisor that datasketch's rule (equal weights on the
    false-positive and false-negative areas) prefers."""
    def area(f, a, b, n=400):
        h = (b - a) / n
        return sum(f(a + (i + 0.5) * h) for i in range(n)) * h
    best = None
    for b in (d for d in range(1, k + 1) if k % d == 0):
        r = k // b
        fp = area(lambda s: 1 - (1 - s ** r) ** b, 0, threshold)
        fn = area(lambda s: (1 - s ** r) ** b, threshold, 1)
        if best is None or fp + fn < best[0]:
            best = (fp + fn, b)
    return best[1]


def job_near_duplicates(bin_, corpus, mb, threshold):
    table = Table(f"B. Near-duplicates at Jaccard >= {threshold} ({os.path.basename(corpus)}), JSONL to pairs")
    truth, _ = truth_pairs(corpus, threshold)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "d.json")
        t, _ = best_of(2, lambda: run([bin_, "dedup", "--threads", "2", "--progress", "never", "--threshold",
                                       str(threshold), "--json", out, corpus]))
        report = json.load(open(out))
    found = {(min(int(p["first"]), int(p["second"])), max(int(p["first"]), int(p["second"]))) for p in report["pairs"]}
    # Precision: recompute the exact Jaccard of every reported pair.
    need = {i for p in found for i in p}
    sets = {i: set(shingles(tokens(t))) for i, t in enumerate(read_texts(corpus)) if i in need}
    bad = sum(1 for a, b in found if exact_jaccard(sets[a], sets[b]) < threshold - 1e-12)
    recall = len(found & truth) / len(truth) if truth else 1.0
    precision = 1 - bad / len(found) if found else 1.0
    lsh = report["statistics"]["parameters"]
    table.add("DistillScope dedup --threads 2", t, mb,
              f"recall {recall:.4f} of {len(truth)} planted pairs, precision {precision:.4f}, "
              f"LSH {lsh['bands']}x{lsh['rows']}", ours=True)

    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    mins = []
    batch = []
    for text in read_texts(corpus):
        batch.append([s.encode() for s in shingles(tokens(text))])
        if len(batch) == CHUNK:
            mins += MinHash.bulk(batch, num_perm=128)
            batch = []
    if batch:
        mins += MinHash.bulk(batch, num_perm=128)
    lsh_index = MinHashLSH(threshold=threshold, num_perm=128)
    for i, m in enumerate(mins):
        lsh_index.insert(i, m)
    ds_pairs = set()
    for i, m in enumerate(mins):
        for j in lsh_index.query(m):
            if j != i:
                ds_pairs.add((min(i, j), max(i, j)))
    t = time.perf_counter() - t0
    b, r = lsh_index.b, lsh_index.r
    ds_recall = len(ds_pairs & truth) / len(truth) if truth else 1.0
    table.add("datasketch MinHashLSH (defaults)", t, mb, f"recall {ds_recall:.4f}, unverified, LSH {b}x{r}")

    from rensa import RMinHash, RMinHashLSH

    t0 = time.perf_counter()
    rmins = []
    batch = []
    for text in read_texts(corpus):
        batch.append(shingles(tokens(text)))
        if len(batch) == CHUNK:
            rmins += RMinHash.from_token_sets(batch, num_perm=128, seed=42)
            batch = []
    if batch:
        rmins += RMinHash.from_token_sets(batch, num_perm=128, seed=42)
    rb = rensa_bands(threshold)
    rl = RMinHashLSH(threshold, 128, rb)
    for i, m in enumerate(rmins):
        rl.insert(i, m)
    rs_pairs = set()
    for i, m in enumerate(rmins):
        for j in rl.query(m):
            if j != i and m.jaccard(rmins[j]) >= threshold:
                rs_pairs.add((min(i, j), max(i, j)))
    t = time.perf_counter() - t0
    rs_recall = len(rs_pairs & truth) / len(truth) if truth else 1.0
    table.add(f"rensa RMinHashLSH ({rb}x{128 // rb})", t, mb, f"recall {rs_recall:.4f}, estimate-checked")
    table.show()
    return table


def job_containment(bin_, corpus, work):
    ref = os.path.join(work, "ref50k.jsonl")
    sus = os.path.join(work, "sus50k.jsonl")
    if not (os.path.exists(ref) and os.path.exists(sus)):
        with open(corpus) as f, open(ref, "w") as r, open(sus, "w") as s:
            for i, line in enumerate(f):
                (r if i < 50000 else s).write(line)
    mb = (os.path.getsize(ref) + os.path.getsize(sus)) / 1e6
    table = Table(f"C. Exact 13-gram containment, 50k suspect in 50k reference documents ({mb:.0f} MB)")
    values = {}
    for threads in ("1", "2"):
        t, out = best_of(2, lambda: run([bin_, "compare", "--threads", threads, "--progress", "never", "--ngram", "13",
                                         "--no-near-duplicates", "--no-style", "--boilerplate-min-docs", "0", "--json", "-", ref, sus]))
        width = json.loads(out)["overlap"]["widths"][0]
        values[threads] = width["corpusContainment"]
        table.add(f"DistillScope compare --threads {threads}", t, mb, f"containment {width['corpusContainment']:.6f}",
                  ours=(threads == "2"))

    def py():
        t0 = time.perf_counter()
        grams = set()
        for text in read_texts(ref):
            toks = tokens(text)
            grams.update(tuple(toks[i:i + 13]) for i in range(len(toks) - 12))
        shared = windows = 0
        for text in read_texts(sus):
            toks = tokens(text)
            for i in range(len(toks) - 12):
                windows += 1
                shared += tuple(toks[i:i + 13]) in grams
        return time.perf_counter() - t0, shared / windows

    t, c = py()
    table.add("Python set of 13-gram tuples", t, mb, f"containment {c:.6f}")
    table.show()
    return table, values, c


def job_kernels(kernel_bin):
    _, out = run([kernel_bin])
    k = json.loads(out)
    import numpy as np
    import faiss

    rng = np.random.default_rng(0)
    codes = rng.integers(0, 256, size=(1_000_000, 8), dtype=np.uint8)
    queries = rng.integers(0, 256, size=(2000, 8), dtype=np.uint8)
    faiss.omp_set_num_threads(1)
    index = faiss.IndexBinaryFlat(64)
    index.add(codes)
    t0 = time.perf_counter()
    index.search(queries, 10)
    faiss_qps = len(queries) / (time.perf_counter() - t0)
    print("\nD. Hamming top-10 over 1M 64-bit codes, one thread")
    ours = k["hamming"]["1"]
    print(f"  DistillScope HammingIndex   {ours:10.0f} queries/s")
    print(f"  faiss IndexBinaryFlat       {faiss_qps:10.0f} queries/s   (ours / faiss = {ours / faiss_qps:.2f})")
    print("\nE. Kernels, one thread and two")
    print(f"  {'kernel':<28} {'1 thread':>14} {'2 threads':>14} {'speed-up':>9}")
    for name, unit in (("minhash", "shingles/s"), ("hamming", "queries/s"), ("ngram", "windows/s"), ("cosine", "queries/s"),
                       ("tokenize", "MB/s")):
        one, two = k[name]["1"], k[name]["2"]
        print(f"  {name + ' (' + unit + ')':<28} {one:14.4g} {two:14.4g} {two / one:8.2f}x")
    return k, faiss_qps


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--kernel-bin", required=True)
    ap.add_argument("--e10", required=True, help="corpus generated with the default --edit-frac 0.10")
    ap.add_argument("--e2", required=True, help="corpus generated with --edit-frac 0.02")
    ap.add_argument("--work", required=True)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--jobs", default="ABCDE", help="which jobs to run (letters of A-E; D and E run together)")
    a = ap.parse_args()
    t0 = time.time()
    mb = os.path.getsize(a.e10) / 1e6
    if "A" in a.jobs:
        job_minhash(a.bin, a.e10, mb, a.repeat)
    if "B" in a.jobs:
        job_near_duplicates(a.bin, a.e2, os.path.getsize(a.e2) / 1e6, 0.8)
        job_near_duplicates(a.bin, a.e10, mb, 0.3)
    if "C" in a.jobs:
        job_containment(a.bin, a.e10, a.work)
    if "D" in a.jobs or "E" in a.jobs:
        job_kernels(a.kernel_bin)
    print(f"\n(total {time.time() - t0:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
