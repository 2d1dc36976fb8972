#!/usr/bin/env bash
# Spark tests: a throwaway virtualenv with pyspark (not a project requirement), then
# 1. dedup: a generated corpus with planted near-duplicates, dedup_job.py under local[2], and a check that
#    its clusters, pairs and counts equal those of a single-process `distillscope dedup --json`;
# 2. score: a store of 4 generated references (families alpha..delta) and a suspect that reuses lightly
#    edited answers of one of them (make_score_fixture.py), score_job.py under local[2] with 3 shards,
#    and a check that its JSON is byte-identical to `distillscope score --json` and names the parent.
# Fails (does not skip) when pyspark cannot be installed. Usage: scripts/spark/test_spark.sh [path/to/distillscope]
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
dedup_end=$(date +%s)
echo "test_spark: dedup passed in $(( dedup_end - start )) s"

# Score: references and a planted distilled suspect (half of its 400 answers are the teacher's, edited).
s="$work/s"
mkdir -p "$s"
for seed in 1 2 3 4 5; do
    python3 /work/shared/bench/gen_corpus.py --n-docs 1200 --mean-words 80 --vocab 5000 --dup-frac 0 \
        --seed "$seed" --out "$s/c$seed" >/dev/null
done
python3 scripts/spark/make_score_fixture.py "$s" teacher="$s/c1.jsonl" other="$s/c2.jsonl" \
    third="$s/c3.jsonl" fourth="$s/c4.jsonl" --own "$s/c5.jsonl" --suspect 400 --planted 0.5
for ref in teacher:alpha other:beta third:gamma fourth:delta; do
    "$bin" index add "${ref%%:*}" "$s/ref_${ref%%:*}.jsonl" --store "$s/refs.db" --family "${ref#*:}" --quiet >/dev/null
done
status=0
"$bin" score "$s/suspect.jsonl" --store "$s/refs.db" --json "$s/score.json" --progress never >/dev/null || status=$?
[ "$status" -eq 1 ] || { echo "test_spark: score exit $status, expected 1 (a parent found)"; exit 1; }
store_end=$(date +%s)
status=0
PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/spark-submit" --master 'local[2]' --files "$bin,$s/refs.db" \
    --conf spark.ui.enabled=false scripts/spark/score_job.py "$s/suspect.jsonl" "$s/spark-score.json" \
    --store refs.db --partitions 3 > "$s/spark.out" 2> "$s/spark-score.log" || status=$?
[ "$status" -eq 1 ] || { tail -30 "$s/spark-score.log"; echo "test_spark: score_job exit $status, expected 1"; exit 1; }
grep -h "^score_job:" "$s/spark.out" "$s/spark-score.log" || true
cmp "$s/score.json" "$s/spark-score.json" || { echo "test_spark: score_job's JSON differs from score's"; exit 1; }
"$venv/bin/python" - "$s/spark-score.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["decision"]
if d["parents"] != ["teacher"] or d["family"] != "alpha":
    print(f"test_spark: planted parent not named: {d['parents']}"); sys.exit(1)
print(f"test_spark: score_job names {d['parents']} (family {d['family']}), JSON byte-identical to score")
PY
end=$(date +%s)
echo "test_spark: score passed: store and single-process score $(( store_end - dedup_end )) s, score_job $(( end - store_end )) s"
echo "test_spark: passed in $(( end - start )) s"
