#!/usr/bin/env python3
"""Parses HTML reports with html5lib's strict HTML5 parser and fails on any parse error.

Also checks that a report is self-contained: no <script>, no external URL in src/href, and no
event-handler attribute. Run it in a virtualenv that has html5lib (not a project requirement):

    python3 -m venv .build-peers/venv && .build-peers/venv/bin/pip install html5lib
    .build-peers/venv/bin/python scripts/check_html.py report.html [more.html ...]
"""
import sys

import html5lib


def check(path):
    with open(path, "rb") as f:
        data = f.read()
    problems = []
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        document = parser.parse(data)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"parse error at {line}:{column}: {error}"]
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.split("}")[-1] == "script":
            problems.append("contains a <script> element")
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            if local.startswith("on"):
                problems.append(f"event-handler attribute {local} on <{tag}>")
            if local in ("src", "href", "xlink:href") and not value.startswith(("#", "data:")):
                problems.append(f"external reference {local}={value[:60]!r} on <{tag}>")
    return problems


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failed = 0
    for path in paths:
        problems = check(path)
        for p in problems:
            print(f"{path}: {p}")
        if problems:
            failed += 1
        else:
            print(f"{path}: ok (strict HTML5 parse, self-contained)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
