#!/usr/bin/env python3
"""Scores real published model outputs against a store of real references and prints the verdicts.

Reads AlpacaEval's published outputs from a local checkout (results/<model>/model_outputs.json; the
outputs are CC BY-NC 4.0: evaluation only, never copied into this repository), builds a store of the
dev split's references (makers as families) and baselines, scores each distilled model and control,
and prints one row per suspect with the decision and every candidate's adjusted log10 p.

    scripts/real_verdicts.py /path/to/alpaca_eval [--bin .build/release/distillscope] [--work DIR]

The split (issue "Verdicts that hold on real model outputs") is for development only; the held-out
check uses other models and another prompt set.
"""
import argparse, json, os, subprocess, sys, tempfile

REFERENCES = {
    "text_davinci_003": "openai", "text_davinci_001": "openai", "gpt-3.5-turbo-0301": "openai",
    "gpt4_0314": "openai", "gpt35_turbo_instruct": "openai", "claude": "anthropic", "claude-2": "anthropic",
    "cohere": "cohere",
}
BASELINES = {"Meta-Llama-3-70B-Instruct": "meta", "gemini-pro": "google", "mistral-large-2402": "mistral"}
DISTILLED = {
    "vicuna-7b-v1.3": "gpt-3.5-turbo-0301", "vicuna-13b-v1.3": "gpt-3.5-turbo-0301",
    "wizardlm-13b-v1.2": "gpt-3.5-turbo-0301", "baize-v2-7b": "gpt-3.5-turbo-0301",
    "airoboros-65b": "gpt4_0314", "openchat-v2-13b": "gpt4_0314", "alpaca-7b-neft": "text_davinci_003",
}
CONTROLS = ["llama-2-7b-chat-hf", "humpback-llama2-70b"]
OASST = ["guanaco-7b", "oasst-rlhf-llama-33b"]


def export(checkout, model, work):
    """One JSONL file per model: prompt and answer (the AlpacaEval instruction is the prompt)."""
    src = os.path.join(checkout, "results", model, "model_outputs.json")
    rows = json.load(open(src, encoding="utf-8"))
    path = os.path.join(work, model + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"prompt": r["instruction"], "output": r.get("output") or ""}) + "\n")
    return path


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-2000:]}")
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout")
    ap.add_argument("--bin", default=".build/release/distillscope")
    ap.add_argument("--work", default=None)
    ap.add_argument("--json-dir", default=None, help="keep each score JSON here")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="real-verdicts-")
    os.makedirs(work, exist_ok=True)
    store = os.path.join(work, "refs.db")
    if not os.path.exists(store):
        for name, family in REFERENCES.items():
            run([a.bin, "index", "add", name, export(a.checkout, name, work), "--store", store, "--family", family,
                 "--quiet"])
        for name, family in BASELINES.items():
            run([a.bin, "index", "add", name, export(a.checkout, name, work), "--store", store, "--family", family,
                 "--role", "baseline", "--quiet"])
    rows = []
    right = 0.0
    accused = 0
    for model in list(DISTILLED) + CONTROLS + OASST:
        path = export(a.checkout, model, work)
        out = os.path.join(a.json_dir or work, model + ".score.json")
        run([a.bin, "score", path, "--store", store, "--json", out, "--quiet"])
        report = json.load(open(out))
        d = report["decision"]
        named = (d.get("member") or (d.get("family") + " (member undetermined)")) if d["parentFound"] else "-"
        teacher = DISTILLED.get(model)
        if teacher:
            if d["parentFound"] and d.get("member") == teacher:
                right += 1
            elif d["parentFound"] and d.get("member") is None and d.get("family") == REFERENCES[teacher]:
                right += 0.5
        elif model in CONTROLS and d["parentFound"]:
            accused += 1
        ps = {v["reference"]: v["log10AdjustedPValue"] for v in report["references"] if v.get("role") != "baseline"}
        rows.append((model, teacher or ("control" if model in CONTROLS else "OASST-based"), named, ps))
    names = list(REFERENCES)
    print("| suspect | documented teacher | verdict | " + " | ".join(names) + " |")
    print("|---|---|---|" + "---|" * len(names))
    for model, teacher, named, ps in rows:
        print(f"| {model} | {teacher} | {named} | " + " | ".join(f"{ps.get(n, 0):.1f}" for n in names) + " |")
    print(f"\ndistilled right: {right:g} of {len(DISTILLED)} (family with member undetermined counts half); "
          f"clean controls accused: {accused} of {len(CONTROLS)}")


if __name__ == "__main__":
    main()
