#!/usr/bin/env python3
"""Regenerates the public relevance query sets in bench/queries/ from the
real open data in ../shared/data (ONISEP Idéo job sheets, ROME 4.0
appellations; Licence Ouverte). Each line: query<TAB>expected_id[,expected_id...].

- onisep-metiers.tsv: ONISEP job names (as ONISEP writes them, lower case,
  "masc / fém") -> the ROME sheet ONISEP links them to.
- rome-feminine-unaccented.tsv: the feminine side of ROME appellations,
  with accents removed and in lower case -> their ROME sheet.
Only sheets present in the bundled sample (the 532 parent sheets) are kept.
Deterministic.
"""
import csv
import json
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "queries"


def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sample = {json.loads(l)["id"] for l in open(ROOT / "data/sample/resources.jsonl", encoding="utf-8")}
    rows = []
    with open(DATA / "onisep/ideo-metiers_onisep.csv", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f, delimiter=";"):
            target = "rome:" + r["code ROME"].strip()
            if target in sample and r["libellé métier"].strip():
                rows.append((r["libellé métier"].strip(), target))
    with open(OUT / "onisep-metiers.tsv", "w", encoding="utf-8") as f:
        for q, t in sorted(set(rows)):
            f.write(f"{q}\t{t}\n")
    rows = []
    with open(DATA / "rome/v460/unix_referentiel_appellation_v460_utf8.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            title = r["libelle_appellation_long"]
            target = "rome:" + r["code_rome_parent"]
            if " / " not in title or target not in sample or r["peu_usite"] == "O":
                continue
            masc, fem = title.split(" / ", 1)
            rows.append((fold(fem), target))
    rows = sorted(set(rows))[::8]  # every 8th: about 1,000 queries
    with open(OUT / "rome-feminine-unaccented.tsv", "w", encoding="utf-8") as f:
        for q, t in rows:
            f.write(f"{q}\t{t}\n")
    print("wrote", *(f"{p.name}: {sum(1 for _ in open(p))}" for p in sorted(OUT.glob('*.tsv'))))


if __name__ == "__main__":
    main()
