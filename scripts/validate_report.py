#!/usr/bin/env python3
"""Validates JSON reports against docs/report.schema.json (JSON Schema draft 2020-12).

Needs the `jsonschema` package in a virtualenv (not a project requirement):

    python3 -m venv .build-peers/venv && .build-peers/venv/bin/pip install jsonschema
    .build-peers/venv/bin/python scripts/validate_report.py report.json [more.json ...]

With no report given it runs `distillscope compare --report` on the Samples first (the binary from
$DISTILLSCOPE_BIN, else .build/debug/distillscope) and validates that.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent


def samples_report(directory):
    binary = os.environ.get("DISTILLSCOPE_BIN", str(ROOT / ".build/debug/distillscope"))
    out = pathlib.Path(directory) / "samples-compare.json"
    subprocess.run(
        [binary, "compare", "--quiet", "--report", str(out),
         str(ROOT / "Samples/teacher.jsonl.gz"), str(ROOT / "Samples/student.jsonl.gz")],
        check=True, stdout=subprocess.DEVNULL)
    return str(out)


def main(paths):
    schema = json.loads((ROOT / "docs/report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    with tempfile.TemporaryDirectory() as directory:
        if not paths:
            paths = [samples_report(directory)]
        failed = 0
        for path in paths:
            with open(path, encoding="utf-8") as f:
                report = json.load(f)
            errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
            for e in errors[:20]:
                where = "/".join(str(p) for p in e.absolute_path) or "(root)"
                print(f"{path}: {where}: {e.message[:200]}")
            if errors:
                failed += 1
            else:
                sections = [k for k in ("overlap", "style", "attribution", "identity", "watermark") if k in report]
                print(f"{path}: valid (schema version {report['schemaVersion']}; sections: {', '.join(sections) or 'none'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
