#!/usr/bin/env bash
# Builds the self-contained Linux binary dist/distillscope (issue 17 item 1):
#   - Swift runtime and Foundation linked statically (--static-swift-stdlib);
#   - SQLite (GRDB's system library "sqlite3") and zlib (CZlib's "z") linked from their static
#     archives: the autolinked -lsqlite3 / -lz are resolved in a search directory that holds only
#     libsqlite3.a and libz.a, searched before the system directories;
#   - no RUNPATH (none into the toolchain), stripped, debug info kept in dist/distillscope.debug
#     and linked back with .gnu_debuglink.
# Checks at the end: ldd lists only glibc pieces, no RUNPATH, and the binary compares the Samples
# under `env -i PATH=/usr/bin:/bin` (no toolchain on PATH or LD_LIBRARY_PATH).
#   scripts/build-release.sh            build + check
#   DISTILLSCOPE_PORTABLE=1 scripts/build-release.sh   SSE2-only kernels (Package.swift)
set -euo pipefail
cd "$(dirname "$0")/.."

# A release binary never carries the engine's invariant checks (.ci/run exports the variable for
# `swift test`); DISTILLSCOPE_PORTABLE is honoured.
unset DISTILLSCOPE_INTERNAL_CHECKS
scratch=.build-release
mkdir -p "$scratch/staticlibs" dist

multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
for lib in sqlite3 z; do
    archive=""
    for dir in "/usr/lib/$multiarch" /usr/lib /usr/local/lib; do
        if [ -f "$dir/lib$lib.a" ]; then
            archive="$dir/lib$lib.a"
            break
        fi
    done
    if [ -z "$archive" ]; then
        echo "build-release: lib$lib.a not found (install libsqlite3-dev and zlib1g-dev)" >&2
        exit 1
    fi
    ln -sf "$archive" "$scratch/staticlibs/lib$lib.a"
done
# The C++ runtime under the Swift runtime: the toolchain's static-stdlib-args.lnk asks for -lstdc++,
# which this directory answers with libstdc++.a; the compiler driver's implicit -lgcc_s is answered
# with libgcc_eh.a (what -static-libgcc links), so neither libstdc++.so nor libgcc_s.so is needed.
gcc_dir=$(dirname "$(find /usr/lib/gcc/"$multiarch" -name libstdc++.a 2>/dev/null | sort -V | tail -n 1)")
if [ ! -f "$gcc_dir/libstdc++.a" ] || [ ! -f "$gcc_dir/libgcc_eh.a" ]; then
    echo "build-release: libstdc++.a / libgcc_eh.a not found under /usr/lib/gcc/$multiarch (install libstdc++-12-dev)" >&2
    exit 1
fi
ln -sf "$gcc_dir/libstdc++.a" "$scratch/staticlibs/libstdc++.a"
ln -sf "$gcc_dir/libgcc_eh.a" "$scratch/staticlibs/libgcc_s.a"
staticlibs="$(pwd)/$scratch/staticlibs"

set +e
swift build -c release --scratch-path "$scratch" --static-swift-stdlib --disable-local-rpath \
    -Xswiftc -L"$staticlibs" -Xlinker -L"$staticlibs" 2>&1 | grep -v '^\['
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    echo "build-release: swift build failed (exit $status)" >&2
    exit "$status"
fi
bin="$(swift build -c release --scratch-path "$scratch" --static-swift-stdlib --disable-local-rpath --show-bin-path)/distillscope"
[ -x "$bin" ] || {
    echo "build-release: the build produced no $bin" >&2
    exit 1
}

