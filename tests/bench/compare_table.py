#!/usr/bin/env python3
"""The comparison table of docs/benchmarks.md from bench_compare_methods.sh's output:
WORK/compare-<R>/evaluation.json per ratio, one row per method, final-epoch test accuracy
mean ± sample std over the seeds each cell has (its seed count when it differs from 3).
   tests/bench/compare_table.py [WORK]"""
import json
import pathlib
import statistics
import sys

work = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dq-bench-compare")
cells, ratios, methods = {}, [], []
for folder in sorted(work.glob("compare-*"), key=lambda p: float(p.name.split("-", 1)[1])):
    ratio = folder.name.split("-", 1)[1]
    ratios.append(ratio)
    for s in json.loads((folder / "evaluation.json").read_text())["subsets"]:
        method = s["name"][: -len(ratio) - 1]
        if method not in methods:
            methods.append(method)
        finals = [100 * r["final_acc"] for r in s["runs"]]
        cells[method, ratio] = (statistics.mean(finals), statistics.stdev(finals) if len(finals) > 1 else 0.0,
                                len(finals))
print("| method | " + " | ".join(f"{100 * float(r):g}%" for r in ratios) + " |")
print("| --- |" + " --- |" * len(ratios))
for m in methods:
    row = []
    for r in ratios:
        if (m, r) not in cells:
            row.append("-")
            continue
        mean, std, n = cells[m, r]
        best = max(c[0] for (mm, rr), c in cells.items() if rr == r)
        text = f"{mean:.2f} ± {std:.2f}" if n > 1 else f"{mean:.2f}"
        text = f"**{text}**" if mean == best else text
        row.append(text + ("" if n == 3 else f" ({n} seed{'s' if n > 1 else ''})"))
    print(f"| {m} | " + " | ".join(row) + " |")
