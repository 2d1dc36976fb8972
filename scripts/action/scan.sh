#!/usr/bin/env bash
# The scan step of action.yml (the repository's composite GitHub Action): runs `distillscope scan`
# writing SARIF, records its exit status, and writes a job summary. Never fails itself on findings:
# action.yml uploads the SARIF first and fails the job afterwards (step "verdict").
#
# Environment (set by action.yml from its inputs; runnable by hand with the same variables):
#   DS_BIN            the distillscope executable
#   DS_PATHS          files or directories to scan, separated by white space or new lines
#   DS_STORE          the reference store (SQLite); DS_STORE_EXPORT, when set, is imported into it first
#   DS_CONFIG, DS_FAIL_ON, DS_BASELINE   optional: --config, --fail-on, --baseline
#   DS_SARIF          the SARIF file to write
#   DS_SOURCE_ROOT    --source-root (the checkout: GitHub resolves SARIF URIs against it)
#   DISTILLSCOPE_WATERMARK_KEY   optional; empty (a fork's pull request gets no secrets) means unset
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   files GitHub Actions reads (default: /dev/null, standard output)
set -uo pipefail

out=${GITHUB_OUTPUT:-/dev/null}
summary=${GITHUB_STEP_SUMMARY:-/dev/stdout}
here=$(cd "$(dirname "$0")" && pwd)

fail() { # a usage problem of the action itself: exit status 2, as the CLI does
    echo "::error title=distillscope::$1"
    { echo "exit-code=2"; echo "sarif-written=false"; } >>"$out"
    exit 0
}

[ -x "${DS_BIN:-}" ] || fail "no distillscope executable at '${DS_BIN:-}' (the install step did not run?)"
read -r -d '' -a paths <<<"${DS_PATHS:-}"
[ ${#paths[@]} -gt 0 ] || fail "input 'paths' is empty: give the files or directories to scan"
[ -n "${DS_STORE:-}${DS_STORE_EXPORT:-}" ] || fail "give input 'store' (a store file) or 'store-export' (an index export)"
sarif=${DS_SARIF:-distillscope.sarif}
store=${DS_STORE:-${RUNNER_TEMP:-/tmp}/distillscope-refs.db}

if [ -n "${DS_STORE_EXPORT:-}" ]; then
    if [ -e "$store" ]; then fail "store $store already exists; 'store-export' imports into a new store"; fi
    if ! "$DS_BIN" index import "$DS_STORE_EXPORT" --store "$store" --quiet; then
        fail "could not import $DS_STORE_EXPORT (see the message above)"
    fi
fi

key_note=""
if [ -z "${DISTILLSCOPE_WATERMARK_KEY:-}" ]; then
    # An empty variable is what a fork's pull request sees for a secret: not a key, and not an error.
    unset DISTILLSCOPE_WATERMARK_KEY
    key_note="no DISTILLSCOPE_WATERMARK_KEY (secrets are not given to pull requests from forks)"
fi

args=(scan "${paths[@]}" --store "$store" --format sarif --output "$sarif" --source-root "${DS_SOURCE_ROOT:-$PWD}")
[ -n "${DS_CONFIG:-}" ] && args+=(--config "$DS_CONFIG")
[ -n "${DS_FAIL_ON:-}" ] && args+=(--fail-on "$DS_FAIL_ON")
[ -n "${DS_BASELINE:-}" ] && args+=(--baseline "$DS_BASELINE")

rm -f "$sarif"
"$DS_BIN" "${args[@]}"
status=$?
echo "exit-code=$status" >>"$out"
if [ "$status" -le 1 ] && [ -s "$sarif" ]; then
    echo "sarif-written=true" >>"$out"
    python3 "$here/summary.py" "$sarif" --status "$status" --key-note "$key_note" \
        --outputs "$out" >>"$summary"
else
    echo "sarif-written=false" >>"$out"
    echo "distillscope scan failed with exit status $status: see the step log." >>"$summary"
fi
exit 0
