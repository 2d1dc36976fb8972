"""The Python API against the binary it wraps: each function's result equals the CLI's own `--json`
output for the same arguments, iterables give the same results as the files they came from, and
failures raise DistillScopeError with the CLI's message and exit status."""

import gzip
import json
import os
import subprocess

import pytest

import distillscope
from conftest import sample


def records(name):
    with gzip.open(sample(name), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cli_json(*args):
    done = subprocess.run([distillscope.binary(), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout), done.returncode


def without_paths(report):
    """The compare JSON minus the corpus paths and file summaries (an iterable's path is `-` or a
    temporary file), for comparing a run on files with one on iterables."""
    data = json.loads(json.dumps(report.raw))
    for side in ("teacher", "suspect", "background"):
        if side not in data:
            continue
        data[side].pop("path", None)
        data[side]["summary"].pop("files", None)
    return data


# compare


def test_compare_paths_equals_cli():
    report = distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"))
    expected, code = cli_json("compare", sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), "--json", "-")
    assert report.raw == expected
    assert report.exit_code == code
    assert isinstance(report, distillscope.CompareReport)
    assert report.command == "compare" and report.schema_version == 1
    assert report.summary == expected["summary"]
    assert report.summary.startswith("The suspect looks derived from the teacher")
    assert "\n" not in report.summary
    assert report.overlap["suspectDocuments"] == 300


def test_compare_control_is_not_derived():
    report = distillscope.compare(sample("teacher.jsonl.gz"), sample("control.jsonl.gz"))
    assert not report.summary.startswith("The suspect looks derived")
    assert report.summary != distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz")).summary


def test_compare_options_become_flags():
    full = distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), threads=1)
    lean = distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), threads=2, no_style=True)
    assert full.style is not None
    assert lean.style is None
    assert lean.overlap == full.overlap  # results do not depend on the thread count
    with_patterns = distillscope.compare(
        sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), identity_patterns=sample("identity-patterns.json"))
    assert "TeacherLM" in with_patterns.summary
    assert "TeacherLM" not in full.summary


def test_compare_suspect_streamed_from_a_generator():
    by_path = distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"))
    streamed = distillscope.compare(sample("teacher.jsonl.gz"), (r for r in records("student.jsonl.gz")))
    assert streamed.suspect["path"] == "-"
    assert streamed.summary == by_path.summary
    assert without_paths(streamed) == without_paths(by_path)


def test_compare_two_iterables_and_a_background():
    by_path = distillscope.compare(
        sample("teacher.jsonl.gz"), sample("control.jsonl.gz"), background=sample("student.jsonl.gz"))
    both = distillscope.compare(
        records("teacher.jsonl.gz"), iter(records("control.jsonl.gz")), background=records("student.jsonl.gz"))
    assert both.teacher["path"] == "-"
    assert both.suspect["path"] != "-" and both.suspect["path"].endswith(".jsonl")
    assert both.background is not None
    assert without_paths(both) == without_paths(by_path)
    assert both.background["summary"]["documents"] == by_path.background["summary"]["documents"]


def test_strings_are_documents():
    text = "the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the door"
    report = distillscope.dedup([text, "an entirely different sentence about sailing boats and wind", text])
    assert report.documents == 3
    assert [(p["first"], p["second"], p["jaccard"]) for p in report.pairs] == [("<stdin>:1", "<stdin>:3", 1)]


# dedup


def test_dedup_paths_and_threshold_equal_cli():
    report = distillscope.dedup([sample("teacher.jsonl.gz"), sample("student.jsonl.gz")], threshold=0.1)
    expected, code = cli_json("dedup", sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), "--threshold", "0.1", "--json", "-")
    assert report.raw == expected and report.exit_code == code
    assert report.threshold == 0.1
    assert report.paths == [sample("teacher.jsonl.gz"), sample("student.jsonl.gz")]
    assert len(report.pairs) == len(expected["pairs"]) > 0
    one = distillscope.dedup(sample("student.jsonl.gz"))
    assert one.threshold == 0.8 and one.documents == 300


def test_dedup_of_records_equals_dedup_of_their_file():
    by_path = distillscope.dedup(sample("teacher.jsonl.gz"), threshold=0.1)
    streamed = distillscope.dedup(records("teacher.jsonl.gz"), threshold=0.1)
    assert streamed.documents == by_path.documents
    assert by_path.clusters and by_path.pairs
    assert streamed.statistics == by_path.statistics
    assert [sorted(c["documents"]) for c in streamed.clusters] == [sorted(c["documents"]) for c in by_path.clusters]


