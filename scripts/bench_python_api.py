#!/usr/bin/env python3
"""Python API overhead over the bare binary on the Samples compare (issue 17): median wall time of
N runs of `distillscope compare teacher student --json -` as a subprocess, and of
`distillscope.compare(teacher, student)` (subprocess + JSON parse + dataclasses) in the same
process, both with the same binary. Run with the Python that has the package installed:

    .build-peers/wheel-test/bin/python scripts/bench_python_api.py [--runs 20]
"""

import argparse
import os
import statistics
import subprocess
import time

import distillscope

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    teacher = os.path.join(ROOT, "Samples", "teacher.jsonl.gz")
    student = os.path.join(ROOT, "Samples", "student.jsonl.gz")
    binary = distillscope.binary()
    command = [binary, "compare", teacher, student, "--json", "-"]
    bare, api = [], []
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)  # warm the page cache
    for _ in range(args.runs):  # interleaved, so load changes hit both alike
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        distillscope.compare(teacher, student)
        api.append(time.perf_counter() - start)
    b, a = statistics.median(bare) * 1000, statistics.median(api) * 1000
    print(f"binary {binary}")
    print(f"bare binary   median {b:.1f} ms  (min {min(bare) * 1000:.1f}, {args.runs} runs)")
    print(f"Python API    median {a:.1f} ms  (min {min(api) * 1000:.1f}, {args.runs} runs)")
    print(f"overhead      {a - b:.1f} ms (median difference)")
    start = time.perf_counter()
    subprocess.run([os.sys.executable, "-c", "import distillscope"], check=True)
    print(f"python -c 'import distillscope' {1000 * (time.perf_counter() - start):.1f} ms (interpreter start-up included)")


if __name__ == "__main__":
    main()