out=dist/distillscope
# Written in a temporary directory under the final names (the debug link records the debug file's
# name, which gdb looks for next to the binary), then moved into dist/.
tmp=$(mktemp -d dist/.release.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/distillscope"
if readelf -d "$tmp/distillscope" | grep -qE 'RUNPATH|RPATH'; then
    # --static-swift-stdlib adds no toolchain RUNPATH and --disable-local-rpath drops $ORIGIN; if
    # one appears, fail rather than ship a binary that silently loads a toolchain's libraries.
    echo "build-release: $bin has a RUNPATH/RPATH:" >&2
    readelf -d "$tmp/distillscope" | grep -E 'RUNPATH|RPATH' >&2
    exit 1
fi
objcopy --only-keep-debug "$tmp/distillscope" "$tmp/distillscope.debug"
objcopy --strip-all "$tmp/distillscope"
(cd "$tmp" && objcopy --add-gnu-debuglink=distillscope.debug distillscope)
mv "$tmp/distillscope.debug" "$out.debug"
mv "$tmp/distillscope" "$out"
chmod 755 "$out"

echo "== ldd $out"
ldd "$out" | tee "$scratch/ldd.txt"
if grep -vE '^\s*(linux-vdso\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|/lib64/ld-linux|ld-linux)' "$scratch/ldd.txt" | grep -q .; then
    echo "build-release: $out needs libraries beyond glibc (above)" >&2
    exit 1
fi
echo "== size"
stat -c '%s %n' "$out" "$out.debug"

echo "== env -i compare of the Samples (no toolchain on PATH or LD_LIBRARY_PATH)"
env -i PATH=/usr/bin:/bin "$out" compare Samples/teacher.jsonl.gz Samples/student.jsonl.gz >"$scratch/compare.txt"
head -n 3 "$scratch/compare.txt"
# Man page and completions, from the command tree of the binary itself. The man page comes from
# ArgumentParser's generate-manual tool (what its GenerateManual plugin runs), compiled as a target
# here and linked by hand: the plugin would rebuild the package without this script's link flags.
echo "== man page and completions"
share="$scratch/share"
rm -rf "$share"
mkdir -p "$share"
swift build -c release --scratch-path "$scratch" --static-swift-stdlib --disable-local-rpath \
    -Xswiftc -L"$staticlibs" -Xlinker -L"$staticlibs" --target generate-manual 2>&1 | grep -v '^\[' || true
rel=$(dirname "$bin")
# SwiftPM compiles an executable target's entry point as <module>_main (so tests can link it).
if ! swiftc -static-stdlib -o "$scratch/generate-manual" "$rel"/generate_manual.build/*.o \
    "$rel"/ArgumentParser.build/*.o "$rel"/ArgumentParserToolInfo.build/*.o \
    -Xlinker --defsym -Xlinker main=generate_manual_main 2>"$scratch/generate-manual.log"; then
    cat "$scratch/generate-manual.log" >&2
    echo "build-release: could not link ArgumentParser's generate-manual tool" >&2
    exit 1
fi
"$scratch/generate-manual" "$out" --date "$(git log -1 --format=%cs 2>/dev/null || date -u +%F)" \
    --output-directory "$share"
[ -s "$share/distillscope.1" ] || {
    echo "build-release: generate-manual wrote no distillscope.1" >&2
    exit 1
}
if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$share/distillscope.1" 2>&1 >/dev/null | grep . && {
        echo "build-release: man reports problems in distillscope.1 (above)" >&2
        exit 1
    }
fi
"$out" --generate-completion-script bash >"$share/distillscope.bash"
"$out" --generate-completion-script zsh >"$share/_distillscope"
"$out" --generate-completion-script fish >"$share/distillscope.fish"
bash -n "$share/distillscope.bash"
# shellcheck disable=SC1091
bash -c "source '$share/distillscope.bash' && complete -p distillscope" >/dev/null

# The binary tarball: dist/distillscope-<version>-linux-<arch>.tar.gz, laid out like a prefix.
version=$("$out" --version)
name="distillscope-$version-linux-$(uname -m)"
stage="$scratch/tarball/$name"
rm -rf "$scratch/tarball"
install -D -m 755 "$out" "$stage/bin/distillscope"
install -D -m 644 "$share/distillscope.1" "$stage/share/man/man1/distillscope.1"
install -D -m 644 "$share/distillscope.bash" "$stage/share/bash-completion/completions/distillscope"
install -D -m 644 "$share/_distillscope" "$stage/share/zsh/site-functions/_distillscope"
install -D -m 644 "$share/distillscope.fish" "$stage/share/fish/vendor_completions.d/distillscope.fish"
tar -C "$scratch/tarball" --owner=0 --group=0 --numeric-owner --sort=name \
    --mtime="@$(git log -1 --format=%ct 2>/dev/null || date +%s)" -cf - "$name" | gzip -n >"dist/$name.tar.gz"
tar -tzf "dist/$name.tar.gz"
stat -c '%s %n' "dist/$name.tar.gz"

echo "build-release: $out ok"
