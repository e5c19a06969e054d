#!/usr/bin/env python3
"""Regenerates data/sample/resources.jsonl, the bundled sample index input,
from the real open data in ../shared/data (see data/sample/README.md for the
provenance and licence of each part).

Deterministic: the same inputs give byte-identical output.
Usage: scripts/make_sample.py [SHARED_DATA_DIR]
"""
import csv
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "sample" / "resources.jsonl"


def rome_sheets():
    """The 532 ROME 4.0 parent job sheets with their appellations and texts."""
    base = DATA / "rome" / "v460"
    sheets = {}
    with open(base / "unix_referentiel_code_rome_v460_utf8.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["code_rome"] == row["code_rome_parent"]:
                sheets[row["code_rome"]] = {"title": row["libelle_rome"], "titles": [], "definition": [], "acces": []}
    with open(base / "unix_referentiel_appellation_v460_utf8.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s = sheets.get(row["code_rome_parent"])
            if s is not None and row["peu_usite"] != "O":
                s["titles"].append(row["libelle_appellation_long"])
    texts = {}
    with open(base / "unix_texte_v460_utf8.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # SQL-doubled apostrophes in the export: l''analyse -> l'analyse
            texts.setdefault((row["code_rome"], row["libelle_type_texte"]), []).append(
                (int(row["position_phrase"]), row["libelle_texte"].replace("''", "'")))
    for code, s in sorted(sheets.items()):
        definition = " ".join(t for _, t in sorted(texts.get((code, "definition"), [])))
        acces = " ".join(t for _, t in sorted(texts.get((code, "acces_metier"), [])))
        yield {
            "id": f"rome:{code}",
            "kind": "metier",
            "title": s["title"],
            "summary": definition[:400].rsplit(" ", 1)[0] + "…" if len(definition) > 400 else definition,
            "body": (definition + "\n\nAccès au métier : " + acces).strip() if acces else definition,
            "keywords": sorted(set(s["titles"]))[:40],
            "source": "france-travail",
            "url": f"https://candidat.francetravail.fr/metierscope/fiche-metier/{code}",
            "territories": ["fr"],
            "publics": ["tout_public"],
            "codes": {"rome": [code]},
        }


LEVEL = re.compile(r"niveau (\d)")


def onisep_formations(limit=180):
    """A deterministic selection of ONISEP initial-training programmes."""
    path = DATA / "onisep" / "ideo-formations_initiales_en_france.csv"
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    rows.sort(key=lambda r: r["lien site onisep.fr"])
    step = max(1, len(rows) // limit)
    for row in rows[::step][:limit]:
        slug = row["lien site onisep.fr"].rsplit("/", 1)[-1]
        m = LEVEL.search(row["libellé niveau RNCP"])
        domains = [d.strip() for d in row["domaine/sous-domaine"].split("|") if d.strip()]
        keywords = sorted({part.strip() for d in domains for part in d.split("/") if part.strip()})
        record = {
            "id": f"onisep:{slug}",
            "kind": "formation",
            "title": row["libellé formation principal"],
            "summary": f"{row['libellé type formation'].capitalize()}, durée {row['durée'] or 'non précisée'}. {row['libellé niveau RNCP'].capitalize()}.",
            "keywords": keywords,
            "source": "onisep",
            "url": row["lien site onisep.fr"].replace("http://", "https://"),
            "territories": ["fr"],
            "publics": ["scolaire", "etudiant"],
        }
        if m and 1 <= int(m.group(1)) <= 8:
            record["levels"] = [int(m.group(1))]
        if row["code RNCP"]:
            record["codes"] = {"rncp": [row["code RNCP"]]}
        yield record


def france_services(limit=150):
    """France services reception points (ANCT, Licence Ouverte 2.0)."""
    path = DATA / "lieux" / "france-services-20240801.csv"
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["type_fs"] == "Principal" and r["insee_com"]]
    step = max(1, len(rows) // limit)
    for row in rows[::step][:limit]:
        address = " ".join(" ".join(x.split()) for x in (row["adresse"], row["complement_adresse"]) if x)
        record = {
            "id": f"france-services:{row['id_fs']}",
            "kind": "structure",
            "title": " ".join(row["lib_fs"].split()),
            "summary": "Espace France services : accompagnement dans les démarches administratives "
                       "(emploi, France Travail, CAF, retraite, santé, logement) et accès à des postes informatiques.",
            "keywords": ["France services", "accueil", "démarches"],
            "source": "anct",
            "territories": [f"com:{row['insee_com']}"],
            "publics": ["tout_public"],
            "address": f"{address}, {row['code_postal']} {row['lib_com']}",
            "modalities": ["presentiel"],
        }
        try:
            record["location"] = {"lat": round(float(row["latitude"]), 6), "lon": round(float(row["longitude"]), 6)}
        except ValueError:
            pass
        yield record


def text_of(node):
    """All text below a node of the DILA XML-as-JSON tree."""
    if node.get("type") == "text":
        return node.get("text") or ""
    text = " ".join(text_of(c) for c in node.get("children", []))
    if node.get("name") in ("Paragraphe", "Item", "Titre", "Chapitre", "SousChapitre"):
        return " ".join(text.split()) + "\n"
    return text


def find(node, name):
    if node.get("name") == name:
        return node
    for c in node.get("children", []):
        hit = find(c, name)
        if hit:
            return hit
    return None


AID_WORDS = re.compile(r"\b(aide|bourse|financ|prime|allocation|CPF|compte personnel|rémunération|indemn)", re.I)


def service_public():
    """service-public.fr fiches (DILA, Licence Ouverte)."""
    base = DATA / "fiches-service-public"
    index = {e["id"]: e for e in json.load(open(base / "index-subset.json", encoding="utf-8"))}
    for path in sorted((base / "particuliers").glob("F*.json")):
        tree = json.load(open(path, encoding="utf-8"))
        pub = find(tree, "Publication")
        if pub is None:
            continue
        fid = pub["attributes"]["ID"]
        title = text_of(find(pub, "dc:title") or {}).strip()
        description = text_of(find(pub, "dc:description") or {}).strip()
        body_node = find(pub, "Texte") or find(pub, "ListeSituations") or {}
        body = "\n".join(" ".join(line.split()) for line in text_of(body_node).splitlines() if line.strip())
        body = re.sub(r" ([,.)])", r"\1", body)
        updated = pub["attributes"].get("dateDerniereModificationImportante", "")[:10]
        theme = index.get(fid, {}).get("theme", "")
        kind = "aide" if AID_WORDS.search(title + " " + description) else "document"
        record = {
            "id": f"service-public:{fid}",
            "kind": kind,
            "title": title,
            "summary": description,
            "body": body[:20000],
            "keywords": [t.strip() for t in theme.split(">")[1:-1]],
            "source": "service-public",
            "url": pub["attributes"].get("spUrl", f"https://www.service-public.fr/particuliers/vosdroits/{fid}"),
            "territories": ["fr"],
            "publics": ["tout_public"],
        }
        if updated:
            record["updated"] = updated
        yield record


def main():
    records = [*rome_sheets(), *onisep_formations(), *france_services(), *service_public()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if v not in ("", [], None)}, ensure_ascii=False) + "\n")
    kinds = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"wrote {len(records)} records to {OUT.relative_to(ROOT)}: {kinds}")


if __name__ == "__main__":
    main()
