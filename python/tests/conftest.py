"""Fixtures: the repository's Samples and docs/schema (tests run from a checkout, against the
installed package or python/src), and one reference store shared by the score and scan tests."""

import os

import pytest

import distillscope

ROOT = os.environ.get("DISTILLSCOPE_REPO") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "Samples")
SCHEMAS = os.path.join(ROOT, "docs", "schema")


def sample(name):
    return os.path.join(SAMPLES, name)


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("store") / "refs.db")
    distillscope.index_add(path, "teacher", sample("teacher.jsonl.gz"))
    distillscope.index_add(path, "control", sample("control.jsonl.gz"), family="other")
    return path
