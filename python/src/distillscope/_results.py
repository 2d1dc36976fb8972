"""Typed results over the CLI's `--json` output. Each dataclass has one field per property of the
JSON Schema in docs/schema/ (camelCase there, snake_case here; tests/test_schema.py checks the two
agree); nested objects the schema leaves loosely typed stay plain dicts and lists. `raw` keeps the
whole JSON object, `to_dict()` returns it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

TYPE_CHECKING = False  # typing is imported for type checkers only (it is slow to import)
if TYPE_CHECKING:
    from typing import Any, Dict, List, Optional, Type, TypeVar

    T = TypeVar("T", bound="Record")


def snake(name: str) -> str:
    """`log10AdjustedPValue` → `log10_adjusted_p_value`, `documentID` → `document_id`: an underscore
    before an upper-case letter that follows a lower-case letter or digit, or that starts a word
    after a run of capitals."""
    out = []
    for i, c in enumerate(name):
        if c.isupper() and i > 0:
            before = name[i - 1]
            after = name[i + 1] if i + 1 < len(name) else ""
            if before.islower() or before.isdigit() or (before.isupper() and after.islower()):
                out.append("_")
        out.append(c.lower())
    return "".join(out)


@dataclass
class Record:
    raw: Dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def nested(cls) -> Dict[str, Type["Record"]]:
        """Field name → record class of a nested object, or of the items of a nested list."""
        return {}

    @classmethod
    def json_fields(cls) -> List[str]:
        """The dataclass fields that hold JSON properties (all but `raw`)."""
        return [f.name for f in fields(cls) if f.init and f.name != "raw"]

    @classmethod
    def from_json(cls: Type[T], data: Mapping[str, Any]) -> T:
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
        names = set(cls.json_fields())
        nested = cls.nested()
        values: Dict[str, Any] = {}
        for key, value in data.items():
            name = snake(key)
            if name not in names:
                continue  # a property newer than this package: kept in raw
            kind = nested.get(name)
            if kind is not None and isinstance(value, list):
                value = [kind.from_json(item) for item in value]
            elif kind is not None and isinstance(value, Mapping):
                value = kind.from_json(value)
            values[name] = value
        return cls(raw=dict(data), **values)  # type: ignore[call-arg]

    def to_dict(self) -> Dict[str, Any]:
        return self.raw


def _pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise ImportError("to_pandas() needs pandas, which is not installed (pip install pandas)") from None
    return pandas


@dataclass
class CompareReport(Record):
    """`compare TEACHER SUSPECT --json`: overlap, style and identity of a suspect against a teacher."""

    command: str = "compare"
    schema_version: int = 1
    summary: str = ""
    teacher: Dict[str, Any] = field(default_factory=dict)
    suspect: Dict[str, Any] = field(default_factory=dict)
    overlap: Dict[str, Any] = field(default_factory=dict)
    style: Optional[Dict[str, Any]] = None
    identity: Optional[Dict[str, Any]] = None
    background: Optional[Dict[str, Any]] = None
    exit_code: int = field(default=0, init=False, compare=False)

    @property
    def looks_derived(self) -> bool:
        """True when the CLI exited 1 (a finding over its thresholds)."""
        return self.exit_code == 1

    def to_pandas(self):
        """One row per n-gram width: containment and shared windows."""
        pd = _pandas()
        return pd.DataFrame([dict(width=w.get("width"), **{k: v for k, v in w.items() if k != "width"})
                             for w in self.overlap.get("widths", []) if isinstance(w, Mapping)])


@dataclass
class ScoreDecision(Record):
    family: str = ""
    member: str = ""
    paired: bool = False
    parent_found: bool = False
    parents: List[str] = field(default_factory=list)
    summary: str = ""


@dataclass
class ScoreReference(Record):
    reference: str = ""
    family: str = ""
    role: str = ""
    description: str = ""
    documents: int = 0
    log10_p_value: float = 0.0
    log10_adjusted_p_value: float = 0.0
    parent_found: bool = False
    signals: List[Dict[str, Any]] = field(default_factory=list)
    strongest_signal: str = ""
    summary: str = ""


@dataclass
class ScoreReport(Record):
    """`score SUSPECT --store DB --json`: a calibrated verdict per reference."""

    command: str = "score"
    schema_version: int = 1
    suspect: str = ""
    suspect_documents: int = 0
    decision: ScoreDecision = field(default_factory=lambda: ScoreDecision(raw={}))
    references: List[ScoreReference] = field(default_factory=list)
    options: Dict[str, Any] = field(default_factory=dict)
    verdict_options: Dict[str, Any] = field(default_factory=dict)
    exit_code: int = field(default=0, init=False, compare=False)

    @classmethod
    def nested(cls):
        return {"decision": ScoreDecision, "references": ScoreReference}

    @property
    def summary(self) -> str:
        return self.decision.summary

    def to_pandas(self):
        pd = _pandas()
        return pd.DataFrame([{k: v for k, v in r.raw.items() if k != "signals"} for r in self.references])


@dataclass
class ScanEvidence(Record):
    document_id: str = ""
    line: int = 0
    path: str = ""
    snippet: str = ""
    reference_document_id: Optional[str] = None


@dataclass
class ScanFinding(Record):
    signal: str = ""
    reference: str = ""
    message: str = ""
    failing: bool = False
    rate: float = 0.0
    exceeding_documents: int = 0
    log10_p_value: float = 0.0
    fingerprint: str = ""
    evidence: List[ScanEvidence] = field(default_factory=list)

    @classmethod
    def nested(cls):
        return {"evidence": ScanEvidence}


@dataclass
class ScanFile(Record):
    path: str = ""
    documents: int = 0
    gzip: bool = False
    findings: List[ScanFinding] = field(default_factory=list)

    @classmethod
    def nested(cls):
        return {"findings": ScanFinding}


@dataclass
class ScanReport(Record):
    """`scan PATH... --format json`: findings per file."""

    command: str = "scan"
    schema_version: int = 1
    tool_version: str = ""
    store: str = ""
    signals: Dict[str, str] = field(default_factory=dict)
    files: List[ScanFile] = field(default_factory=list)
    not_tested: List[Dict[str, Any]] = field(default_factory=list)
    baseline: Optional[Dict[str, Any]] = None
    exit_code: int = field(default=0, init=False, compare=False)

    @classmethod
    def nested(cls):
        return {"files": ScanFile}

    @property
    def findings(self) -> List[ScanFinding]:
        return [f for file in self.files for f in file.findings]

    @property
    def failing(self) -> bool:
        """True when the CLI exited 1 (a finding fails the run under the policy)."""
        return self.exit_code == 1

    def to_pandas(self):
        pd = _pandas()
        return pd.DataFrame([dict(path=file.path, **{k: v for k, v in f.raw.items() if k != "evidence"})
                             for file in self.files for f in file.findings])


@dataclass
class DedupReport(Record):
    """`dedup CORPUS... --json`: near-duplicate clusters and verified pairs."""

    command: str = "dedup"
    schema_version: int = 1
    paths: List[str] = field(default_factory=list)
    documents: int = 0
    threshold: float = 0.0
    permutations: int = 0
    shingle_width: int = 0
    statistics: Dict[str, Any] = field(default_factory=dict)
    summary: Dict[str, Any] = field(default_factory=dict)
    clusters: List[Dict[str, Any]] = field(default_factory=list)
    pairs: List[Dict[str, Any]] = field(default_factory=list)
    exit_code: int = field(default=0, init=False, compare=False)

    def to_pandas(self):
        pd = _pandas()
        return pd.DataFrame(self.pairs, columns=["first", "second", "jaccard"])


@dataclass
class IndexAddResult(Record):
    """`index add NAME CORPUS --store DB --json`: what was stored for the reference."""

    name: str = ""
    family: str = ""
    role: str = ""
    documents: int = 0
    tokens: int = 0
    probes: int = 0
    distinct_n_grams: Dict[str, int] = field(default_factory=dict)
    schema_version: int = 1
