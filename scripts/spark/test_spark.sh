#!/usr/bin/env bash
# Spark dedup test: a throwaway virtualenv with pyspark (not a project requirement), a generated corpus
# with planted near-duplicates, dedup_job.py under local[2], and a check that its clusters, pairs and
# counts equal those of a single-process `distillscope dedup --json`. Fails (does not skip) when
# pyspark cannot be installed. Usage: scripts/spark/test_spark.sh [path/to/distillscope]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-$(swift build --show-bin-path)/distillscope}
venv=${SPARK_VENV:-.build-peers/spark-venv}
start=$(date +%s)
if ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install -q pyspark; then
        echo "test_spark: pip could not install pyspark (is PyPI reachable?)" >&2
        exit 1
    fi
fi
command -v java >/dev/null || { echo "test_spark: java (17) is needed by pyspark" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 /work/shared/bench/gen_corpus.py --n-docs 3000 --mean-words 80 --vocab 5000 --dup-frac 0.1 \
    --edit-frac 0.05 --seed 7 --out "$work/c" >/dev/null
"$bin" dedup "$work/c.jsonl" --threshold 0.7 --json "$work/dedup.json" >/dev/null
PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/spark-submit" --master 'local[2]' --files "$bin" \
    --conf spark.ui.enabled=false scripts/spark/dedup_job.py "$work/c.jsonl" "$work/spark.json" \
    --threshold 0.7 --partitions 4 2> "$work/spark.log" || { tail -30 "$work/spark.log"; exit 1; }
"$venv/bin/python" - "$work/dedup.json" "$work/spark.json" <<'PY'
import json, sys
d, s = (json.load(open(p)) for p in sys.argv[1:3])
ok = True
for key in ("documents", "threshold", "clusters", "pairs"):
    if d[key] != s[key]:
        print(f"test_spark: {key} differs from dedup's"); ok = False
for key in ("candidates", "estimated", "verified"):
    if d["statistics"][key] != s["statistics"][key]:
        print(f"test_spark: statistics.{key} {s['statistics'][key]} != dedup's {d['statistics'][key]}"); ok = False
if not d["clusters"]:
    print("test_spark: no planted near-duplicates found"); ok = False
print(f"test_spark: {len(s['clusters'])} clusters, {len(s['pairs'])} pairs, {s['documents']} documents",
      "identical to dedup" if ok else "DIFFERENT")
sys.exit(0 if ok else 1)
PY
echo "test_spark: passed in $(( $(date +%s) - start )) s"
