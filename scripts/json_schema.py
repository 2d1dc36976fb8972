#!/usr/bin/env python3
"""Generate the JSON Schemas of every command's `--json` output (docs/schema/).

The schemas are inferred from what the built binary writes for the bundled Samples, over several
variants per command (with and without a background, identity patterns, a watermark key, a store
with baselines...): an object lists every property seen, `required` holds those seen every time, and
`additionalProperties` is false, so a field added or dropped changes the schema. The Swift test
`ReportSchemaTests` runs the same commands and checks each output against the committed schema.

    python3 scripts/json_schema.py --bin .build/debug/distillscope          # rewrite docs/schema/
    python3 scripts/json_schema.py --bin .build/debug/distillscope --check  # exit 1 when stale

Standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "Samples")
OUT = os.path.join(ROOT, "docs", "schema")
KEY = "0x7E5C4E12D15711A7"


def sample(name):
    return os.path.join(SAMPLES, name)


def runs(binary, scratch):
    """(command name, argument list) per variant; every list writes JSON to standard output."""
    store = os.path.join(scratch, "refs.db")
    subprocess.run([binary, "index", "add", "teacher", sample("teacher.jsonl.gz"), "--store", store, "--quiet",
                    "--watermark-key", KEY], check=True)
    subprocess.run([binary, "index", "add", "control", sample("control.jsonl.gz"), "--store", store, "--quiet",
                    "--family", "other"], check=True)
    t, s, c = sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), sample("control.jsonl.gz")
    # a store without any watermark configuration: scan's notTested then names no reference
    plain = os.path.join(scratch, "plain.db")
    subprocess.run([binary, "index", "add", "teacher", t, "--store", plain, "--quiet"], check=True)
    subprocess.run([binary, "index", "add", "control", c, "--store", plain, "--quiet", "--family", "other"],
                   check=True)
    # teacher and student only: the control model scored against it finds no parent (decision without
    # family and member)
    unrelated = os.path.join(scratch, "unrelated.db")
    for name, path in (("teacher", t), ("student", s)):
        subprocess.run([binary, "index", "add", name, path, "--store", unrelated, "--quiet"], check=True)
    patterns = sample("identity-patterns.json")
    # A full scan of the student (exit 1: it has findings), the baseline of the --baseline variant.
    baseline = os.path.join(scratch, "baseline.json")
    subprocess.run([binary, "scan", s, "--store", store, "--format", "json", "--output", baseline, "--quiet"],
                   check=False)
    if not os.path.exists(baseline):
        sys.exit("json_schema.py: the baseline scan wrote nothing")
    ex = os.path.join(ROOT, "docs", "examples", "watermark")
    kgw = ["--scheme", "kgw", "--token-ids", "--vocab-size", "2000", "--key-file", os.path.join(ex, "kgw-key.txt")]
    synthid = ["--scheme", "synthid", "--token-ids", "--keys-file", os.path.join(ex, "synthid-keys.txt"),
               "--ngram-len", "3", "--sampling-table-size", "1024", "--sampling-table-seed", "5"]
    return [
        ("compare", ["compare", t, s, "--identity-patterns", patterns]),
        ("compare", ["compare", t, c, "--background", s]),
        ("compare", ["compare", t, s, "--no-style", "--no-near-duplicates"]),
        ("dedup", ["dedup", t, s, "--threshold", "0.3"]),
        ("dedup", ["dedup", s]),
        ("inspect", ["inspect", t, s]),
        ("inspect", ["inspect", c]),
        ("score", ["score", s, "--store", store]),
        ("score", ["score", c, "--store", store]),
        ("score", ["score", c, "--store", unrelated]),
        ("index-list", ["index", "list", "--store", store]),
        ("attribute", ["attribute", s, "--ref", "teacher=" + t, "--ref", "control=" + c]),
        ("attribute", ["attribute", c, "--ref", "teacher=" + t, "--ref", "student=" + s]),
        ("phrases", ["phrases", t, c, "--top", "10"]),
        ("watermark-detect", ["watermark", "detect", s, "--key", KEY]),
        ("watermark-detect", ["watermark", "detect", c, "--key", KEY, "--scheme", "ds-gumbel"]),
        ("watermark-radioactivity", ["watermark", "radioactivity", s, "--key", KEY]),
        ("watermark-radioactivity", ["watermark", "radioactivity", c, "--key", KEY]),
        ("watermark-detect", ["watermark", "detect", os.path.join(ex, "kgw-teacher.jsonl.gz")] + kgw),
        ("watermark-detect", ["watermark", "detect", os.path.join(ex, "control.jsonl.gz")] + synthid),
        ("watermark-detect", ["watermark", "detect", os.path.join(ex, "kgw-teacher.jsonl.gz")] + kgw
         + ["--seeding-scheme", "simple_1", "--ignore-repeated-ngrams"]),
        ("watermark-detect", ["watermark", "detect", os.path.join(ex, "control.jsonl.gz")] + synthid
         + ["--eos-token-id", "7"]),
        ("watermark-radioactivity", ["watermark", "radioactivity", os.path.join(ex, "kgw-student.jsonl.gz")] + kgw),
        ("watermark-radioactivity", ["watermark", "radioactivity", os.path.join(ex, "control.jsonl.gz")] + synthid),
        ("scan", ["scan", s, "--store", store, "--format", "json"]),
        ("scan", ["scan", c, "--store", store, "--format", "json"]),
        ("scan", ["scan", s, "--store", plain, "--format", "json"]),
        ("scan", ["scan", s, "--store", store, "--format", "json", "--baseline", baseline]),
    ]


def json_args(args):
    return args if args[0] == "scan" else args + ["--json", "-"]


def kind(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Shape:
    """What was seen at one place of the documents."""

    def __init__(self):
        self.kinds = set()
        self.seen = 0
        self.properties = {}  # name -> Shape
        self.present = {}  # name -> count of objects holding it
        self.objects = 0
        self.items = None
        self.values = set()  # scalar values seen (for schemaVersion's const)

    def add(self, value, path):
        self.seen += 1
        k = kind(value)
        self.kinds.add(k)
        if k in ("number", "string") and len(self.values) < 2:
            self.values.add(value)
        if k == "object":
            self.objects += 1
            for name, v in value.items():
                self.properties.setdefault(name, Shape()).add(v, path + (name,))
                self.present[name] = self.present.get(name, 0) + 1
        elif k == "array":
            if self.items is None:
                self.items = Shape()
            for v in value:
                self.items.add(v, path + ("[]",))


# Objects whose keys are data (reference names, signal names, identities, ...), not field names.
MAP_KEYS = {"measures", "signals", "options", "openings", "closings", "timings", "counts", "skipped",
            "formats", "perReference", "byIdentity", "functionWords", "frequencies", "values",
            "functionWordsPerThousand", "hedgesPerThousandWords", "punctuationPerThousandWords", "shapes", "models"}
IDENTIFIER = re.compile(r"^[a-z][A-Za-z0-9]*$")


def schema(shape, name=None):
    kinds = sorted(shape.kinds)
    out = {}
    types = [k for k in kinds]
    if "object" in kinds and (name in MAP_KEYS or any(not IDENTIFIER.match(k) for k in shape.properties)):
        merged = Shape()
        for p in shape.properties.values():
            merged.kinds |= p.kinds
            merged.properties.update(p.properties)
            merged.present.update(p.present)
            merged.objects += p.objects
            if p.items is not None:
                merged.items = p.items
        out["type"] = types[0] if len(types) == 1 else types
        if merged.kinds:
            out["additionalProperties"] = schema(merged)
        return out
    out["type"] = types[0] if len(types) == 1 else types
    if name == "schemaVersion" and len(shape.values) == 1:
        out["const"] = next(iter(shape.values))
    if "object" in kinds:
        out["properties"] = {n: schema(p, n) for n, p in sorted(shape.properties.items())}
        out["required"] = sorted(n for n, c in shape.present.items() if c == shape.objects)
        out["additionalProperties"] = False
    if "array" in kinds and shape.items is not None and shape.items.kinds:
        out["items"] = schema(shape.items)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="the distillscope binary")
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/schema/ is not what this writes")
    a = parser.parse_args()
    a.bin = os.path.abspath(a.bin)
    shapes = {}
    with tempfile.TemporaryDirectory() as scratch:
        for command, args in runs(a.bin, scratch):
            r = subprocess.run([a.bin] + json_args(args), capture_output=True, cwd=scratch)
            if r.returncode not in (0, 1):
                sys.exit(f"{' '.join(args)}: exit {r.returncode}: {r.stderr.decode()[:400]}")
            shapes.setdefault(command, Shape()).add(json.loads(r.stdout), ())
    stale = []
    os.makedirs(OUT, exist_ok=True)
    for command, shape in sorted(shapes.items()):
        s = {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "$id": f"https://distillscope.dev/schema/{command}.schema.json",
             "title": f"distillscope {command.replace('-', ' ')} --json",
             "description": "Generated by scripts/json_schema.py from the outputs of the bundled Samples; "
                            "checked by ReportSchemaTests. Numbers may also be the strings Infinity, -Infinity, NaN.",
             **schema(shape)}
        text = json.dumps(s, indent=2, sort_keys=True) + "\n"
        path = os.path.join(OUT, f"{command}.schema.json")
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            stale.append(path)
            if not a.check:
                with open(path, "w") as f:
                    f.write(text)
    if a.check and stale:
        sys.exit("stale schemas (run scripts/json_schema.py --bin ...): " + ", ".join(stale))
    print(f"{len(shapes)} schemas {'checked' if a.check else 'written'} in {OUT}")


if __name__ == "__main__":
    main()
