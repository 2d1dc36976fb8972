#!/usr/bin/env python3
"""Mutation fuzzer for the distillscope binary: hostile corpora, gzip streams, tokenizer files, scan
configs, stores and score partials (damaged shards given to `score --merge`) must give exit 0, 1 or 2 with a message, never a crash (a signal, a Swift runtime
trap, another exit code) or a hang.

    scripts/fuzz.py --bin .build/debug/distillscope [--seconds 150] [--seed 1] [--work DIR]

First the regression corpus (scripts/fuzz-regressions/: inputs that crashed or hung an earlier
version) runs in full; then each target takes turns producing mutated cases from fixed seeds until the
time budget is spent. The case sequence depends only on --seed; how many cases run depends on the
machine. A crasher is saved under WORK/crashers with the command that reproduces it; the exit code is
1 when any case crashed or hung. FUZZ_TARGETS=partial,store (comma-separated) runs only those targets.
Standard library only.
"""

import argparse
import base64
import gzip
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGRESSIONS = os.path.join(ROOT, "scripts", "fuzz-regressions")
TIMEOUT = 30  # seconds per case; a case that takes longer is a hang

INTERESTING = [
    b"\x00", b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\r", b"\n", b"\r\n", b"\\", b'"',
    b"\\u0000", b"\\ud800", b"\\udfff", b"\\u", b"{", b"}", b"[", b"]", b",", b":", b"null", b"true", b"1e999999",
    b"-0", b"18446744073709551616", b"\x1b]0;x\x07", b"\xe2\x80\xae", b"\xef\xbb\xbf", b" " * 64,
]
JSON_VALUES = [None, True, 0, -1, 2**63, 1e308, "", "a" * 5000, [], {}, [[[[[[[[]]]]]]]], "\u0000", "\ud7ff\ue000"]


def mutate_bytes(data: bytes, rng: random.Random, rounds: int = 0) -> bytes:
    """A few random edits: flips, inserts of interesting bytes, deletions, duplications, truncation."""
    b = bytearray(data)
    for _ in range(rounds or rng.randint(1, 4)):
        op = rng.randrange(7)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[pos:pos] = rng.choice(INTERESTING)
        elif op == 2 and b:
            del b[pos:pos + rng.randint(1, 64)]
        elif op == 3 and b:
            start = rng.randrange(len(b))
            piece = b[start:start + rng.randint(1, 256)]
            b[pos:pos] = piece * rng.randint(1, 8)
        elif op == 4:
            del b[pos:]
        elif op == 5:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        else:
            depth = rng.choice([10, 1000, 100000])
            b[pos:pos] = b"[" * depth if rng.random() < 0.5 else b'{"a":' * depth
    return bytes(b)


def mutate_json_lines(data: bytes, rng: random.Random) -> bytes:
    """Structure-aware: parse each JSON line and replace, drop or add fields."""
    out = []
    for line in data.split(b"\n"):
        try:
            obj = json.loads(line)
        except ValueError:
            out.append(line)
            continue
        if isinstance(obj, dict) and rng.random() < 0.5:
            keys = list(obj) + ["text", "id", "prompt", "messages", "conversations", "output", "response"]
            key = rng.choice(keys)
            if rng.random() < 0.3:
                obj.pop(key, None)
            else:
                obj[key] = rng.choice(JSON_VALUES + [[{"role": "assistant", "content": rng.choice(JSON_VALUES)}]])
        out.append(json.dumps(obj, ensure_ascii=rng.random() < 0.5).encode())
    return b"\n".join(out)


