#!/usr/bin/env bash
# DistillScope against datasketch, rensa, faiss and plain Python sets: the same jobs on the same
# input in one run, printed as tables with ratios (see scripts/bench_peers.py for the jobs).
#
#   scripts/bench-peers.sh [--work-dir DIR]
#
# Environment:
#   DISTILLSCOPE_SHARED  the steering repo's shared/ folder (default: ../shared beside the repo)
#   BUILD_PATH           scratch path of the release build (default: .build-static)
#   JOBS                 which jobs to run, e.g. JOBS=C (default: ABCDE, all of them)
#   PEERS_VENV           virtualenv for the peers (default: .build-peers/venv; never a project requirement)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/bench-out"
while [[ $# -gt 0 ]]; do
    case $1 in
        --work-dir) work=$2; shift 2 ;;
        -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
shared=${DISTILLSCOPE_SHARED:-$root/../shared}
[[ -f "$shared/bench/gen_corpus.py" ]] || { echo "no $shared/bench/gen_corpus.py (set DISTILLSCOPE_SHARED)" >&2; exit 2; }
mkdir -p "$work"
start=$(date +%s)

echo "== building (release, static Swift runtime)"
build=(-c release --static-swift-stdlib --scratch-path "${BUILD_PATH:-$root/.build-static}")
(cd "$root" && swift build "${build[@]}" --product distillscope | tail -n 3)
bin=$(cd "$root" && swift build "${build[@]}" --show-bin-path)/distillscope
(cd "$root/Benchmarks" && swift build -c release --product kernel-bench | tail -n 3)
kernel_bin=$(cd "$root/Benchmarks" && swift build -c release --show-bin-path)/kernel-bench

echo "== peers in a throwaway virtualenv"
venv=${PEERS_VENV:-$root/.build-peers/venv}
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check datasketch rensa faiss-cpu numpy
"$venv/bin/python" -c 'import importlib.metadata as m; print("   " + ", ".join(f"{p} {m.version(p)}" for p in ("datasketch", "rensa", "faiss-cpu", "numpy")))'

echo "== standard corpora (../shared/bench/gen_corpus.py)"
[[ -f "$work/c100k.jsonl" ]] || python3 "$shared/bench/gen_corpus.py" --n-docs 100000 --out "$work/c100k" >/dev/null
[[ -f "$work/c100k_e2.jsonl" ]] || python3 "$shared/bench/gen_corpus.py" --n-docs 100000 --edit-frac 0.02 --out "$work/c100k_e2" >/dev/null
cat "$work/c100k.jsonl" "$work/c100k_e2.jsonl" >/dev/null  # warm the page cache

"$venv/bin/python" "$root/scripts/bench_peers.py" --bin "$bin" --kernel-bin "$kernel_bin" \
    --e10 "$work/c100k.jsonl" --e2 "$work/c100k_e2.jsonl" --work "$work" --jobs "${JOBS:-ABCDE}"
echo "(whole script: $(($(date +%s) - start)) s on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
