#!/usr/bin/env python3
"""Structural checks of the composite action (action.yml), which actionlint does not lint itself.

    check_action.py [action.yml]
    check_action.py --print-step ID action.yml     print one step's run script (for running it in tests)

Checks: the YAML parses; name, description, inputs, outputs and runs are there; runs.using is
`composite`; every input has a description, every output a value; every step has a name and either
`run` (with `shell`) or `uses` (pinned to a tag or commit); every `${{ inputs.X }}` names a declared
input and every `steps.ID.outputs` a step with that id before it; no `${{ ... }}` expression inside
a `run` script (inputs reach scripts through `env`, so a crafted input cannot inject shell); and, when
shellcheck is on PATH, every `run` script and scripts/action/scan.sh pass it. Needs PyYAML (the
venv of scripts/action-lint.sh has it). Exit 0 clean, 1 with findings listed, 2 on set-up errors.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    sys.exit("check_action.py: needs PyYAML (run it from scripts/action-lint.sh's virtualenv)")

EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def expressions(value):
    """Every `${{ ... }}` expression in a value, recursively."""
    if isinstance(value, str):
        return EXPR.findall(value)
    if isinstance(value, dict):
        return [e for v in value.values() for e in expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in expressions(v)]
    return []


def check(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        try:
            action = yaml.safe_load(f)
        except yaml.YAMLError as e:
            return [f"{path}: not YAML: {e}"]
    if not isinstance(action, dict):
        return [f"{path}: the top level is not a mapping"]
    for key in ("name", "description", "inputs", "outputs", "runs"):
        if key not in action:
            problems.append(f"{path}: no `{key}`")
    inputs = action.get("inputs") or {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict) or not spec.get("description"):
            problems.append(f"{path}: input {name} has no description")
        elif not spec.get("required") and "default" not in spec:
            problems.append(f"{path}: optional input {name} has no default")
    for name, spec in (action.get("outputs") or {}).items():
        if not isinstance(spec, dict) or "value" not in spec or "description" not in spec:
            problems.append(f"{path}: output {name} needs a description and a value")
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problems.append(f"{path}: runs.using is {runs.get('using')!r}, not composite")
    steps = runs.get("steps") or []
    if not steps:
        problems.append(f"{path}: runs.steps is empty")
    seen_ids = set()
    scripts = []
    refs = []
    for i, step in enumerate(steps):
        where = f"{path}: step {i + 1} ({step.get('name', 'unnamed')})"
        if "name" not in step:
            problems.append(f"{where}: no name")
        if ("run" in step) == ("uses" in step):
            problems.append(f"{where}: needs exactly one of run and uses")
        if "run" in step:
            if "shell" not in step:
                problems.append(f"{where}: a composite step with run needs shell")
            if EXPR.search(step["run"]):
                problems.append(f"{where}: ${{{{ }}}} inside run; pass the value through env")
            scripts.append((where, step["run"]))
        if "uses" in step and not re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+", step["uses"]):
            problems.append(f"{where}: uses {step['uses']!r} is not owner/repo@ref")
        outputs_exprs = expressions(action.get("outputs") or {}) if i == len(steps) - 1 else []
        for e in expressions(step) + outputs_exprs:
            refs.append((where, e, set(seen_ids)))
        if "id" in step:
            seen_ids.add(step["id"])
    for where, e, ids in refs:
        for name in re.findall(r"inputs\.([\w-]+)", e):
            if name not in inputs:
                problems.append(f"{where}: ${{{{{e}}}}} names input {name}, which is not declared")
        for sid in re.findall(r"steps\.([\w-]+)\.outputs", e):
            if sid not in ids and sid not in seen_ids:
                problems.append(f"{where}: ${{{{{e}}}}} names step {sid}, which does not exist")
    problems += shellcheck(scripts, os.path.dirname(os.path.abspath(path)))
    return problems


def shellcheck(scripts, root):
    if not shutil.which("shellcheck"):
        print("check_action.py: shellcheck not on PATH: run scripts not checked")
        return []
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (where, body) in enumerate(scripts):
            f = os.path.join(tmp, f"step{i}.sh")
            with open(f, "w") as out:
                out.write("#!/usr/bin/env bash\nset -e\n" + body)
            r = subprocess.run(["shellcheck", "-S", "warning", f], capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"{where}: shellcheck:\n{r.stdout}")
    scan = os.path.join(root, "scripts", "action", "scan.sh")
    r = subprocess.run(["shellcheck", "-S", "warning", scan], capture_output=True, text=True)
    if r.returncode != 0:
        problems.append(f"{scan}: shellcheck:\n{r.stdout}")
    return problems


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--print-step":
        # check_action.py --print-step ID action.yml: the run script of the step with that id.
        with open(sys.argv[3], encoding="utf-8") as f:
            steps = yaml.safe_load(f)["runs"]["steps"]
        for step in steps:
            if step.get("id") == sys.argv[2] and "run" in step:
                print(step["run"])
                return 0
        print(f"check_action.py: no step with id {sys.argv[2]} and a run script", file=sys.stderr)
        return 2
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "action.yml")
    if not os.path.exists(path):
        print(f"check_action.py: {path}: no such file", file=sys.stderr)
        return 2
    problems = check(path)
    for p in problems:
        print(p)
    print(f"check_action.py: {path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