class Fuzzer:
    def __init__(self, binary: str, work: str, seed: int):
        self.binary = os.path.abspath(binary)
        self.work = work
        self.seed = seed
        self.counts = {}
        self.crashes = []
        os.makedirs(os.path.join(work, "crashers"), exist_ok=True)
        self.case_dir = os.path.join(work, "case")
        os.makedirs(self.case_dir, exist_ok=True)

    def run(self, target: str, args: list, inputs: dict) -> None:
        """Runs one case; `inputs` maps file names (in the case directory) to their bytes."""
        for name, data in inputs.items():
            with open(os.path.join(self.case_dir, name), "wb") as f:
                f.write(data)
        self.counts[target] = self.counts.get(target, 0) + 1
        try:
            p = subprocess.run(
                [self.binary] + args, cwd=self.case_dir, stdin=subprocess.DEVNULL, capture_output=True,
                timeout=TIMEOUT, env={**os.environ, "DISTILLSCOPE_STORE": ""})
            failure = None
            if p.returncode < 0:
                failure = f"killed by signal {-p.returncode}"
            elif p.returncode not in (0, 1, 2):
                failure = f"exit {p.returncode}"
            elif b"Fatal error" in p.stderr or b"Stack dump" in p.stderr:
                failure = "Swift runtime error"
            elif p.returncode == 2 and not p.stderr.strip():
                failure = "exit 2 without a message"
            detail = p.stderr[-400:].decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            failure, detail = f"hang (over {TIMEOUT} s)", ""
        if failure:
            n = len(self.crashes) + 1
            keep = os.path.join(self.work, "crashers", f"{target}-{n}")
            os.makedirs(keep, exist_ok=True)
            for name in os.listdir(self.case_dir):
                src = os.path.join(self.case_dir, name)
                if os.path.isfile(src):
                    shutil.copy(src, keep)
            with open(os.path.join(keep, "command.txt"), "w") as f:
                f.write(" ".join(["distillscope"] + args) + "\n" + failure + "\n" + detail + "\n")
            self.crashes.append((target, failure, keep))
            print(f"CRASH {target}: {failure}: {' '.join(args)} (kept in {keep})", flush=True)


def load_seeds():
    fixtures = os.path.join(ROOT, "Tests", "DistillCoreTests", "Fixtures", "formats")
    seeds = {}
    for name in sorted(os.listdir(fixtures)):
        if not name.endswith(".gz"):
            with open(os.path.join(fixtures, name), "rb") as f:
                seeds[name] = f.read()
    with gzip.open(os.path.join(ROOT, "Samples", "teacher.jsonl.gz"), "rb") as f:
        seeds["teacher.jsonl"] = b"".join(f.readlines()[:30])
    return seeds


def tiktoken_seed() -> bytes:
    ranks = [bytes([b]) for b in range(256)] + [b"th", b"he", b"the", b" the", b"in", b"an", b"er", b" a"]
    return b"".join(base64.b64encode(t) + b" " + str(i).encode() + b"\n" for i, t in enumerate(ranks))


def hf_tokenizer_seed() -> bytes:
    # GPT-2's byte-to-unicode map: printable bytes stand for themselves, the rest shift to U+0100+.
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    mapping, extra = {}, 0
    for b in range(256):
        if b in printable:
            mapping[b] = chr(b)
        else:
            mapping[b] = chr(256 + extra)
            extra += 1
    vocab = {mapping[b]: b for b in range(256)}
    merges = ["t h", "th e", "Ġ t", "Ġt he", "i n", "a n"]
    for i, m in enumerate(merges):
        vocab[m.replace(" ", "")] = 256 + i
    return json.dumps({
        "model": {"type": "BPE", "vocab": vocab, "merges": merges},
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "use_regex": True},
        "added_tokens": [{"id": 300, "content": "<|end|>"}],
    }).encode()


