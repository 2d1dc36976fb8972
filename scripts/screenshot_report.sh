#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian's `chromium` package) and writes a PNG.
#   scripts/screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
# Installs chromium with apt-get when it is missing (needs root). The report must load with no
# network: chromium runs with networking disabled by a proxy that goes nowhere.
set -euo pipefail
report=${1:?usage: scripts/screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]}
out=${2:-${report%.html}.png}
size=${3:-1280x2400}
if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
profile=$(mktemp -d /tmp/ds-chromium.XXXXXX)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --proxy-server="http://127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
    --user-data-dir="$profile" --window-size="${size/x/,}" \
    --screenshot="$(realpath -m "$out")" "file://$(realpath "$report")" 2>"$profile/log" || {
    cat "$profile/log" >&2
    exit 1
}
echo "wrote $out"
