#!/usr/bin/env python3
"""Regenerates data/sample/partners/: small extracts of real partner files,
in their own formats, that data/sample/sources.yaml indexes (the README's
quick start). Provenance and licences: data/sample/README.md.

Usage: scripts/make_partner_sample.py [SHARED_DATA_DIR]
"""
import csv
import html
import json
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_sample import find, text_of  # the DILA tree walkers, shared

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "sample" / "partners"


def rome():
    """ROME 4.0: the 532 parent sheets, their appellations and texts."""
    src = DATA / "rome" / "v460"
    dst = OUT / "rome"
    dst.mkdir(parents=True, exist_ok=True)
    with open(src / "unix_referentiel_code_rome_v460_utf8.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    parents = {r[0] for r in body if r[0] == r[-1]}
    files = {
        "unix_referentiel_code_rome_v460_utf8.csv": lambda h, r: r[h.index("code_rome")] in parents,
        "unix_referentiel_appellation_v460_utf8.csv": lambda h, r: r[h.index("code_rome")] in parents and r[h.index("peu_usite")] != "O",
        "unix_texte_v460_utf8.csv": lambda h, r: r[h.index("code_rome")] in parents,
    }
    for name, keep in files.items():
        with open(src / name, encoding="utf-8") as f:
            rows = list(csv.reader(f))
        with open(dst / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            w.writerow(rows[0])
            for r in rows[1:]:
                if keep(rows[0], r):
                    # The export's SQL-doubled apostrophes are kept: the importer undoes them.
                    w.writerow(r)


def every(rows, n):
    step = max(1, len(rows) // n)
    return rows[::step][:n]


def onisep():
    src = DATA / "onisep" / "ideo-formations_initiales_en_france.csv"
    dst = OUT / "onisep"
    dst.mkdir(parents=True, exist_ok=True)
    raw = src.read_bytes()
    text = raw.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    header, body = lines[0], sorted(lines[1:], key=lambda l: l.split(";")[10] if l.count(";") > 10 else l)
    # Kept byte for byte (UTF-8 with BOM, ';'): the importer has to cope.
    (dst / "ideo-formations_initiales_en_france.csv").write_bytes(
        ("\ufeff" + header + "".join(every(body, 180))).encode("utf-8"))


def france_services():
    src = DATA / "lieux" / "france-services-20240801.csv"
    dst = OUT / "lieux"
    dst.mkdir(parents=True, exist_ok=True)
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [header.index(c) for c in ("id_fs", "insee_dep", "lib_fs", "adresse", "complement_adresse", "insee_com",
                                      "code_postal", "lib_com", "latitude", "longitude", "type_fs", "format_fs")]
    body = [r for r in rows[1:] if len(r) == len(header)]
    with open(dst / "france-services.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([header[i] for i in keep])
        for r in every(body, 150):
            w.writerow([r[i] for i in keep])


def pdf(title, paragraphs):
    """A minimal PDF (Helvetica, WinAnsi) with a Title in its metadata."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    lines = []
    for p in paragraphs:
        words, line = p.split(), ""
        for w in words:
            if len(line) + len(w) > 90:
                lines.append(line)
                line = ""
            line += (" " if line else "") + w
        lines.append(line)
        lines.append("")
    pages = [lines[i:i + 50] for i in range(0, len(lines), 50)] or [[]]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        stream = "BT /F1 10 Tf 50 800 Td 14 TL " + " ".join(f"({esc(l)}) '" for l in page) + " ET"
        data = stream.encode("cp1252", "replace")
        objects.append(f"<< /Length {len(data)} >>\nstream\n".encode("cp1252") + data + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    title_hex = "FEFF" + title.encode("utf-16-be").hex().upper()
    objects.append(f"<< /Title <{title_hex}> /Producer (spro-search sample generator) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        body = obj if isinstance(obj, bytes) else obj.encode("cp1252")
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


AID = re.compile(r"\b(aide|bourse|financ|prime|allocation|CPF|compte personnel|rémunération|indemn)", re.I)


def service_public():
    """service-public.fr fiches as the web pages (HTML) and brochures (PDF)
    a partner would publish."""
    base = DATA / "fiches-service-public" / "particuliers"
    for sub in ("pages", "aides", "brochures"):
        (OUT / "service-public" / sub).mkdir(parents=True, exist_ok=True)
    fiches = sorted(base.glob("F*.json"))
    for i, path in enumerate(fiches):
        pub = find(json.load(open(path, encoding="utf-8")), "Publication")
        if pub is None:
            continue
        fid = pub["attributes"]["ID"]
        title = text_of(find(pub, "dc:title") or {}).strip()
        desc = text_of(find(pub, "dc:description") or {}).strip()
        body_node = find(pub, "Texte") or find(pub, "ListeSituations") or {}
        paragraphs = [" ".join(l.split()) for l in text_of(body_node).splitlines() if l.strip()]
        paragraphs = [re.sub(r" ([,.)])", r"\1", p) for p in paragraphs][:60]
        if i % 12 == 5:
            (OUT / "service-public" / "brochures" / f"{fid}.pdf").write_bytes(pdf(title, [desc] + paragraphs))
            continue
        folder = "aides" if AID.search(title + " " + desc) else "pages"
        page = ["<!DOCTYPE html>", '<html lang="fr"><head><meta charset="utf-8">',
                f"<title>{html.escape(title)}</title>",
                f'<meta name="description" content="{html.escape(desc)}">',
                "</head><body>",
                '<header><nav><a href="/">Accueil</a> &gt; <a href="/particuliers">Particuliers</a></nav></header>',
                f"<main><h1>{html.escape(title)}</h1>"]
        page += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
        page += ["</main>", "<footer>service-public.fr — Direction de l'information légale et administrative</footer>",
                 "</body></html>"]
        (OUT / "service-public" / folder / f"{fid}.html").write_text("\n".join(page) + "\n", encoding="utf-8")


def main():
    rome()
    onisep()
    france_services()
    service_public()
    count = sum(1 for _ in OUT.rglob("*") if _.is_file())
    print(f"wrote {count} files under {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
