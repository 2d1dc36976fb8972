#!/usr/bin/env python3
"""A small store input and a planted distilled suspect for the Spark score test (deterministic).

From corpora made by /work/shared/bench/gen_corpus.py (one per reference, different seeds), writes
OUT/ref_<name>.jsonl with ids and prompts paired across references ("q<id>"), and OUT/suspect.jsonl:
SUSPECT documents answering the same prompts, of which a share (--planted) are the parent's answers
lightly edited (a few words replaced), the rest its own text (a corpus of another seed).
Usage: make_score_fixture.py OUT PARENT_CORPUS.jsonl OTHER.jsonl... --own OWN.jsonl
"""
import argparse
import json
import random


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("references", nargs="+", help="NAME=corpus.jsonl; the first is the parent")
    ap.add_argument("--own", required=True, help="the suspect's own text (a corpus of another seed)")
    ap.add_argument("--suspect", type=int, default=400)
    ap.add_argument("--planted", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=11)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    refs = []
    for spec in a.references:
        name, path = spec.split("=", 1)
        docs = load(path)
        with open(f"{a.out}/ref_{name}.jsonl", "w") as f:
            for d in docs:
                f.write(json.dumps({"id": f"q{d['id']}", "prompt": f"Question {d['id']}?", "text": d["text"]}) + "\n")
        refs.append(docs)
    parent, own = refs[0], load(a.own)
    with open(f"{a.out}/suspect.jsonl", "w") as f:
        for i in range(a.suspect):
            src = parent[i % len(parent)]  # past the parent's size, prompts repeat (timing runs)
            if rng.random() < a.planted:
                words = src["text"].split()
                for _ in range(max(1, len(words) // 25)):
                    words[rng.randrange(len(words))] = rng.choice(["indeed", "also", "thus", "notably"])
                text = " ".join(words)
            else:
                text = own[i % len(own)]["text"]
            doc_id = f"q{src['id']}" if i < len(parent) else f"s{i}"
            f.write(json.dumps({"id": doc_id, "prompt": f"Question {src['id']}?", "text": text}) + "\n")


if __name__ == "__main__":
    main()
