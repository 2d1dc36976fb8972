#!/usr/bin/env python3
"""Near-duplicate clusters of a corpus on Apache Spark, through the `distillscope` binary.

Each partition's records are piped through `distillscope fingerprint --without-shingles` (the binary is
shipped with `--files` and found with `SparkFiles.get`); band keys are exploded and grouped into
candidate pairs; candidates are verified exactly as `dedup` does: the MinHash pre-filter at
t - 4*sqrt(t(1-t)/k) on the signatures, then a second pass pipes only the documents of surviving pairs
through `distillscope fingerprint` for their shingle sets and keeps exact Jaccard >= t (dedup's own
second read); connected components give the clusters.

Output: one JSON file whose "clusters", "pairs", "documents", "statistics" fields equal those of
`distillscope dedup --json` on the same corpus (see docs/scale.md for the conditions).

Connected components: the verified pairs are collected to the driver and joined with union-find.
Verified pairs are a small fraction of the documents (a pair list of 10M pairs is ~200 MB on the
driver); past that, replace `components` with iterative min-label propagation (see docs/scale.md).

Input: JSONL (`spark.read.text`) or Parquet (`--parquet`; rows become JSON records). Each record must
be one document (text/completion/Alpaca shapes, not chat transcripts with several assistant turns) and
carry an `id` (documents without one are named by their line in the shipped stream, not the file).
"""
import argparse
import json
import math
import os
import subprocess
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession

BUCKET_LIMIT = 128  # LSHIndex.fullPairBucketLimit


def fingerprint_partition(binary_name, args, shingles):
    """Pipes a partition's (record, index) rows through `distillscope fingerprint`. First pass
    (`shingles` False): (index, id, signature, bands), lines written `--without-shingles`. Second pass:
    (index, shingle hashes as 16-digit hex strings; fixed-width lower-case hex sorts as the numbers do,
    so the merge-join of `jaccard` needs no conversion)."""
    def run(rows):
        rows = list(rows)
        if not rows:
            return
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        payload = "".join(line + "\n" for line, _ in rows).encode()
        extra = [] if shingles else ["--without-shingles"]
        proc = subprocess.run(
            [binary, "fingerprint", "--threads", "1", *extra, *args, "-"], input=payload,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise RuntimeError("distillscope fingerprint failed: " + proc.stderr.decode(errors="replace"))
        out = proc.stdout.splitlines()
        if len(out) != len(rows):
            raise RuntimeError(f"{len(rows)} records gave {len(out)} fingerprints (one document per record?)")
        for line, (_, index) in zip(out, rows):
            rec = json.loads(line)
            # Local index -> global corpus index (the order dedup reads the corpus in).
            if shingles:
                yield (index, rec["shingles"])
            else:
                yield (index, rec["id"], rec["signature"], rec["bands"])
    return run


def bucket_pairs(members):
    members = sorted(members)
    if len(members) <= BUCKET_LIMIT:
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                yield (members[a], members[b])
    else:
        for m in members[1:]:
            yield (members[0], m)


def jaccard(a, b):
    i = j = common = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            common += 1
            i += 1
            j += 1
        elif a[i] < b[j]:
            i += 1
        else:
            j += 1
    union = len(a) + len(b) - common
    return 0.0 if union == 0 else common / union


def components(pairs, count):
    parent = list(range(count))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = {}
    for a, b in pairs:
        for x in (a, b):
            groups.setdefault(find(x), set()).add(x)
    return sorted(sorted(g) for g in groups.values())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output", help="JSON file (written on the driver)")
    ap.add_argument("--parquet", action="store_true", help="input is Parquet")
    ap.add_argument("--binary", default="distillscope", help="name of the binary shipped with --files")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--shingle", type=int, default=5)
    ap.add_argument("--permutations", type=int, default=128)
    ap.add_argument("--partitions", type=int, default=0)
    a = ap.parse_args()

    spark = SparkSession.builder.appName("distillscope-dedup").getOrCreate()
    if a.parquet:
        lines = spark.read.parquet(a.input).toJSON()
    else:
        lines = spark.read.text(a.input).rdd.map(lambda r: r.value)
    lines = lines.filter(lambda s: s.strip() != "")
    if a.partitions:
        lines = lines.coalesce(a.partitions)
    indexed = lines.zipWithIndex()
    args = ["--threshold", repr(a.threshold), "--shingle", str(a.shingle), "--permutations", str(a.permutations)]
    # Pass 1 (every document): signatures and band keys, no shingles (a fifth of the bytes).
    fps = indexed.mapPartitions(fingerprint_partition(a.binary, args, shingles=False)).cache()
    count = fps.count()

    k = a.permutations
    t = a.threshold
    cutoff = t - 4.0 * math.sqrt(t * (1 - t) / k)
    candidates = (
        fps.flatMap(lambda f: (((band, key), f[0]) for band, key in enumerate(f[3])))
        .groupByKey()
        .flatMap(lambda kv: bucket_pairs(list(kv[1])))
        .distinct()
        .cache())
    n_candidates = candidates.count()
    signatures = fps.map(lambda f: (f[0], f[2]))

    def estimate_passes(x):
        i, j, si, sj = x
        return sum(1 for p, q in zip(si, sj) if p == q) / len(si) >= cutoff

    survivors = (
        candidates.join(signatures)  # (i, (j, sig_i))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(signatures)  # (j, ((i, sig_i), sig_j))
        .map(lambda kv: (kv[1][0][0], kv[0], kv[1][0][1], kv[1][1]))
        .filter(estimate_passes)
        .map(lambda x: (x[0], x[1]))
        .cache())
    n_estimated = survivors.count()

    # Pass 2 (only documents in a pair past the pre-filter, as dedup's own second read): shingle sets,
    # then the exact Jaccard of each surviving pair.
    needed = survivors.flatMap(lambda p: p).distinct().collect()
    needed_b = spark.sparkContext.broadcast(set(needed))
    shingle_sets = (
        indexed.filter(lambda row: row[1] in needed_b.value)
        .mapPartitions(fingerprint_partition(a.binary, args, shingles=True)))
    verified = (
        survivors.join(shingle_sets)  # (i, (j, sh_i))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(shingle_sets)  # (j, ((i, sh_i), sh_j))
        .map(lambda kv: (kv[1][0][0], kv[0], jaccard(kv[1][0][1], kv[1][1]))))
    pairs = sorted((i, j, jac) for i, j, jac in verified.collect() if jac >= t)
    wanted = sorted({i for i, _, _ in pairs} | {j for _, j, _ in pairs})
    wanted_b = spark.sparkContext.broadcast(set(wanted))
    ids = dict(fps.filter(lambda f: f[0] in wanted_b.value).map(lambda f: (f[0], f[1])).collect())
    clusters = components([(i, j) for i, j, _ in pairs], count)
    result = {
        "documents": count,
        "threshold": t,
        "statistics": {"candidates": n_candidates, "estimated": n_estimated, "verified": len(pairs)},
        "clusters": [{"documents": [ids[x] for x in c]} for c in clusters],
        "pairs": [{"first": ids[i], "second": ids[j], "jaccard": jac} for i, j, jac in pairs],
    }
    with open(a.output, "w") as f:
        json.dump(result, f, sort_keys=True, indent=1)
        f.write("\n")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