# index_add, score, scan


def test_index_add_from_paths_and_records(tmp_path):
    db = str(tmp_path / "refs.db")
    added = distillscope.index_add(db, "teacher", sample("teacher.jsonl.gz"))
    assert isinstance(added, distillscope.IndexAddResult)
    assert (added.name, added.family, added.role, added.documents) == ("teacher", "teacher", "candidate", 300)
    assert set(added.distinct_n_grams) == {"8", "13"}
    streamed = distillscope.index_add(db, "control", iter(records("control.jsonl.gz")), family="other")
    assert (streamed.name, streamed.family, streamed.documents) == ("control", "other", 300)
    listed, _ = cli_json("index", "list", "--store", db, "--json", "-")
    assert sorted(r["name"] for r in listed["references"]) == ["control", "teacher"]
    with pytest.raises(distillscope.DistillScopeError) as failure:
        distillscope.index_add(db, "teacher", sample("teacher.jsonl.gz"))
    assert failure.value.exit_code == 2
    assert "teacher" in failure.value.message


def test_score_equals_cli(store):
    report = distillscope.score(sample("student.jsonl.gz"), store)
    expected, code = cli_json("score", sample("student.jsonl.gz"), "--store", store, "--json", "-")
    assert report.raw == expected and report.exit_code == code == 1
    assert report.decision.parent_found and report.decision.parents == ["teacher"]
    assert report.summary.startswith("Parent found: teacher")
    assert {r.reference for r in report.references} == {"teacher", "control"}
    teacher = next(r for r in report.references if r.reference == "teacher")
    assert teacher.parent_found and teacher.log10_adjusted_p_value < -100
    control = distillscope.score(records("control.jsonl.gz"), store)
    assert control.suspect == "-" and control.suspect_documents == 300


def test_score_without_a_parent(tmp_path):
    # The control model against a store of teacher and student: no parent, so the CLI's decision has no
    # family and no member; the dataclass reads that as empty strings and the JSON still fits the schema.
    path = str(tmp_path / "unrelated.db")
    distillscope.index_add(path, "teacher", sample("teacher.jsonl.gz"))
    distillscope.index_add(path, "student", sample("student.jsonl.gz"))
    report = distillscope.score(sample("control.jsonl.gz"), path)
    assert report.exit_code == 0 and not report.decision.parent_found and report.decision.parents == []
    assert "family" not in report.raw["decision"] and report.decision.family == report.decision.member == ""
    assert all(not r.parent_found for r in report.references)


def test_scan_equals_cli(store, tmp_path):
    report = distillscope.scan([sample("student.jsonl.gz")], store=store)
    expected, code = cli_json("scan", sample("student.jsonl.gz"), "--store", store, "--format", "json")
    assert report.raw == expected and report.exit_code == code == 1
    assert report.failing
    assert report.files[0].path == sample("student.jsonl.gz")
    finding = report.findings[0]
    assert isinstance(finding, distillscope.ScanFinding) and finding.reference == "teacher"
    assert finding.evidence and isinstance(finding.evidence[0], distillscope.ScanEvidence)
    assert finding.evidence[0].line >= 1
    config = tmp_path / "scan.toml"
    config.write_text('[output]\nfail-on = "none"\n')
    relaxed = distillscope.scan(sample("student.jsonl.gz"), store=store, config=str(config))
    assert relaxed.exit_code == 0 and not relaxed.failing
    assert len(relaxed.findings) == len(report.findings)


def test_scan_with_a_baseline_reports_only_new_findings(store, tmp_path):
    previous = tmp_path / "previous.json"
    full = distillscope.scan(sample("student.jsonl.gz"), store=store)
    previous.write_text(json.dumps(full.raw), encoding="utf-8")
    again = distillscope.scan(sample("student.jsonl.gz"), store=store, baseline=str(previous))
    assert again.exit_code == 0 and not again.findings
    assert again.baseline is not None and again.baseline["suppressed"] == len(full.findings) > 0
    with pytest.raises(distillscope.DistillScopeError) as failure:
        distillscope.scan(sample("student.jsonl.gz"), store=store, baseline=str(tmp_path / "missing.json"))
    assert failure.value.exit_code == 2 and "missing.json" in failure.value.message


