#!/usr/bin/env bash
# Style-profile throughput (issue 4: ≥ 50 MB/s per core) over the standard 100k-document corpus.
# Generates it with /work/shared/bench/gen_corpus.py (or $GEN) into $WORK (default /tmp) when missing,
# builds the release binary, and runs `distillscope style-profile --quiet --threads 1` RUNS times,
# printing best and median MB/s of CPU time: input bytes of the JSONL over the process's task-clock
# (`perf stat -e task-clock`; user + sys of /usr/bin/time where perf is missing). CPU time, not wall
# time: the shared build machine's load makes wall time meaningless.
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
bytes=$(stat -L -c %s "$corpus")
cpu_seconds() {
    if command -v perf >/dev/null; then
        perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 / 1000 }'
    else
        /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }'
    fi
}
rates=()
for _ in $(seq "$runs"); do
    seconds=$(cpu_seconds "$bin" style-profile --quiet --threads 1 "$corpus")
    rates+=("$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.1f", b / 1e6 / s }')")
done
sorted=$(printf '%s\n' "${rates[@]}" | sort -g)
best=$(tail -1 <<<"$sorted")
median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
echo "threads 1: best $best MB/s, median $median MB/s of CPU time over $runs runs ($((bytes / 1000000)) MB): ${rates[*]}"