def sp_tokenizer_seed() -> bytes:
    # A SentencePiece-style tokenizer.json: ▁ for spaces, byte fallback, Prepend+Replace normaliser.
    pieces = ["<unk>", "<s>", "</s>"] + ["<0x%02X>" % b for b in range(256)]
    pieces += ["\u2581", "t", "h", "e", "a", "n", "\u2581t", "he", "\u2581the", "an", "\u2581\u2581", "\ufeff"]
    vocab = {p: i for i, p in enumerate(pieces)}
    merges = ["\u2581 t", "h e", "\u2581t he", "a n", "\u2581 \u2581"]
    normalizer = {"type": "Sequence", "normalizers": [
        {"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}
    return json.dumps({
        "normalizer": normalizer, "pre_tokenizer": None,
        "model": {"type": "BPE", "byte_fallback": True, "fuse_unk": True, "unk_token": "<unk>", "vocab": vocab,
                  "merges": merges},
    }, ensure_ascii=False).encode()


CONFIG_SEEDS = [
    b'[thresholds]\nalpha = 0.001\nmin-rate = 0.0\n\n[thresholds.signals.ngram-13]\nalpha = 1e-6\nmin-rate = 0.05\n'
    b'\n[ignore]\nphrases = ["I hope this helps!"]\npatterns = ["(?i)^generated by .* license"]\n'
    b'allowed-sources = ["control"]\npaths = ["tests/fixtures/"]\n\n[output]\nformat = "json"\nfail-on = "any"\n',
    b'[output]\nformat = "sarif"\nfail-on = "ngram-13,near-duplicate"\n',
    b'# comment\n[thresholds]\nalpha = 0.01 # trailing\n',
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-fuzz"))
    a = parser.parse_args()
    if os.path.exists(a.work):
        shutil.rmtree(a.work)
    fuzz = Fuzzer(a.bin, a.work, a.seed)
    started = time.monotonic()
    seeds = load_seeds()
    small = seeds["teacher.jsonl"].split(b"\n")
    small = b"\n".join(small[:8]) + b"\n"

    # A store to scan and score against, and to damage.
    store = os.path.join(a.work, "refs.db")
    # Mixed: the teacher keeps key partitions, the control word streams (format 3).
    for name, storage in (("teacher", "keys"), ("control", "words")):
        subprocess.run([fuzz.binary, "index", "add", name, os.path.join(ROOT, "Samples", f"{name}.jsonl.gz"),
                        "--store", store, "--ngram-storage", storage, "--quiet"], check=True, capture_output=True)
    # One self-contained file (no -wal beside it), so a byte copy is the whole store.
    with sqlite3.connect(store) as db:
        db.execute("PRAGMA journal_mode = DELETE")
    with open(store, "rb") as f:
        store_bytes = f.read()
    # Two score partials of the student sample (shards 0/2 and 1/2) for the merge to read damaged.
    student = gzip.decompress(open(os.path.join(ROOT, "Samples", "student.jsonl.gz"), "rb").read()).split(b"\n")
    partials = []
    for shard, lines in enumerate((student[:40], student[40:80])):
        piece, out = os.path.join(a.work, f"piece{shard}.jsonl"), os.path.join(a.work, f"p{shard}.bin")
        with open(piece, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        subprocess.run([fuzz.binary, "score", piece, "--store", store, "--partial", out, "--shard", f"{shard}/2",
                        "--quiet"], check=True, capture_output=True)
        with open(out, "rb") as f:
            partials.append(f.read())

    # 1. Regressions: every past crasher, in full.
    regressions = 0
    for name in sorted(n for n in os.listdir(REGRESSIONS) if n != "README.md") if os.path.isdir(REGRESSIONS) else []:
        with open(os.path.join(REGRESSIONS, name), "rb") as f:
            data = f.read()
        regressions += 1
        if name.startswith("config-"):
            fuzz.run("regression", ["scan", "d.jsonl", "--store", store, "--config", "c.toml"],
                     {"c.toml": data, "d.jsonl": small})
        elif name.startswith("store-"):
            damaged = os.path.join(fuzz.case_dir, "damaged.db")
            shutil.copy(store, damaged)
            with sqlite3.connect(damaged) as db:
                db.executescript(data.decode())
            fuzz.run("regression", ["score", "d.jsonl", "--store", "damaged.db"], {"d.jsonl": small})
            fuzz.run("regression", ["index", "verify", "--store", "damaged.db"], {})
        elif name.startswith("tokenizer-"):
            ext = name.split(".", 1)[1] if "." in name else "json"
            fuzz.run("regression", ["watermark", "detect", "d.jsonl", "--key", "7", "--tokenizer", f"t.{ext}"],
                     {f"t.{ext}": data, "d.jsonl": small})
        else:
            ext = name.split(".", 1)[1] if "." in name else "jsonl"
            fuzz.run("regression", ["inspect", f"in.{ext}"], {f"in.{ext}": data})
    fuzz.counts.pop("regression", None)

    # 2. Mutations, target by target in turn, until the budget is spent.
    rng = random.Random(a.seed)
    seed_names = sorted(seeds)
    tiktoken, hf, sp = tiktoken_seed(), hf_tokenizer_seed(), sp_tokenizer_seed()
    targets = os.environ.get("FUZZ_TARGETS", "jsonl,jsonl,gzip,config,tokenizer,store,jsonl,partial").split(",")
    turn = 0
    while time.monotonic() - started < a.seconds:
        target = targets[turn % len(targets)]
        turn += 1
        case = random.Random(rng.getrandbits(64))
        if target == "jsonl":
            name = case.choice(seed_names)
            data = seeds[name]
            data = mutate_json_lines(data, case) if case.random() < 0.4 else mutate_bytes(data, case)
            ext = name.split(".", 1)[1]
            extra = case.choice([[], ["--skip-invalid"], ["--max-record-bytes", "64"], ["--json", "-"]])
            command = case.choice(["inspect", "inspect", "dedup", "sketch"])
            args = [command, f"in.{ext}"] + extra
            if command == "sketch":
                args += ["--out", "sig.bin"]
            fuzz.run("jsonl", args, {f"in.{ext}": data})
        elif target == "gzip":
            name = case.choice(seed_names)
            raw = gzip.compress(seeds[name], mtime=0)
            if case.random() < 0.3:
                raw = raw + gzip.compress(mutate_bytes(seeds[name], case), mtime=0)
            data = mutate_bytes(raw, case, rounds=case.randint(1, 3))
            fuzz.run("gzip", ["inspect", "in.jsonl.gz"] + case.choice([[], ["--skip-invalid"]]), {"in.jsonl.gz": data})
        elif target == "config":
            data = mutate_bytes(case.choice(CONFIG_SEEDS), case)
            fuzz.run("config", ["scan", "d.jsonl", "--store", store, "--config", "c.toml"],
                     {"c.toml": data, "d.jsonl": small})
        elif target == "tokenizer":
            if case.random() < 0.5:
                fuzz.run("tokenizer", ["watermark", "detect", "d.jsonl", "--key", "7", "--tokenizer", "t.tiktoken"],
                         {"t.tiktoken": mutate_bytes(tiktoken, case), "d.jsonl": small})
            else:
                seed = hf if case.random() < 0.5 else sp
                data = seed if case.random() < 0.1 else mutate_bytes(seed, case)
                fuzz.run("tokenizer", ["watermark", "detect", "d.jsonl", "--key", "7", "--tokenizer", "t.json"],
                         {"t.json": data, "d.jsonl": small})
        elif target == "partial":
            # One shard damaged: in its JSON header line, or anywhere in its binary records.
            which = case.randrange(2)
            data = partials[which]
            if case.random() < 0.3:
                head, _, body = data.partition(b"\n")
                data = mutate_json_lines(head + b"\n", case).rstrip(b"\n") + b"\n" + body
            else:
                data = mutate_bytes(data, case, rounds=case.randint(1, 4))
            given = {"p0.bin": partials[0], "p1.bin": partials[1]}
            given[f"p{which}.bin"] = data
            fuzz.run("partial", ["score", "--merge", "p0.bin", "p1.bin", "--store", store, "--json", "-"], given)
        else:
            damaged = os.path.join(fuzz.case_dir, "damaged.db")
            for leftover in ("damaged.db-wal", "damaged.db-shm", "damaged.db-journal"):
                if os.path.exists(os.path.join(fuzz.case_dir, leftover)):
                    os.remove(os.path.join(fuzz.case_dir, leftover))
            if case.random() < 0.4:
                # Page damage: bytes of the SQLite file itself.
                with open(damaged, "wb") as f:
                    f.write(mutate_bytes(store_bytes, case, rounds=case.randint(1, 6)))
            elif case.random() < 0.25:
                # The word streams damaged behind a valid checksum: only their decoder can tell.
                shutil.copy(store, damaged)
                with sqlite3.connect(damaged) as db:
                    blob = db.execute("SELECT data FROM artifact WHERE kind = 'ngram-words'").fetchone()[0]
                    blob = mutate_bytes(blob, case, rounds=case.randint(1, 4))
                    db.execute("UPDATE artifact SET data = ?, checksum = ? WHERE kind = 'ngram-words'",
                               (blob, zlib.crc32(blob)))
            else:
                shutil.copy(store, damaged)
                db = sqlite3.connect(damaged)
                try:
                    table = case.choice(["reference", "ngram_chunk", "signature_chunk", "artifact", "meta", "ngram_set"])
                    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
                    column = case.choice(columns)
                    value = case.choice([None, -1, 2**63 - 1, 0, "x", b"\x00" * 3, 3.5, "teacher", b""])
                    if case.random() < 0.2:
                        db.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} ORDER BY random() LIMIT 1)")
                    else:
                        rowids = [r[0] for r in db.execute(f"SELECT rowid FROM {table}")]
                        if rowids:
                            db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, case.choice(rowids)))
                    db.commit()
                except sqlite3.Error:
                    pass  # a constraint refused the damage: the store stays as it was
                finally:
                    db.close()
            command = case.choice([["score", "d.jsonl"], ["index", "verify"], ["index", "list"], ["scan", "d.jsonl"]])
            fuzz.run("store", command + ["--store", "damaged.db"], {"d.jsonl": small})

    elapsed = time.monotonic() - started
    total = sum(fuzz.counts.values())
    parts = ", ".join(f"{k} {v}" for k, v in sorted(fuzz.counts.items()))
    print(f"fuzz: {regressions} regression inputs and {total} mutated cases ({parts}) in {elapsed:.0f} s, "
          f"seed {a.seed}: {len(fuzz.crashes)} crashes or hangs")
    return 1 if fuzz.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
