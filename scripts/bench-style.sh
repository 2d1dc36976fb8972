#!/usr/bin/env bash
# Style-profile throughput (issue 4: ≥ 50 MB/s per core) over the standard 100k-document corpus.
# Generates it with /work/shared/bench/gen_corpus.py (or $GEN) into $WORK (default /tmp) when missing,
# builds the release binary, and runs `distillscope style-profile --threads 1` (then 2) RUNS times,
# printing best and median MB/s (input bytes of the JSONL over wall time of reading + profiling).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${WORK:-/tmp}"
runs="${RUNS:-5}"
generator="${GEN:-/work/shared/bench/gen_corpus.py}"
corpus="$work/distillscope-style-c100k.jsonl"
bin="${DISTILLSCOPE_BIN:-$root/.build/release/distillscope}"
if [ ! -f "$corpus" ]; then
    python3 "$generator" --n-docs 100000 --out "$work/distillscope-style-c100k.partial"
    mv "$work/distillscope-style-c100k.partial.jsonl" "$corpus"
fi
if [ ! -x "$bin" ]; then (cd "$root" && swift build -c release); fi
for threads in 1 2; do
    rates=()
    for _ in $(seq "$runs"); do
        line=$("$bin" style-profile --threads "$threads" "$corpus" 2>&1 >"$work/distillscope-style-bench.out" | tail -1)
        rates+=("$(sed -E 's/.* = ([0-9.]+) MB\/s/\1/' <<<"$line")")
    done
    sorted=$(printf '%s\n' "${rates[@]}" | sort -g)
    best=$(tail -1 <<<"$sorted")
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    echo "threads $threads: best $best MB/s, median $median MB/s over $runs runs ($(du -mL "$corpus" | cut -f1) MB)"
done
