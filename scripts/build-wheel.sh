#!/usr/bin/env bash
# Builds dist/distillscope-<version>-py3-none-manylinux_2_<N>_<arch>.whl (issue 17 item 2): the
# Python package in python/ with dist/distillscope (scripts/build-release.sh; built first when
# missing) as package data. The platform tag comes from the newest GLIBC_ symbol version the binary
# needs; `auditwheel show` then checks the tag against the wheel's contents.
# Build tools (hatchling, auditwheel) go in a throwaway venv, .build-peers/wheel-build; the
# script fails with a sentence when PyPI is unreachable.
#   scripts/build-wheel.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=dist/distillscope
if [ ! -x "$bin" ] || [ ! -s .build-release/share/distillscope.1 ]; then
    scripts/build-release.sh
fi

version=$("$bin" --version)
py_version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' python/src/distillscope/_version.py)
if [ "$version" != "$py_version" ]; then
    echo "build-wheel: $bin is version $version but python/src/distillscope/_version.py says $py_version" >&2
    exit 1
fi

arch=$(uname -m)
glibc=$(objdump -T "$bin" | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -u | tail -n 1)
[ -n "$glibc" ] || {
    echo "build-wheel: found no GLIBC_ symbol versions in $bin" >&2
    exit 1
}
tag="py3-none-manylinux_${glibc%%.*}_${glibc#*.}_${arch}"
echo "build-wheel: $bin needs glibc $glibc: tag $tag"

# Man page and completion scripts (scripts/build-release.sh writes them next to the binary's build).
share=.build-release/share
for f in distillscope.1 distillscope.bash _distillscope distillscope.fish; do
    [ -s "$share/$f" ] || {
        echo "build-wheel: $share/$f is missing: run scripts/build-release.sh" >&2
        exit 1
    }
done
extra="man/man1/distillscope.1=$(pwd)/$share/distillscope.1"
extra+=":completions/distillscope.bash=$(pwd)/$share/distillscope.bash"
extra+=":completions/_distillscope=$(pwd)/$share/_distillscope"
extra+=":completions/distillscope.fish=$(pwd)/$share/distillscope.fish"

venv=.build-peers/wheel-build
if [ ! -x "$venv/bin/hatchling" ] || [ ! -x "$venv/bin/auditwheel" ]; then
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install -q hatchling auditwheel; then
        echo "build-wheel: could not install hatchling and auditwheel from PyPI (is it reachable?)" >&2
        exit 1
    fi
fi

rm -f dist/distillscope-*.whl
(
    cd python
    DISTILLSCOPE_BINARY="$(pwd)/../$bin" DISTILLSCOPE_WHEEL_TAG="$tag" DISTILLSCOPE_WHEEL_EXTRA="$extra" \
        "../$venv/bin/hatchling" build -t wheel -d ../dist
)
wheel=$(ls dist/distillscope-"$version"-"$tag".whl)
rm -rf python/build

echo "== auditwheel show $wheel"
"$venv/bin/auditwheel" show "$wheel" | tee .build-release/auditwheel.txt
if ! grep -q "manylinux_${glibc%%.*}_${glibc#*.}_${arch}" .build-release/auditwheel.txt; then
    echo "build-wheel: auditwheel does not confirm the tag $tag" >&2
    exit 1
fi
stat -c '%s %n' "$wheel"
echo "build-wheel: $wheel ok"
