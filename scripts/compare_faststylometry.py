#!/usr/bin/env python3
"""Burrows' Delta of DistillScope against the faststylometry package (PyPI), on the same tokens.

Runs `distillscope attribute --basis corpora --distance burrows --no-function-words --mfw N` with a
hidden `--dump-tokens` export, so both tools see exactly the same tokenised corpora (our normalised
word tokens), then feeds faststylometry's own functions the same corpora and the same vocabulary
(`set_top_tokens`, since Delta is defined given the word list) and prints the largest absolute
difference between the two tools' Delta values. It also reports whether faststylometry's own choice
of the top words (`get_top_tokens`) picks the same list.

Usage: scripts/compare_faststylometry.py BIN SUSPECT NAME=PATH NAME=PATH [...] [--mfw N]
(scripts/compare_faststylometry.sh makes the virtualenv and runs it on the Samples.)
"""
import argparse
import json
import subprocess
import sys
import tempfile

import numpy as np
from faststylometry import Corpus
from faststylometry.burrows_delta import (calculate_difference_from_train_corpus, get_author_z_scores,
                                          get_token_counts, get_token_counts_by_author,
                                          get_token_counts_by_author_and_book, get_token_proportions,
                                          get_top_tokens, set_top_tokens)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("suspect")
    parser.add_argument("refs", nargs="+")
    parser.add_argument("--mfw", type=int, default=100)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        dump = f"{tmp}/tokens.json"
        cmd = [args.binary, "attribute", args.suspect, "--basis", "corpora", "--distance", "burrows",
               "--no-function-words", "--mfw", str(args.mfw), "--bootstrap", "1", "--json", "-",
               "--dump-tokens", dump, "--progress", "never"]
        for r in args.refs:
            cmd += ["--ref", r]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"distillscope failed: {out.stderr}")
        ours = json.loads(out.stdout)["result"]
        tokens = json.load(open(dump))

    vocabulary = ours["vocabulary"]
    train = Corpus()
    for name, docs in sorted(tokens["references"].items()):
        for i, doc in enumerate(docs):
            train.authors.append(name)
            train.books.append(f"{name}-{i}")
            train.tokens.append(doc)
    test = Corpus()
    test.authors.append("suspect")
    test.books.append("suspect")
    test.tokens.append([t for doc in tokens["suspect"] for t in doc])

    # faststylometry's calculate_burrows_delta, step by step, with our vocabulary.
    set_top_tokens(train, vocabulary)
    get_token_counts(train)
    get_token_counts_by_author(train)
    get_token_proportions(train)
    get_author_z_scores(train)
    set_top_tokens(test, train.top_tokens)
    get_token_counts(test)
    get_token_counts_by_author_and_book(test)
    get_token_proportions(test)
    get_author_z_scores(test, train)
    calculate_difference_from_train_corpus(test, train)
    deltas = np.mean(np.abs(test.difference_matrix), axis=1).T  # rows: train authors
    theirs = {author: float(deltas[i][0]) for i, author in enumerate(train.all_unique_authors)}

    worst = 0.0
    print(f"{'reference':<20} {'distillscope':>14} {'faststylometry':>16} {'abs diff':>10}")
    for ref in ours["references"]:
        a = ref["burrowsDelta"]
        b = theirs[ref["name"]]
        worst = max(worst, abs(a - b))
        print(f"{ref['name']:<20} {a:>14.10f} {b:>16.10f} {abs(a - b):>10.2e}")
    print(f"vocabulary: {len(vocabulary)} words")

    check = Corpus()
    check.authors, check.books, check.tokens = list(train.authors), list(train.books), list(train.tokens)
    own = get_top_tokens(check, len(vocabulary), set(), r"^[a-z][a-z]+$")
    print("faststylometry's own top-word list:",
          "identical" if own == vocabulary else
          f"same set: {set(own) == set(vocabulary)} (order or ties differ)" if len(own) == len(vocabulary) else "differs")
    print(f"max |difference| = {worst:.3e}")
    sys.exit(0 if worst <= 1e-6 else 1)


if __name__ == "__main__":
    main()
