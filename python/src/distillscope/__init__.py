"""DistillScope from Python: was one language model distilled from another?

Every function runs the `distillscope` binary (packaged in the wheel, else `$DISTILLSCOPE_BIN`)
with `--json` and returns a typed result. Corpora are paths (files, directories, .jsonl.gz...) or
iterables of records: dicts are written as JSON lines, strings as `{"text": ...}`. The first
iterable of a call is streamed to the binary's standard input (`-`); the CLI reads standard input
for one corpus only, so any other iterable goes through a temporary file. Keyword options are the
command's flags (`threads=2` → `--threads 2`, `skip_invalid=True` → `--skip-invalid`, a list →
the flag repeated). Exit status 1 (a finding) is a result, not an error (`exit_code` on the
result); 2 and above raise DistillScopeError with the CLI's message.

    >>> import distillscope
    >>> print(distillscope.compare("Samples/teacher.jsonl.gz", "Samples/student.jsonl.gz").summary)
"""

from __future__ import annotations

import os
from contextlib import ExitStack

from ._results import (
    CompareReport,
    DedupReport,
    IndexAddResult,
    Record,
    ScanEvidence,
    ScanFile,
    ScanFinding,
    ScanReport,
    ScoreDecision,
    ScoreReference,
    ScoreReport,
)
from ._runner import DistillScopeError, Inputs, binary, flags, run_json
from ._version import __version__

TYPE_CHECKING = False  # typing is imported for type checkers only (it is slow to import)
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence, Union

    from ._runner import Corpus, PathLike

__all__ = [
    "compare",
    "score",
    "scan",
    "dedup",
    "index_add",
    "binary",
    "DistillScopeError",
    "CompareReport",
    "ScoreReport",
    "ScoreDecision",
    "ScoreReference",
    "ScanReport",
    "ScanFile",
    "ScanFinding",
    "ScanEvidence",
    "DedupReport",
    "IndexAddResult",
    "Record",
    "__version__",
]

_RESERVED = {"json", "format", "output", "out", "report"}


def _options(options: dict) -> list:
    bad = sorted(_RESERVED & set(options))
    if bad:
        raise TypeError(f"option {bad[0]} is set by the Python API (it reads the JSON output); use the CLI for files")
    return flags(options)


def compare(teacher: Corpus, suspect: Corpus, **options: Any) -> CompareReport:
    """`distillscope compare TEACHER SUSPECT`: shared spans, containment, near-duplicates, style and
    identity. `background=` takes a corpus too (path or iterable)."""
    with ExitStack() as stack:
        inputs = Inputs(stack)
        args = ["compare", inputs.arg(teacher), inputs.arg(suspect)]
        background = options.pop("background", None)
        if background is not None:
            args += ["--background", inputs.arg(background)]
        args += _options(options) + ["--json", "-"]
        data, code = run_json(args, inputs.stdin)
    report = CompareReport.from_json(data)
    report.exit_code = code
    return report


def score(suspect: Corpus, store: PathLike, **options: Any) -> ScoreReport:
    """`distillscope score SUSPECT --store DB`: a calibrated verdict per reference of the store."""
    with ExitStack() as stack:
        inputs = Inputs(stack)
        args = ["score", inputs.arg(suspect), "--store", os.fspath(store)] + _options(options) + ["--json", "-"]
        data, code = run_json(args, inputs.stdin)
    report = ScoreReport.from_json(data)
    report.exit_code = code
    return report


def scan(
    paths: Union[Corpus, Sequence[Corpus]],
    store: Optional[PathLike] = None,
    config: Optional[PathLike] = None,
    **options: Any,
) -> ScanReport:
    """`distillscope scan PATH... [--store DB] [--config FILE] --format json`: findings per file.
    `paths` is one path or corpus, or a list of them; scan reads files, so iterables are written to
    temporary files first (their findings name the temporary path). `baseline="previous.json"`
    (a full scan's JSON or SARIF) reports only findings the baseline lacks; `source_root=` sets
    the root the paths and fingerprints are relative to."""
    items = [paths] if isinstance(paths, (str, bytes, os.PathLike)) else list(paths)
    if items and all(isinstance(x, (dict, str)) and not _looks_like_path(x) for x in items):
        items = [items]  # one iterable of records given directly
    if not items:
        raise ValueError("scan: give at least one path or corpus")
    with ExitStack() as stack:
        inputs = Inputs(stack, stdin_allowed=False)
        args = ["scan"] + [inputs.arg(p) for p in items]
        if store is not None:
            args += ["--store", os.fspath(store)]
        if config is not None:
            args += ["--config", os.fspath(config)]
        args += _options(options) + ["--format", "json"]
        data, code = run_json(args)
    report = ScanReport.from_json(data)
    report.exit_code = code
    return report


def _looks_like_path(x: Any) -> bool:
    return isinstance(x, str) and os.path.exists(x)


def dedup(corpus: Union[Corpus, Sequence[PathLike]], threshold: Optional[float] = None, **options: Any) -> DedupReport:
    """`distillscope dedup CORPUS... [--threshold T]`: near-duplicate clusters (MinHash LSH, verified
    by exact Jaccard). `corpus` is a path, a list of paths, or an iterable of records; a list is
    read as paths when every item is an os.PathLike or a string naming an existing file or
    directory, else as records (a list of strings is then a list of documents)."""
    with ExitStack() as stack:
        inputs = Inputs(stack)
        if isinstance(corpus, (list, tuple)) and corpus and all(isinstance(p, os.PathLike) or _looks_like_path(p) for p in corpus):
            corpora = [inputs.arg(p) for p in corpus]
        else:
            corpora = [inputs.arg(corpus)]
        args = ["dedup"] + corpora
        if threshold is not None:
            args += ["--threshold", str(threshold)]
        args += _options(options) + ["--json", "-"]
        data, code = run_json(args, inputs.stdin)
    report = DedupReport.from_json(data)
    report.exit_code = code
    return report


def index_add(store: PathLike, name: str, corpus: Corpus, **options: Any) -> IndexAddResult:
    """`distillscope index add NAME CORPUS --store DB`: fingerprint a reference model's outputs into
    the store (created when missing). Options: `family=`, `role=`, `description=`, `watermark_key=`..."""
    with ExitStack() as stack:
        inputs = Inputs(stack)
        args = ["index", "add", name, inputs.arg(corpus), "--store", os.fspath(store), "--quiet"]
        args += _options(options) + ["--json", "-"]
        data, _ = run_json(args, inputs.stdin)
    return IndexAddResult.from_json(data)