def test_scan_of_records(store):
    by_path = distillscope.scan(sample("student.jsonl.gz"), store=store)
    streamed = distillscope.scan(records("student.jsonl.gz"), store=store)
    assert streamed.files[0].path.endswith(".jsonl")
    assert [(f.signal, f.reference, f.exceeding_documents) for f in streamed.findings] == [
        (f.signal, f.reference, f.exceeding_documents) for f in by_path.findings]


# errors


def test_missing_file_raises_with_the_cli_message():
    with pytest.raises(distillscope.DistillScopeError) as failure:
        distillscope.compare("/nonexistent/teacher.jsonl", sample("student.jsonl.gz"))
    done = subprocess.run([distillscope.binary(), "compare", "/nonexistent/teacher.jsonl", sample("student.jsonl.gz")],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert failure.value.exit_code == done.returncode == 2
    assert failure.value.message == "/nonexistent/teacher.jsonl: no such file or directory"
    assert failure.value.message in done.stderr.decode()
    assert str(failure.value) == failure.value.message
    assert failure.value.command[1:3] == ["compare", "/nonexistent/teacher.jsonl"]


def test_bad_option_value_and_unknown_option_raise():
    with pytest.raises(distillscope.DistillScopeError) as bad_value:
        distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), threads=0)
    assert bad_value.value.exit_code == 2
    assert "--threads" in bad_value.value.message and "Usage" not in bad_value.value.message
    with pytest.raises(distillscope.DistillScopeError) as unknown:
        distillscope.dedup(sample("student.jsonl.gz"), no_such_option=True)
    assert "--no-such-option" in unknown.value.message


def test_score_errors(tmp_path):
    with pytest.raises(distillscope.DistillScopeError) as failure:
        distillscope.score(sample("student.jsonl.gz"), str(tmp_path / "missing.db"))
    assert failure.value.exit_code == 2 and "missing.db" in failure.value.message
    db = str(tmp_path / "one.db")
    distillscope.index_add(db, "teacher", sample("teacher.jsonl.gz"))
    with pytest.raises(distillscope.DistillScopeError) as one:
        distillscope.score(sample("student.jsonl.gz"), db)
    assert "at least two" in one.value.message


def test_bad_records_in_iterables():
    with pytest.raises(TypeError):
        distillscope.compare(sample("teacher.jsonl.gz"), [{"text": "fine"}, 42])
    with pytest.raises(TypeError):
        distillscope.compare(sample("teacher.jsonl.gz"), {"text": "a dict is not a corpus"})
    with pytest.raises(distillscope.DistillScopeError) as failure:
        distillscope.compare(sample("teacher.jsonl.gz"), [{"id": "x", "no_text": 1}], text_field="missing")
    assert failure.value.exit_code == 2 and failure.value.message


def test_options_the_api_owns_are_refused():
    with pytest.raises(TypeError):
        distillscope.compare(sample("teacher.jsonl.gz"), sample("student.jsonl.gz"), json="out.json")


def test_binary_location(monkeypatch):
    path = distillscope.binary()
    assert os.access(path, os.X_OK)
    if os.environ.get("DISTILLSCOPE_EXPECT_PACKAGED") == "1":
        assert path == os.path.join(os.path.dirname(distillscope.__file__), "bin", "distillscope")
    version = subprocess.run([path, "--version"], stdout=subprocess.PIPE, check=True).stdout.decode().strip()
    assert version == distillscope.__version__


# to_pandas


def test_to_pandas_only_with_pandas():
    report = distillscope.dedup([sample("teacher.jsonl.gz"), sample("student.jsonl.gz")], threshold=0.1)
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="pandas"):
            report.to_pandas()
    else:
        frame = report.to_pandas()
        assert list(frame.columns) == ["first", "second", "jaccard"] and len(frame) == len(report.pairs)


def test_man_page_and_completions_are_packaged():
    if os.environ.get("DISTILLSCOPE_EXPECT_PACKAGED") != "1":
        pytest.skip("runs against an installed wheel (scripts/test-wheel.sh)")
    share = os.path.join(os.path.dirname(distillscope.__file__), "share")
    with open(os.path.join(share, "man", "man1", "distillscope.1"), encoding="utf-8") as f:
        page = f.read()
    assert ".Dt DISTILLSCOPE 1" in page and "compare" in page
    for name, marker in [("distillscope.bash", "complete -o filenames -F _distillscope distillscope"),
                         ("_distillscope", "#compdef distillscope"), ("distillscope.fish", "complete -c 'distillscope'")]:
        with open(os.path.join(share, "completions", name), encoding="utf-8") as f:
            assert marker in f.read(), name
