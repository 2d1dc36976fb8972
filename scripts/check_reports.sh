#!/usr/bin/env bash
# Writes the test reports (Samples, hand-built, hostile, 100k-document) and checks them outside Swift:
# strict HTML5 parse (html5lib), JSON Schema validation (jsonschema), and a headless-Chromium
# screenshot of the Samples and hand-built reports. Python packages go in .build-peers/venv.
#   scripts/check_reports.sh [OUT_DIR]      (default /tmp/ds-report)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/ds-report}
venv=.build-peers/venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q html5lib jsonschema
fi
rm -rf "$out" && mkdir -p "$out"
DISTILLSCOPE_REPORT_ARTIFACTS="$out" swift test --filter 'GoldenReportTests|HostileTextTests|ReportSizeTests|RendererTests' >"$out/swift-test.log" 2>&1 || {
    tail -30 "$out/swift-test.log" >&2
    exit 1
}
"$venv/bin/python" scripts/check_html.py "$out"/*.html
"$venv/bin/python" scripts/validate_report.py "$out"/*.json
scripts/screenshot_report.sh "$out/samples-compare.html" "$out/samples-compare.png"
scripts/screenshot_report.sh "$out/hand-built.html" "$out/hand-built.png" 1280x3000
