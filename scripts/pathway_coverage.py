#!/usr/bin/env python3
"""Measures how many ROME job sheets have a non-empty pathway: the share of
sheets with at least one training, one certification and one related job
(docs/pathways.md, "Coverage"). Runs `spro-search --pathway` on every sheet
of an index built from the shared data.

Usage: scripts/pathway_coverage.py INDEX_DIR [ROME_SHEETS_CSV] [SPRO_SEARCH]
  ROME_SHEETS_CSV defaults to ../shared/data/rome/v460/unix_referentiel_code_rome_v460_utf8.csv
  SPRO_SEARCH defaults to build/bin/spro-search
"""
import csv
import json
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent.parent
index = sys.argv[1]
sheets = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else
                      here.parent / "shared/data/rome/v460/unix_referentiel_code_rome_v460_utf8.csv")
spro_search = sys.argv[3] if len(sys.argv) > 3 else str(here / "build/bin/spro-search")

codes = [row["code_rome"] for row in csv.DictReader(open(sheets, encoding="utf-8"))]
sections = ["related_jobs", "trainings", "certifications"]
with_counterpart = 0  # sheets cited by an ONISEP job or a training offer
counterpart_trained = 0
covered = {s: 0 for s in sections}
covered_by = {}  # section -> link source -> sheets
parents = {"all": 0, "parent": 0}
found = 0
for code in codes:
    args = [spro_search, "--db", index, "--pathway", "rome:" + code, "--json", "--limit", "100"]
    for s in sections + ["job"]:
        args += ["--section", s]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        continue
    found += 1
    pathway = json.loads(run.stdout)
    totals = {s["name"]: s["total"] for s in pathway["sections"]}
    # A counterpart: the same job elsewhere (an ONISEP sheet citing the
    # code), or a training offer citing it.
    trained_by_rome = any("rome" in h["via"] for s in pathway["sections"] if s["name"] == "trainings" for h in s["hits"])
    if totals.get("job", 0) > 1 or trained_by_rome:
        with_counterpart += 1
        counterpart_trained += totals.get("trainings", 0) > 0
    for s in pathway["sections"]:
        if s["name"] not in sections:
            continue
        if s["total"] > 0:
            covered[s["name"]] += 1
        sources = {v for h in s["hits"] for v in h["via"]}
        for v in sources:
            covered_by.setdefault(s["name"], {}).setdefault(v, 0)
            covered_by[s["name"]][v] += 1

print(f"{found} of {len(codes)} ROME sheets in the index")
print(f"with an ONISEP or LHÉO counterpart: {with_counterpart}, of which with trainings: {counterpart_trained}")
for s in sections:
    print(f"{s}: {covered[s]} sheets ({100.0 * covered[s] / max(found, 1):.1f} %)")
    for v, n in sorted(covered_by.get(s, {}).items(), key=lambda kv: -kv[1]):
        print(f"  via {v}: {n} sheets")
