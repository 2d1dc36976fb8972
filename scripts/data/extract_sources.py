#!/usr/bin/env python3
"""Re-create scripts/data/*.txt.gz from the Debian packages they came from.

Standard library only.  The two texts are public domain; they reach us inside
two Debian packages of R data sets (see SOURCES.md).  R stores package data in
a "lazy-load database" (data/Rdata.rdb): a concatenation of records, each a
4-byte big-endian uncompressed length followed by a zlib stream holding an R
serialisation (XDR format).  A character vector there is a STRSXP (type 16)
whose elements are CHARSXPs (type 9): 4-byte flags, 4-byte length, bytes.
This script reads just enough of that to pull the text out.  No package code
is used or shipped.

Usage (the .deb files from `apt-get download r-cran-tokenizers r-cran-janeaustenr`,
unpacked with `dpkg-deb -x FILE DIR`):
    python3 scripts/data/extract_sources.py TOKENIZERS_DIR JANEAUSTENR_DIR
"""
import gzip
import io
import os
import re
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
LIMIT = 420_000  # characters kept of each work (cut at a paragraph boundary)


def rdb_records(path):
    data = open(path, "rb").read()
    off = 0
    while off < len(data):
        n = struct.unpack(">I", data[off:off + 4])[0]
        d = zlib.decompressobj()
        out = d.decompress(data[off + 4:])
        assert len(out) == n
        yield out
        off += 4 + (len(data) - off - 4 - len(d.unused_data))


def string_vectors(blob):
    """Every character vector of the serialisation (heuristic scan)."""
    assert blob[:2] == b"X\n"
    i, res = 0, []
    while i + 8 < len(blob):
        flags, n = struct.unpack(">Ii", blob[i:i + 8])
        if flags & 0xFF == 16 and n >= 1:
            j, out, ok = i + 8, [], True
            for _ in range(n):
                if j + 8 > len(blob):
                    ok = False
                    break
                f, ln = struct.unpack(">Ii", blob[j:j + 8])
                if f & 0xFF != 9:
                    ok = False
                    break
                j += 8
                if ln == -1:
                    out.append("")
                    continue
                out.append(blob[j:j + ln].decode("utf-8"))
                j += ln
            if ok:
                res.append(out)
                i = j
                continue
        i += 1
    return res


def trim(text, limit):
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    return text[:cut].rstrip() + "\n"


def write_gz(path, text):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(text.encode("utf-8"))
    open(path, "wb").write(buf.getvalue())


def main(tok_dir, aus_dir):
    # Moby-Dick: one string holding the whole Project Gutenberg e-text.
    rdb = os.path.join(tok_dir, "usr/lib/R/site-library/tokenizers/data/Rdata.rdb")
    moby = None
    for rec in rdb_records(rdb):
        for v in string_vectors(rec):
            if len(v) == 1 and "Moby Dick" in v[0][:200]:
                moby = v[0]
    assert moby is not None
    moby = moby.lstrip("\ufeff").replace("\r\n", "\n")
    # Drop the Project Gutenberg header and footer (and the front matter:
    # etymology and extracts): keep from the first chapter on.
    start = moby.index("CHAPTER 1. Loomings.")
    end = moby.index("*** END OF THIS PROJECT GUTENBERG EBOOK")
    moby = trim(moby[start:end], LIMIT)
    # the cut may leave a chapter heading dangling at the end
    moby = re.sub(r"\n+CHAPTER [^\n]*\s*$", "\n", moby)
    assert "gutenberg" not in moby.lower()

    # Pride and Prejudice: a character vector, one element per line; the
    # package ships the bare novel (no Gutenberg header or footer).
    rdb = os.path.join(aus_dir, "usr/lib/R/site-library/janeaustenr/data/Rdata.rdb")
    pp = None
    for rec in rdb_records(rdb):
        for v in string_vectors(rec):
            if len(v) > 100 and v[0] == "PRIDE AND PREJUDICE":
                pp = "\n".join(v) + "\n"
    assert pp is not None
    pp = trim(pp[pp.index("Chapter 1\n"):], LIMIT)
    assert "gutenberg" not in pp.lower()

    write_gz(os.path.join(HERE, "moby_dick.txt.gz"), moby)
    write_gz(os.path.join(HERE, "pride_and_prejudice.txt.gz"), pp)
    print(len(moby), len(pp))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
