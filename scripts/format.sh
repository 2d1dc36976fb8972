#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's swift-format and the repo's .swift-format.
#   scripts/format.sh          rewrite files in place
#   scripts/format.sh --lint   report findings and exit non-zero on any (for CI or a pre-commit hook)
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests)
[ -d Benchmarks ] && paths+=(Benchmarks/Package.swift Benchmarks/Benchmarks Benchmarks/KernelBench)
if [ "${1:-}" = "--lint" ]; then
    exec swift format lint --strict --recursive --parallel "${paths[@]}"
fi
exec swift format format --in-place --recursive --parallel "${paths[@]}"
