#!/usr/bin/env python3
"""Regenerates the territory reference bundled with libsearch
(data/territories/, see its README.md for provenance and licences) from
shared/data/territories and the French vocabulary of Debian's snowball-data.

Usage: scripts/derive_territories.py [SHARED_TERRITORIES_DIR] [VOC_TXT]
"""
import csv
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SRC = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/territories"
VOC = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path("/usr/share/snowball/data/french/voc.txt")
OUT = ROOT / "data/territories"

TYPES = {"commune-actuelle": "C", "arrondissement-municipal": "A", "commune-deleguee": "D", "commune-associee": "S"}


def fold(s):
    s = unicodedata.normalize("NFD", s.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def normalize_name(s):
    """Same as territory::Reference::normalize_name (a test checks it)."""
    words, word = [], ""
    for c in fold(s):
        if (c.isascii() and c.isalnum()) or not c.isascii():
            word += c
        elif word:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(SRC / "communes.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            lat = f"{float(r['latitude']):.5f}" if r["latitude"] else ""
            lon = f"{float(r['longitude']):.5f}" if r["longitude"] else ""
            rows.append([r["code_insee"], TYPES[r["type"]], r["nom"], r["code_departement"], r["code_epci"],
                         r["codes_postaux"], r["population"] or "0", r["commune_rattachement"], lat, lon,
                         normalize_name(r["nom"])])
    # Codes of communes merged away without keeping a status (no delegated
    # or associated commune): partners' exports still cite them. Type F,
    # nameless, standing for the commune they were merged into.
    known = {r[0] for r in rows}
    with open(SRC / "communes.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["type"] != "commune-actuelle":
                continue
            for old in filter(None, r["anciens_codes"].split("|")):
                if old not in known:
                    known.add(old)
                    rows.append([old, "F", "", r["code_departement"], "", "", "0", r["code_insee"], "", "", ""])
    # By code, so the library needs no sort at start-up; a code shared by a
    # current and a former commune lists the current one first.
    order = {"C": 0, "A": 1, "D": 2, "S": 3, "F": 4}
    rows.sort(key=lambda r: (r[0], order[r[1]]))
    with open(OUT / "communes.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# code_insee\ttype(C=commune A=arrondissement D=deleguee S=associee F=fusionnee)\tnom\tdepartement\tepci\tcodes_postaux\tpopulation\trattachement\tlatitude\tlongitude\tnom_normalise\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    with open(SRC / "epci.csv", encoding="utf-8") as f, open(OUT / "epci.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("# siren\tnom\ttype\n")
        for r in csv.DictReader(f):
            out.write(f"{r['code_epci_siren']}\t{r['nom']}\t{r['type']}\n")
    with open(SRC / "regions.csv", encoding="utf-8") as f, open(OUT / "regions.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("# code_region\tnom\n")
        for r in csv.DictReader(f):
            out.write(f"{r['code_region']}\t{r['nom']}\n")
    # Single-word commune names that are also ordinary French words (Plan,
    # Mars, Orange...): found in a query, they are only suggested as places.
    vocabulary = {fold(w.strip()) for w in open(VOC, encoding="utf-8")} if VOC.exists() else set()
    common = sorted({fold(r[2]) for r in rows if r[1] == "C" and " " not in r[2] and "-" not in r[2] and "'" not in r[2]} & vocabulary)
    with open(OUT / "common-word-names.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("# Commune names that are also ordinary French words (Snowball's French vocabulary).\n")
        f.write("# In a query they become a suggested place, never a silent filter. Edit freely.\n")
        for w in common:
            f.write(w + "\n")
    print(f"{len(rows)} communes, {len(common)} common-word names -> {OUT}")


if __name__ == "__main__":
    main()
