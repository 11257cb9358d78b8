#!/usr/bin/env python3
"""Prints a Stryker.NET JSON report as folder -> killed/timeout/survived/no-coverage/score, then every survivor.

Usage: summary.py mutation-report.json [--markdown] [--survivors]
Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own definition; compile errors
and ignored mutants are left out of it (they are shown as counts only).
"""
import json
import os
import sys
from collections import OrderedDict

COUNTED = ("Killed", "Timeout", "Survived", "NoCoverage")


def load(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    root = report.get("projectRoot") or ""
    files = report["files"]
    rows = OrderedDict()
    survivors = []
    for name in sorted(files):
        rel = os.path.relpath(name, root) if root and os.path.isabs(name) else name
        folder = os.path.dirname(rel) or "."
        counts = rows.setdefault(folder, {k: 0 for k in COUNTED + ("CompileError", "Ignored")})
        lines = files[name].get("source", "").splitlines()
        for m in files[name]["mutants"]:
            status = m["status"]
            if status in counts:
                counts[status] += 1
            if status in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                survivors.append((rel, line, status, m.get("mutatorName", ""), (m.get("replacement") or "").replace("\n", " "), code))
    # Folders with nothing counted (every mutant ignored or excluded) are noise.
    rows = OrderedDict((k, v) for k, v in rows.items() if sum(v[s] for s in COUNTED) or v["CompileError"])
    return rows, survivors


def score(c):
    total = sum(c[s] for s in COUNTED)
    return None if total == 0 else 100.0 * (c["Killed"] + c["Timeout"]) / total


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    markdown = "--markdown" in argv
    show_survivors = "--survivors" in argv
    rows, survivors = load(argv[0])
    total = {k: sum(r[k] for r in rows.values()) for k in COUNTED + ("CompileError", "Ignored")}
    header = ("folder", "killed", "timeout", "survived", "no-coverage", "compile-error", "score")
    table = [(f, c["Killed"], c["Timeout"], c["Survived"], c["NoCoverage"], c["CompileError"], score(c)) for f, c in rows.items()]
    table.append(("(all)", total["Killed"], total["Timeout"], total["Survived"], total["NoCoverage"], total["CompileError"], score(total)))
    fmt = lambda s: "n/a" if s is None else f"{s:.1f}%"
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in table:
            print("| " + " | ".join(str(x) for x in r[:-1]) + f" | {fmt(r[-1])} |")
    else:
        print(f"{header[0]:<50} {'killed':>7} {'timeout':>8} {'survived':>9} {'no-cov':>7} {'c-err':>6} {'score':>7}")
        for r in table:
            print(f"{r[0]:<50} {r[1]:>7} {r[2]:>8} {r[3]:>9} {r[4]:>7} {r[5]:>6} {fmt(r[6]):>7}")
    if show_survivors and survivors:
        print()
        if markdown:
            print("| file:line | status | mutator | replacement | code |")
            print("|---|---|---|---|---|")
            for f, line, status, mutator, repl, code in survivors:
                esc = lambda s: s.replace("|", "\\|")
                print(f"| {f}:{line} | {status} | {mutator} | `{esc(repl)[:80]}` | `{esc(code)[:100]}` |")
        else:
            for f, line, status, mutator, repl, code in survivors:
                print(f"{status:<10} {f}:{line}  [{mutator}] -> {repl[:80]}\n           {code[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
