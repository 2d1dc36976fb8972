#!/usr/bin/env python3
"""Job summary (Markdown on standard output) and step outputs of action.yml, from a scan's SARIF.

    summary.py SCAN.sarif --status N [--key-note TEXT] [--outputs FILE]

Appends to FILE (GitHub's $GITHUB_OUTPUT): results=<count>, watermark=<tested|untested>. The watermark
is "untested" when the scan notes it was not tested, for all references or some (no key given, or no
reference has a watermark): that is reported, never a failure. Standard library only.
"""
import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sarif")
    ap.add_argument("--status", type=int, required=True)
    ap.add_argument("--key-note", default="")
    ap.add_argument("--outputs")
    args = ap.parse_args()
    try:
        with open(args.sarif, encoding="utf-8") as f:
            run = json.load(f)["runs"][0]
    except (OSError, ValueError, KeyError, IndexError) as e:
        sys.exit(f"summary.py: {args.sarif}: not a SARIF log of distillscope scan ({e})")
    results = run.get("results", [])
    notes = [n for inv in run.get("invocations", []) for n in inv.get("toolExecutionNotifications", [])]
    watermark_notes = [n for n in notes if (n.get("associatedRule") or {}).get("id") == "watermark"]
    # Untested when the scan notes the watermark was not tested, for every reference or for some (the
    # notes listed below say which and why).
    watermark = "untested" if watermark_notes else "tested"
    baseline = (run.get("properties") or {}).get("baseline")

    failing = sum(1 for r in results if r.get("level") == "error")
    lines = ["## distillscope scan", ""]
    verdict = {0: "passed", 1: "failed: findings over threshold"}.get(args.status, f"error (exit {args.status})")
    lines.append(f"**{verdict}** — {len(results)} finding(s), {failing} failing"
                 + (f", new since baseline `{baseline['path']}` ({baseline['suppressed']} known finding(s) not "
                    "reported)" if baseline else "") + ".")
    lines.append("")
    if results:
        lines += ["| signal | reference | level | where |", "|---|---|---|---|"]
        for r in results[:50]:
            loc = r["locations"][0]["physicalLocation"]
            line = (loc.get("region") or {}).get("startLine")
            where = loc["artifactLocation"]["uri"] + (f":{line}" if line else "")
            reference = str((r.get("properties") or {}).get("reference", "")).replace("|", "\\|")
            lines.append(f"| {r['ruleId']} | {reference} | {r['level']} | `{where}` |")
        if len(results) > 50:
            lines.append(f"| … | {len(results) - 50} more in the SARIF file | | |")
        lines.append("")
    lines.append(f"Watermark: **{watermark}**" + (f" ({args.key_note})" if args.key_note and watermark != "tested"
                                                  else "") + ".")
    for n in notes:
        rule = (n.get("associatedRule") or {}).get("id")
        lines.append(f"- {f'[{rule}] ' if rule else ''}{n['message']['text']}")
    print("\n".join(lines))
    if args.outputs:
        with open(args.outputs, "a", encoding="utf-8") as f:
            f.write(f"results={len(results)}\nwatermark={watermark}\n")


if __name__ == "__main__":
    main()
