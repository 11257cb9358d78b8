#!/usr/bin/env python3
"""Prints a Stryker.NET JSON report as folder -> killed/timeout/survived/no-coverage/score, then every survivor.

Usage: summary.py mutation-report.json [--markdown] [--survivors] [--equivalent FILE]
Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's own definition; compile errors
and ignored mutants are left out of it (they are shown as counts only).
With --equivalent (default: equivalent.json beside this script, if present), survivors matching one of its rules
(file suffix, mutator, a text the mutated line contains, optionally the replacement) are counted as "equivalent" with
the rule's reason, and a second score leaves them out: killed / (all counted - equivalent).
"""
import json
import os
import sys
from collections import OrderedDict

COUNTED = ("Killed", "Timeout", "Survived", "NoCoverage")


def load_rules(path):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f)["rules"]


def equivalent_reason(rules, rel, mutator, replacement, code, before):
    """before: the line's text just before the mutated span (for rules that name what the span follows)."""
    for r in rules:
        if rel.endswith(r["file"]) and mutator == r["mutator"] and r["code"] in code \
                and ("replacement" not in r or r["replacement"] == replacement) \
                and ("preceded_by" not in r or before.endswith(r["preceded_by"])):
            return r["reason"]
    return None


def load(path, rules=()):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    root = report.get("projectRoot") or ""
    files = report["files"]
    rows = OrderedDict()
    survivors = []
    for name in sorted(files):
        rel = os.path.relpath(name, root) if root and os.path.isabs(name) else name
        folder = os.path.dirname(rel) or "."
        counts = rows.setdefault(folder, {k: 0 for k in COUNTED + ("CompileError", "Ignored", "Equivalent")})
        lines = files[name].get("source", "").splitlines()
        for m in files[name]["mutants"]:
            status = m["status"]
            if status in counts:
                counts[status] += 1
            if status in ("Survived", "NoCoverage"):
                line = m["location"]["start"]["line"]
                code = lines[line - 1].strip() if 0 < line <= len(lines) else ""
                replacement = (m.get("replacement") or "").replace("\n", " ")
                raw = lines[line - 1] if 0 < line <= len(lines) else ""
                before = raw[:max(0, m["location"]["start"]["column"] - 1)]
                reason = equivalent_reason(rules, rel, m.get("mutatorName", ""), replacement, code, before)
                if reason:
                    counts["Equivalent"] += 1
                survivors.append((rel, line, status, m.get("mutatorName", ""), replacement, code, reason))
    # Folders with nothing counted (every mutant ignored or excluded) are noise.
    rows = OrderedDict((k, v) for k, v in rows.items() if sum(v[s] for s in COUNTED) or v["CompileError"])
    return rows, survivors


def score(c, without_equivalent=False):
    total = sum(c[s] for s in COUNTED) - (c["Equivalent"] if without_equivalent else 0)
    return None if total == 0 else 100.0 * (c["Killed"] + c["Timeout"]) / total


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    markdown = "--markdown" in argv
    show_survivors = "--survivors" in argv
    eq_path = argv[argv.index("--equivalent") + 1] if "--equivalent" in argv else os.path.join(os.path.dirname(os.path.abspath(__file__)), "equivalent.json")
    rows, survivors = load(argv[0], load_rules(eq_path))
    keys = COUNTED + ("CompileError", "Ignored", "Equivalent")
    total = {k: sum(r[k] for r in rows.values()) for k in keys}
    header = ("folder", "killed", "timeout", "survived", "no-coverage", "compile-error", "equivalent", "score", "score w/o equivalent")
    row = lambda f, c: (f, c["Killed"], c["Timeout"], c["Survived"], c["NoCoverage"], c["CompileError"], c["Equivalent"], score(c), score(c, True))
    table = [row(f, c) for f, c in rows.items()] + [row("(all)", total)]
    fmt = lambda s: "n/a" if s is None else f"{s:.1f}%"
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in table:
            print("| " + " | ".join(str(x) for x in r[:-2]) + f" | {fmt(r[-2])} | {fmt(r[-1])} |")
    else:
        print(f"{header[0]:<40} {'killed':>7} {'timeout':>8} {'survived':>9} {'no-cov':>7} {'c-err':>6} {'equiv':>6} {'score':>7} {'w/o eq':>7}")
        for r in table:
            print(f"{r[0]:<40} {r[1]:>7} {r[2]:>8} {r[3]:>9} {r[4]:>7} {r[5]:>6} {r[6]:>6} {fmt(r[7]):>7} {fmt(r[8]):>7}")
    if show_survivors and survivors:
        print()
        if markdown:
            print("| file:line | status | mutator | replacement | code | equivalent because |")
            print("|---|---|---|---|---|---|")
            for f, line, status, mutator, repl, code, reason in survivors:
                esc = lambda s: s.replace("|", "\\|")
                print(f"| {f}:{line} | {status} | {mutator} | `{esc(repl)[:80]}` | `{esc(code)[:100]}` | {reason or '**not equivalent: needs a test**'} |")
        else:
            for f, line, status, mutator, repl, code, reason in survivors:
                tag = f"equivalent: {reason}" if reason else "NEEDS A TEST"
                print(f"{status:<10} {f}:{line}  [{mutator}] -> {repl[:80]}\n           {code[:120]}\n           {tag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
