"""The typed results against docs/schema/: every JSON output the API returns validates against its
command's schema, and each dataclass has exactly one field per schema property (snake_case)."""

import dataclasses

import pytest

import distillscope
from conftest import SCHEMAS, sample
from distillscope._results import snake
from schema_check import errors, load

# dataclass, schema, path of the object inside the schema (properties/items steps)
SHAPES = [
    (distillscope.CompareReport, "compare", []),
    (distillscope.ScoreReport, "score", []),
    (distillscope.ScoreDecision, "score", ["decision"]),
    (distillscope.ScoreReference, "score", ["references", "items"]),
    (distillscope.ScanReport, "scan", []),
    (distillscope.ScanFile, "scan", ["files", "items"]),
    (distillscope.ScanFinding, "scan", ["files", "items", "findings", "items"]),
    (distillscope.ScanEvidence, "scan", ["files", "items", "findings", "items", "evidence", "items"]),
    (distillscope.DedupReport, "dedup", []),
]


def subschema(schema, steps):
    for step in steps:
        schema = schema["items"] if step == "items" else schema["properties"][step]
    return schema


@pytest.mark.parametrize("cls,name,steps", SHAPES, ids=lambda x: getattr(x, "__name__", None))
def test_dataclass_fields_are_the_schema_properties(cls, name, steps):
    schema = subschema(load(name, SCHEMAS), steps)
    assert schema.get("additionalProperties") is False
    assert set(cls.json_fields()) == {snake(p) for p in schema["properties"]}
    # a required property is never declared optional (a default of None) in the dataclass
    optional = {f.name for f in dataclasses.fields(cls) if f.default is None}
    assert not optional & {snake(p) for p in schema.get("required", [])}


def test_index_add_fields_cover_its_output(tmp_path):
    added = distillscope.index_add(str(tmp_path / "refs.db"), "teacher", sample("teacher.jsonl.gz"),
                                   description="the teacher", watermark_key="0x7E5C4E12D15711A7")
    # index add has no schema file: its JSON holds exactly the dataclass's fields
    assert {snake(k) for k in added.raw} == set(distillscope.IndexAddResult.json_fields())


def check(report, name):
    problems = errors(report.raw, load(name, SCHEMAS))
    assert not problems, problems[:5]
    # every property the JSON holds is a dataclass field with the same value
    for key, value in report.raw.items():
        field = getattr(report, snake(key))
        if isinstance(field, list) and field and isinstance(field[0], distillscope.Record):
            assert [f.raw for f in field] == value
        elif isinstance(field, distillscope.Record):
            assert field.raw == value
        else:
            assert field == value


def test_compare_output_matches_schema():
    check(distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"),
                               identity_patterns=sample("identity-patterns.json")), "compare")
    check(distillscope.compare(sample("teacher.jsonl.gz"), sample("control.jsonl.gz"),
                               background=sample("student.jsonl.gz")), "compare")


def test_score_output_matches_schema(store):
    check(distillscope.score(sample("student.jsonl.gz"), store), "score")
    check(distillscope.score(sample("control.jsonl.gz"), store), "score")


def test_scan_output_matches_schema(store):
    check(distillscope.scan([sample("student.jsonl.gz"), sample("control.jsonl.gz")], store=store), "scan")


def test_dedup_output_matches_schema():
    check(distillscope.dedup([sample("teacher.jsonl.gz"), sample("student.jsonl.gz")], threshold=0.1), "dedup")


def test_the_validator_rejects_what_the_schema_forbids():
    schema = load("dedup", SCHEMAS)
    good = distillscope.dedup(sample("student.jsonl.gz")).raw
    assert errors(good, schema) == []
    assert errors({**good, "extra": 1}, schema)
    assert errors({k: v for k, v in good.items() if k != "pairs"}, schema)
    assert errors({**good, "documents": "300"}, schema)
