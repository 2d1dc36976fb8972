#!/usr/bin/env bash
# Builds the release binary and the wheel, installs the wheel into a fresh throwaway venv
# (.build-peers/wheel-test, with pytest from PyPI) and, with the Swift toolchain hidden
# (env -i, PATH without /opt/swift, no LD_LIBRARY_PATH):
#   - runs python/tests against the installed package and its packaged binary;
#   - runs issue 17's acceptance one-liner on the Samples.
# Exits non-zero on any failure (`.ci/run`'s wheel stage).
#   scripts/test-wheel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/build-release.sh
scripts/build-wheel.sh
wheel=$(ls dist/distillscope-*.whl)

venv=.build-peers/wheel-test
rm -rf "$venv"
python3 -m venv "$venv"
if ! "$venv/bin/pip" install -q pytest; then
    echo "test-wheel: could not install pytest from PyPI (is it reachable?)" >&2
    exit 1
fi
"$venv/bin/pip" install -q --no-deps --no-index "$wheel"

clean=(env -i "PATH=$root/$venv/bin:/usr/bin:/bin" "HOME=$root/$venv" "LANG=C.UTF-8")
if "${clean[@]}" sh -c 'command -v swift' >/dev/null; then
    echo "test-wheel: swift is still on the clean PATH" >&2
    exit 1
fi

echo "== pytest (installed wheel, toolchain hidden)"
(cd python && "${clean[@]}" DISTILLSCOPE_EXPECT_PACKAGED=1 DISTILLSCOPE_REPO="$root" \
    "$root/$venv/bin/python" -m pytest -q -p no:cacheprovider tests)

echo "== acceptance one-liner (toolchain hidden)"
"${clean[@]}" "$root/$venv/bin/python" -c "import distillscope; print(distillscope.compare('Samples/teacher.jsonl.gz','Samples/student.jsonl.gz').summary)" | tee .build-release/acceptance.txt
grep -q "^The suspect looks derived from the teacher" .build-release/acceptance.txt
"${clean[@]}" "$root/$venv/bin/distillscope" --version
echo "== binary tarball (toolchain hidden)"
tarball=$(ls dist/distillscope-*-linux-*.tar.gz)
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
tar -xzf "$tarball" -C "$unpacked"
"${clean[@]}" "$unpacked"/distillscope-*/bin/distillscope compare Samples/teacher.jsonl.gz Samples/student.jsonl.gz \
    >"$unpacked/compare.txt"
head -n 1 "$unpacked/compare.txt"
if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$unpacked"/distillscope-*/share/man/man1/distillscope.1 >"$unpacked/man.txt"
    grep -q "^ *compare$" "$unpacked/man.txt"
fi
echo "test-wheel: $wheel and $tarball ok"
