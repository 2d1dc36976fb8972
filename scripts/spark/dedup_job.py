#!/usr/bin/env python3
"""Near-duplicate clusters of a corpus on Apache Spark, through the `distillscope` binary.

Each partition's records are piped through `distillscope fingerprint` (the binary is shipped with
`--files` and found with `SparkFiles.get`); band keys are exploded and grouped into candidate pairs;
candidates are verified exactly as `dedup` does (MinHash pre-filter at t - 4*sqrt(t(1-t)/k), then exact
Jaccard of the shingle sets >= t); connected components give the clusters.

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


def fingerprint_partition(binary_name, args):
    def run(rows):
        rows = list(rows)
        if not rows:
            return
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        payload = "".join(line + "\n" for line, _ in rows).encode()
        proc = subprocess.run(
            [binary, "fingerprint", "--threads", "1", *args, "-"], input=payload,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise RuntimeError("distillscope fingerprint failed: " + proc.stderr.decode(errors="replace"))
        out = proc.stdout.decode().splitlines()
        if len(out) != len(rows):
            raise RuntimeError(f"{len(rows)} records gave {len(out)} fingerprints (one document per record?)")
        for line, (_, index) in zip(out, rows):
            rec = json.loads(line)
            # Local index -> global corpus index (the order dedup reads the corpus in).
            yield (index, rec["id"], rec["signature"], rec["bands"], [int(s, 16) for s in rec["shingles"]])
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
    fps = indexed.mapPartitions(fingerprint_partition(a.binary, args)).cache()
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
    by_index = fps.map(lambda f: (f[0], (f[2], f[4])))
    joined = (
        candidates.join(by_index)  # (i, (j, (sig_i, sh_i)))
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(by_index)  # (j, ((i, (sig_i, sh_i)), (sig_j, sh_j)))
        .map(lambda kv: (kv[1][0][0], kv[0], kv[1][0][1], kv[1][1])))

    def verify(x):
        i, j, (si, hi), (sj, hj) = x
        est = sum(1 for p, q in zip(si, sj) if p == q) / len(si)
        if est < cutoff:
            return []
        return [(i, j, jaccard(hi, hj))]

    survivors = joined.flatMap(verify).cache()
    n_estimated = survivors.count()
    pairs = sorted((i, j, jac) for i, j, jac in survivors.collect() if jac >= t)
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
