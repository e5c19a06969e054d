#!/usr/bin/env python3
"""Regenerates the public relevance query sets in bench/queries/ from the
real open data in ../shared/data (ONISEP Idéo job sheets, ROME 4.0
appellations; Licence Ouverte). Each line: query<TAB>expected_id[,expected_id...].

- onisep-metiers.tsv: ONISEP job names (as ONISEP writes them, lower case,
  "masc / fém") -> the ROME sheet ONISEP links them to.
- rome-feminine-unaccented.tsv: the feminine side of ROME appellations,
  with accents removed and in lower case -> their ROME sheet.
- rome-heldout-appellations.tsv: job titles that are in no index, a
  user's own words for a job. Half of the ROME synonym appellations (a
  stable hash of their code decides) are held out: the query is one side
  of the title, masculine or feminine (the hash again), in lower case,
  without the bracketed acronyms, -> its sheet. The corpus to run it on is
  the bundled sample whose job sheets keep only the other half of their
  appellations: `make_queries.py --heldout-corpus FILE` writes it (1.7 MB,
  so it is not committed; bench/run writes it into build/).
Only sheets present in the bundled sample (the 532 parent sheets) are kept.
Deterministic.
"""
import csv
import hashlib
import json
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "queries"


def fold(s):
    s = unicodedata.normalize("NFD", s.lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def stable_bits(code):
    """Two bits of a stable hash of an appellation code: held out? feminine side?"""
    b = hashlib.sha1(code.encode()).digest()[0]
    return bool(b & 1), bool(b & 2)


def appellations():
    """(code, title, parent sheet, synonym?) of the ROME appellations not flagged rarely used."""
    with open(DATA / "rome/v460/unix_referentiel_appellation_v460_utf8.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["peu_usite"] != "O":
                yield r["code_ogr"], r["libelle_appellation_long"], "rome:" + r["code_rome_parent"], \
                    r["classification"] == "SYNONYME"


def held_out(code, synonym):
    return synonym and stable_bits(code)[0]


def as_typed(title, feminine):
    """One side of "Masculin / Féminin", lower case, without "(IDE)"-like
    brackets. ROME writes the words both sides share once, after the
    feminine ("Abatteur / Abatteuse de carrière"): the masculine side takes
    them from there."""
    words = lambda s: re.sub(r"\([^)]*\)", " ", s).lower().split()
    sides = [words(s) for s in title.split(" / ", 1)]
    if feminine or len(sides) == 1:
        return " ".join(sides[-1])
    masc, fem = sides
    return " ".join(masc + fem[len(masc):])


def heldout_corpus(path):
    """The bundled sample whose job sheets keep only the appellations not held out
    (sorted and capped at 40, as scripts/make_sample.py does)."""
    kept = {}
    for code, title, sheet, synonym in appellations():
        if not held_out(code, synonym):
            kept.setdefault(sheet, set()).add(title)
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "data/sample/resources.jsonl", encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            if r["kind"] == "metier":
                r["keywords"] = sorted(kept.get(r["id"], ()))[:40]
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--heldout-corpus":
        heldout_corpus(sys.argv[2])
        return
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
    targets = {}
    for code, title, sheet, synonym in appellations():
        if sheet in sample and held_out(code, synonym):
            q = as_typed(title, stable_bits(code)[1])
            if q:
                targets.setdefault(q, set()).add(sheet)
    with open(OUT / "rome-heldout-appellations.tsv", "w", encoding="utf-8") as f:
        for q in sorted(targets):
            f.write(f"{q}\t{','.join(sorted(targets[q]))}\n")
    print("wrote", *(f"{p.name}: {sum(1 for _ in open(p))}" for p in sorted(OUT.glob('*.tsv'))))


if __name__ == "__main__":
    main()
