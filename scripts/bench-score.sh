#!/usr/bin/env bash
# Scoring speed and store size: ten references of 100,000 documents (the standard corpus generator,
# seeds 1-6 and 8-11) and a 100,000-document suspect (seed 12), scored twice with 2 threads.
#   scripts/bench-score.sh [--work-dir DIR] [--ngram-storage words|keys]
# (default: .build-bench-score, about 2.5 GB of disk; word streams, the store that meets the size
# target: `keys` measures the key-partition store instead.)
# Prints the time and peak memory of every `index add` and `score`, the store's size, and whether
# the two score JSONs are byte-identical. DISTILLSCOPE_BIN overrides the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build-bench-score
storage=words
while [ $# -gt 0 ]; do
    case "$1" in
        --work-dir) work=$2; shift 2 ;;
        --ngram-storage) storage=$2; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
case "$storage" in words|keys) ;; *) echo "--ngram-storage must be words or keys" >&2; exit 2 ;; esac
gen=../shared/bench/gen_corpus.py
[ -f "$gen" ] || { echo "missing $gen" >&2; exit 2; }
bin=${DISTILLSCOPE_BIN:-}
if [ -z "$bin" ]; then
    swift build -c release >/dev/null
    bin=$(swift build -c release --show-bin-path)/distillscope
fi
mkdir -p "$work"
for s in 1 2 3 4 5 6 8 9 10 11 12; do
    [ -f "$work/ref$s.jsonl" ] || python3 "$gen" --n-docs 100000 --seed "$s" --out "$work/ref$s" >/dev/null
done
rm -f "$work"/refs.db*
for s in 1 2 3 4 5 6 8 9 10 11; do
    /usr/bin/time -f "index add ref$s: %e s, %M KB peak" \
        "$bin" index add "ref$s" "$work/ref$s.jsonl" --store "$work/refs.db" --threads 2 --quiet \
        --ngram-storage "$storage" >/dev/null
done
ls -l "$work/refs.db" | awk -v s="$storage" '{print "store (" s "): " $5 " bytes"}'
for i in 1 2; do
    /usr/bin/time -f "score run $i: %e s, %M KB peak" \
        "$bin" score "$work/ref12.jsonl" --store "$work/refs.db" --threads 2 --json "$work/score$i.json" --quiet \
        >/dev/null || true
done
cmp -s "$work/score1.json" "$work/score2.json" && echo "score JSON: identical" || echo "score JSON: DIFFERENT"
