#!/usr/bin/env python3
"""Generates a benchmark corpus of N resources in the canonical JSON Lines
format, scaled from the project's real data: ROME job sheets, appellations
and texts (data/sample/partners/rome), the ONISEP programmes and France
services places of the sample, and every commune of data/territories
(weighted by population). Seeded and deterministic: the same N and seed
give the same file. Output goes outside the repository (default
build/bench-corpus/N.jsonl) and is never committed.

Usage: bench/make_corpus.py N [--seed 42] [--out FILE]
"""
import argparse
import bisect
import csv
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load():
    rome = ROOT / "data/sample/partners/rome"
    sheets = {}
    with open(rome / "unix_referentiel_code_rome_v460_utf8.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            sheets[r["code_rome"]] = {"title": r["libelle_rome"], "titles": [], "sentences": []}
    with open(rome / "unix_referentiel_appellation_v460_utf8.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["code_rome"] in sheets:
                sheets[r["code_rome"]]["titles"].append(r["libelle_appellation_long"])
    sentences = []
    with open(rome / "unix_texte_v460_utf8.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            s = r["libelle_texte"].replace("''", "'")
            sentences.append(s)
            if r["code_rome"] in sheets:
                sheets[r["code_rome"]]["sentences"].append(s)
    sample = [json.loads(l) for l in open(ROOT / "data/sample/resources.jsonl", encoding="utf-8")]
    communes = []
    with open(ROOT / "data/territories/communes.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            if c[1] == "C" and c[8]:
                communes.append((c[0], c[2], int(c[6] or 0) + 50, float(c[8]), float(c[9])))
    return sheets, sentences, sample, communes


PUBLICS = ["tout_public", "jeune", "scolaire", "etudiant", "demandeur_emploi", "salarie", "adulte", "handicap", "apprenti"]
SOURCES = ["carif-oref", "onisep", "france-travail", "mission-locale", "crij", "region", "universite"]
FORMATS = ["CAP", "Bac pro", "BTS", "BUT", "Titre professionnel", "Licence professionnelle", "Certificat de qualification professionnelle", "Formation continue"]
LEVEL_OF = {"CAP": 3, "Bac pro": 4, "BTS": 5, "BUT": 6, "Titre professionnel": 4, "Licence professionnelle": 6,
            "Certificat de qualification professionnelle": 3, "Formation continue": 4}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out")
    args = ap.parse_args()
    out = pathlib.Path(args.out) if args.out else ROOT / "build/bench-corpus" / f"{args.n}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(args.seed)
    sheets, sentences, sample, communes = load()
    codes = sorted(sheets)
    cumulative, total = [], 0
    for c in communes:
        total += c[2]
        cumulative.append(total)

    def commune():
        return communes[bisect.bisect(cumulative, rnd.random() * total)]

    def text(code, k):
        own = sheets[code]["sentences"] or sentences
        picked = [rnd.choice(own) for _ in range(k // 2)] + [rnd.choice(sentences) for _ in range(k - k // 2)]
        return " ".join(picked)

    with open(out, "w", encoding="utf-8") as f:
        for i in range(args.n):
            roll = rnd.random()
            code = rnd.choice(codes)
            sheet = sheets[code]
            c = commune()
            if roll < 0.60:  # a training session somewhere
                fmt = rnd.choice(FORMATS)
                job = rnd.choice(sheet["titles"] or [sheet["title"]]).split(" / ")[0]
                r = {"id": f"gen:{i}", "kind": "formation", "title": f"{fmt} {job}",
                     "summary": text(code, 2), "body": text(code, 10),
                     "source": rnd.choice(SOURCES), "territories": [f"com:{c[0]}"],
                     "publics": sorted(set(rnd.sample(PUBLICS, rnd.randint(1, 2)))), "levels": [LEVEL_OF[fmt]],
                     "codes": {"rome": [code]}, "location": {"lat": c[3], "lon": c[4]},
                     "address": f"{rnd.randint(1, 120)} rue de la Formation, {c[1]}",
                     "modalities": [rnd.choice(["presentiel", "distance", "alternance"])],
                     "start": f"202{rnd.randint(5, 7)}-{rnd.randint(1, 12):02d}-01"}
            elif roll < 0.80:  # a guidance or reception place
                kind = rnd.choice(["CIO", "Mission locale", "Point Information Jeunesse", "France services", "Agence France Travail"])
                r = {"id": f"gen:{i}", "kind": "structure", "title": f"{kind} de {c[1]}",
                     "summary": f"{kind} : accueil, information et accompagnement sur l'orientation, la formation et l'emploi.",
                     "source": rnd.choice(SOURCES), "territories": [f"com:{c[0]}"], "publics": ["tout_public"],
                     "location": {"lat": c[3], "lon": c[4]}, "address": f"{rnd.randint(1, 80)} place de la Mairie, {c[1]}"}
            elif roll < 0.90:  # an aid of a département or région
                base = rnd.choice([s for s in sample if s["kind"] in ("aide", "document")])
                dep = c[0][:3] if c[0].startswith("97") else c[0][:2]
                r = {"id": f"gen:{i}", "kind": "aide", "title": base["title"] + f" ({c[1]})",
                     "summary": base.get("summary", ""), "body": base.get("body", "")[:3000],
                     "source": "region", "territories": [f"dep:{dep}"], "publics": sorted(set(rnd.sample(PUBLICS, 2)))}
            else:  # a job sheet or a document, national
                base = rnd.choice(sample)
                r = dict(base)
                r["id"] = f"gen:{i}"
                r["territories"] = ["fr"]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(out)


if __name__ == "__main__":
    main()
