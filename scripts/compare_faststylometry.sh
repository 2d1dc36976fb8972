#!/usr/bin/env bash
# Burrows' Delta of `distillscope attribute` against faststylometry (PyPI) on the same tokens.
# Makes a virtualenv under .build-peers/ (never a project requirement) and runs
# scripts/compare_faststylometry.py on the Samples (suspect: student; references: teacher, control,
# and the student itself), then on the Federalist papers when scripts/federalist.sh has fetched them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.build-peers/faststylometry"
bin="${DISTILLSCOPE_BIN:-$root/.build/release/distillscope}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet faststylometry==1.0.5
fi
if [ ! -x "$bin" ]; then (cd "$root" && swift build -c release); fi
s="$root/Samples"
echo "== Samples: suspect student; references teacher, control, student (100 most frequent words)"
"$venv/bin/python" "$root/scripts/compare_faststylometry.py" "$bin" "$s/student.jsonl.gz" \
    teacher="$s/teacher.jsonl.gz" control="$s/control.jsonl.gz" student="$s/student.jsonl.gz" --mfw 100
echo "== Samples: suspect control; references teacher, student (50 most frequent words)"
"$venv/bin/python" "$root/scripts/compare_faststylometry.py" "$bin" "$s/control.jsonl.gz" \
    teacher="$s/teacher.jsonl.gz" student="$s/student.jsonl.gz" --mfw 50
fed="${WORK:-/tmp/distillscope-federalist}/corpora"
if [ -d "$fed/hamilton" ]; then
    echo "== Federalist No. 49: references Hamilton, Madison (100 most frequent words)"
    "$venv/bin/python" "$root/scripts/compare_faststylometry.py" "$bin" "$fed/disputed/federalist_49.txt" \
        Hamilton="$fed/hamilton" Madison="$fed/madison" --mfw 100
fi
