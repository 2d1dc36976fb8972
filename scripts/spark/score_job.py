#!/usr/bin/env python3
"""Scores a suspect against a store on Apache Spark, through the `distillscope` binary.

Ship the binary and the store with `--files distillscope,refs.db` (found with SparkFiles.get). The
suspect's lines are numbered (zipWithIndex, blank lines kept), cut into P contiguous ranges in line
order (partition i holds lines [i*n/P, (i+1)*n/P)), and each partition is piped in line order through

    distillscope score - --store refs.db --partial OUT --shard i/P --source-name INPUT --line-offset FIRST

which reads and fingerprints its documents and writes a partial (docs/scale.md, "Scoring on Spark").
The partials are collected to the driver, written in shard order, and merged there with

    distillscope score --merge shard-0 ... shard-(P-1) --store refs.db --json OUTPUT

Document order is therefore shard order, then line order within the shard: the order a single-process
`distillscope score INPUT` reads. Locations and unnamed ids are relabelled to INPUT and its line
numbers, so the JSON equals that of `distillscope score INPUT --store refs.db --json OUTPUT` byte for
byte (same INPUT string, same --alpha/--evidence). Every partition runs the binary, empty ones too, so
the merge sees every shard; a missing or repeated shard, or a partial of another store, is exit 2.

Input: JSONL (`spark.read.text`) or Parquet (`--parquet`; rows become JSON records, "lines" are rows).
Exit status: the merge's (0 no parent found, 1 a parent found, 2 an error).
"""
import argparse
import os
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def shipped(name, executable=False):
    """The local path of a file shipped with --files (made executable for the binary)."""
    path = SparkFiles.get(name)
    if executable and not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def partial_of(binary_name, store_name, source, partitions, extra):
    """Pipes one partition's (line index, line) rows through `score --partial`; yields (shard, bytes)."""
    def run(shard, rows):
        rows = sorted(rows)
        if rows and rows[-1][0] - rows[0][0] != len(rows) - 1:
            raise RuntimeError(f"shard {shard}: lines are not contiguous")
        offset = rows[0][0] if rows else 0
        payload = "".join(line + "\n" for _, line in rows).encode()
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "partial")
            proc = subprocess.run(
                [shipped(binary_name, True), "score", "-", "--store", shipped(store_name), "--partial", out,
                 "--shard", f"{shard}/{partitions}", "--source-name", source, "--line-offset", str(offset),
                 "--threads", "1", "--progress", "never", *extra],
                input=payload, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if proc.returncode != 0:
                raise RuntimeError(f"shard {shard}: distillscope score --partial failed: "
                                   + proc.stderr.decode(errors="replace"))
            with open(out, "rb") as f:
                yield (shard, f.read())
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="the suspect (JSONL file or directory, or Parquet with --parquet)")
    ap.add_argument("output", help="the score JSON (written on the driver)")
    ap.add_argument("--store", default="refs.db", help="name of the store shipped with --files")
    ap.add_argument("--binary", default="distillscope", help="name of the binary shipped with --files")
    ap.add_argument("--parquet", action="store_true", help="input is Parquet")
    ap.add_argument("--partitions", type=int, default=0, help="shards (default: Spark's default parallelism)")
    ap.add_argument("--alpha", help="passed to the merge (score --alpha)")
    ap.add_argument("--evidence", help="passed to the merge (score --evidence)")
    ap.add_argument("--max-documents", help="passed to the merge (score's guard, 500000 by default)")
    ap.add_argument("--reading", default="", help="reading options for every shard, e.g. '--text-field body'")
    a = ap.parse_args()

    spark = SparkSession.builder.appName("distillscope-score").getOrCreate()
    sc = spark.sparkContext
    if a.parquet:
        lines = spark.read.parquet(a.input).toJSON()
    else:
        lines = spark.read.text(a.input).rdd.map(lambda r: r.value)
    indexed = lines.zipWithIndex().map(lambda lv: (lv[1], lv[0]))  # (line index, line)
    n = indexed.count()
    p = a.partitions or sc.defaultParallelism
    # Contiguous ranges in line order: shard i holds lines [i*n/p, (i+1)*n/p).
    ranged = indexed.partitionBy(p, lambda i: min(p - 1, i * p // max(1, n)))
    partials = sorted(ranged.mapPartitionsWithIndex(
        partial_of(a.binary, a.store, a.input, p, a.reading.split())).collect())
    if [s for s, _ in partials] != list(range(p)):
        raise RuntimeError(f"expected partials of shards 0..{p - 1}, got {[s for s, _ in partials]}")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for shard, data in partials:
            paths.append(os.path.join(tmp, f"shard-{shard}.partial"))
            with open(paths[-1], "wb") as f:
                f.write(data)
        extra = [f"--{k.replace('_', '-')}={v}" for k, v in
                 (("alpha", a.alpha), ("evidence", a.evidence), ("max_documents", a.max_documents)) if v]
        proc = subprocess.run(
            [shipped(a.binary, True), "score", "--merge", *paths, "--store", shipped(a.store), "--json", a.output,
             "--progress", "never", *extra], stdout=subprocess.PIPE)
    sys.stdout.write(proc.stdout.decode(errors="replace"))
    print(f"score_job: {n} lines in {p} shards ({sum(len(d) for _, d in partials)} bytes of partials)",
          file=sys.stderr)
    spark.stop()
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
