#!/usr/bin/env python3
"""Runs ../shared/acceptance/queries.jsonl against an index of ../shared/data.

The acceptance cases (format: ../shared/acceptance/README.md) are what people
type into a guidance portal, each with what a person would accept as an
answer. This runner builds the index exactly as the README says

    spro-index build --db DIR ../shared/data

(no configuration), runs every case through `spro-search --json` (one
process per case, as a script or a partner would), prints one line per
failed case and ends with `N passed, M failed`. Exit 0 when none failed,
1 otherwise, 77 (ctest's skip code here) when ../shared is absent.

Python 3 standard library only.

    run_acceptance.py --index-bin build/bin/spro-index \
        --search-bin build/bin/spro-search --shared ../shared
        [--db DIR]           reuse an index already built there (no build)
        [--config FILE]      build with this sources.yaml instead of the folder
        [--filter REGEX]     only the cases whose q or suggest matches
        [--verbose]          also print the passing cases
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

SKIP = 77


# --- folding, as the README defines it --------------------------------------

def fold(text):
    text = (text or "").replace("\u2019", "'").replace("œ", "oe").replace("Œ", "oe")
    text = text.replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- territories: containment ------------------------------------------------

class Territories:
    """Which territory lies in which, from the repository's reference
    (data/territories/communes.tsv) and ../shared's départements."""

    def __init__(self, communes_tsv, departements_csv):
        self.communes = {}  # insee -> (type, dep, epci, parent)
        with open(communes_tsv, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                p = line.rstrip("\n").split("\t")
                if len(p) < 8:
                    continue
                # A former commune may share the code of the current one
                # it merged into: the current one (listed first) wins.
                self.communes.setdefault(p[0], (p[1] or "C", p[3], p[4], p[7]))
        self.region_of_dep = {}
        with open(departements_csv, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                self.region_of_dep[row["code_departement"]] = row["code_region"]
        self.epci_deps = {}
        for insee, (kind, dep, epci, _) in self.communes.items():
            if kind == "C" and epci:
                self.epci_deps.setdefault(epci, set()).add(dep)

    def ancestors(self, code):
        """code and every territory containing it."""
        out = {code, "fr"}
        kind, _, value = code.partition(":")
        if kind == "com":
            c = self.communes.get(value)
            if not c:
                return out
            if c[3] and c[3] != value:  # arrondissement or former commune: in its commune
                out |= self.ancestors("com:" + c[3])
            if c[2]:
                out.add("epci:" + c[2])
            if c[1]:
                out |= self.ancestors("dep:" + c[1])
        elif kind == "dep":
            if value in self.region_of_dep:
                out.add("reg:" + self.region_of_dep[value])
        elif kind == "epci":
            deps = self.epci_deps.get(value, set())
            if len(deps) == 1:
                out |= self.ancestors("dep:" + next(iter(deps)))
            else:
                regions = {self.region_of_dep.get(d) for d in deps}
                if len(regions) == 1 and None not in regions:
                    out.add("reg:" + next(iter(regions)))
        return out

    def lies_in(self, code, area):
        return area in self.ancestors(code)


# --- matchers ----------------------------------------------------------------

def code_matches(hit, wanted):
    scheme, _, value = wanted.partition(":")
    held = (hit.get("codes") or {}).get(scheme) or []
    if isinstance(held, str):
        held = [held]
    value_u = value.upper()
    for h in held:
        h_u = str(h).upper()
        if h_u == value_u or h_u == scheme.upper() + value_u or h_u == scheme.upper() + ":" + value_u:
            return True
    return False


def hit_satisfies(hit, check, territories, suggestions):
    for key, want in check.items():
        if key in ("top", "mode"):
            continue
        if key in ("kind", "source"):
            if hit.get(key) != want:
                return False
        elif key in ("title", "text"):
            field = "text" if suggestions else "title"
            if not re.search(want, fold(hit.get(field) or hit.get(key) or "")):
                return False
        elif key == "code":
            if not code_matches(hit, want):
                return False
        elif key == "within":
            codes = hit.get("territories") or []
            if not codes or not all(territories.lies_in(t, want) for t in codes):
                return False
        elif key == "serves":
            codes = hit.get("territories") or []
            if not any(territories.lies_in(t, want) or territories.lies_in(want, t) for t in codes):
                return False
        elif key == "level":
            if want not in (hit.get("levels") or []):
                return False
        elif key == "public":
            if want not in (hit.get("publics") or []):
                return False
        elif key == "max_km":
            d = hit.get("distance_km")
            if d is None or d > want:
                return False
        else:
            raise ValueError("unknown matcher '%s'" % key)
    return True


def describe(hit, suggestions):
    if suggestions:
        return "%r [%s]" % (hit.get("text"), hit.get("kind"))
    extra = ""
    if hit.get("distance_km") is not None:
        extra = " %.1f km" % hit["distance_km"]
    return "%r [%s, %s] %s%s" % (hit.get("title"), hit.get("kind"), hit.get("source"),
                                 ",".join(hit.get("territories") or []), extra)


def run_check(hits, check, territories, suggestions):
    """None when the check passes, else why not."""
    top = check.get("top", 10)
    mode = check.get("mode", "some")
    first = hits[:top]
    ok = [hit_satisfies(h, check, territories, suggestions) for h in first]
    if mode == "some":
        passed = any(ok)
    elif mode == "all":
        passed = bool(first) and all(ok)
    elif mode == "none":
        passed = not any(ok)
    elif mode == "first":
        passed = bool(first) and ok[0]
    else:
        return "unknown mode '%s'" % mode
    if passed:
        return None
    matchers = {k: v for k, v in check.items() if k not in ("top", "mode")}
    shown = "; ".join(describe(h, suggestions) for h in first[:3]) or "no hit"
    return "expect %s top %d %s: got %s" % (mode, top, json.dumps(matchers, ensure_ascii=False), shown)


# --- running one case --------------------------------------------------------

def as_list(v):
    return v if isinstance(v, list) else [v]


def command_for(case, search_bin, db):
    cmd = [search_bin, "--db", db, "--json"]
    tops = [c.get("top", 10) for c in case.get("expect", [])]
    for k in ("distinct_titles", "max_same_id"):
        if k in case:
            tops.append(case[k].get("top", 10))
    cmd += ["--limit", str(max([10] + tops))]
    params = case.get("params", {})
    for name in ("territory", "public", "level", "kind", "source"):
        for v in as_list(params.get(name, [])):
            cmd += ["--" + name, str(v)]
    if "near" in params:
        cmd += ["--near", str(params["near"])]
    if "radius" in params:
        cmd += ["--radius", str(params["radius"])]
    if "sort" in params:
        cmd += ["--sort", str(params["sort"])]
    if params.get("local"):
        cmd += ["--local"]
    if params.get("places") is False:
        cmd += ["--no-places"]
    if "suggest" in case:
        cmd += ["--suggest", case["suggest"]]
    elif case.get("q"):
        cmd += ["--", case["q"]]
    return cmd


def run_case(case, search_bin, db, territories):
    """A list of failures (empty when the case passes)."""
    suggestions = "suggest" in case
    timeout = case.get("timeout_s", 20)
    cmd = command_for(case, search_bin, db)
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout + 5)
    except subprocess.TimeoutExpired:
        return ["no answer within %ss" % timeout]
    elapsed = time.monotonic() - started
    failures = []
    if elapsed > timeout:
        failures.append("answered in %.1fs, more than %ss" % (elapsed, timeout))
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if case.get("status", "ok") == "error":
        if proc.returncode != 2:
            failures.append("expected a bad-request refusal (exit 2), got exit %d" % proc.returncode)
        return failures
    if proc.returncode != 0:
        return failures + ["exit %d: %s" % (proc.returncode, stderr[:300])]
    try:
        response = json.loads(proc.stdout.decode("utf-8", "replace"))
    except ValueError as e:
        return failures + ["output is not JSON: %s" % e]
    hits = response if suggestions else response.get("hits", [])

    for check in case.get("expect", []):
        why = run_check(hits, check, territories, suggestions)
        if why:
            failures.append(why)
    if not suggestions:
        total = response.get("total", 0)
        if "min_total" in case and total < case["min_total"]:
            failures.append("total %d < min_total %d" % (total, case["min_total"]))
        if "max_total" in case and total > case["max_total"]:
            failures.append("total %d > max_total %d" % (total, case["max_total"]))
        corrected = response.get("corrected_query", "")
        if case.get("corrected") is False and corrected:
            failures.append("corrected to %r, expected no correction" % corrected)
        elif isinstance(case.get("corrected"), str) and fold(case["corrected"]) not in fold(corrected):
            failures.append("correction %r does not contain %r" % (corrected, case["corrected"]))
        interpreted = response.get("interpreted", {})
        for key, want in case.get("interpreted", {}).items():
            want_s = ("true" if want else "false") if isinstance(want, bool) else str(want)
            if str(interpreted.get(key)) != want_s:
                failures.append("interpreted.%s = %r, expected %r" % (key, interpreted.get(key), want_s))
    if "distinct_titles" in case:
        k = case["distinct_titles"].get("top", 10)
        n = len({fold(h.get("text" if suggestions else "title")) for h in hits[:k]})
        if n < case["distinct_titles"]["min"]:
            failures.append("%d distinct titles in the first %d, expected at least %d: %s" % (
                n, k, case["distinct_titles"]["min"], "; ".join(describe(h, suggestions) for h in hits[:k])))
    if "max_same_id" in case:
        k = case["max_same_id"].get("top", 10)
        counts = {}
        for h in hits[:k]:
            counts[h.get("id")] = counts.get(h.get("id"), 0) + 1
        worst = max(counts.values()) if counts else 0
        if worst > case["max_same_id"]["max"]:
            failures.append("an id appears %d times in the first %d, at most %d allowed" % (
                worst, k, case["max_same_id"]["max"]))
    return failures


def read_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                case = json.loads(line)
            except ValueError as e:
                raise SystemExit("%s:%d: not JSON: %s" % (path, n, e))
            case["_line"] = n
            cases.append(case)
    return cases


def build_index(index_bin, data_dir, db, config):
    cmd = [index_bin, "build", "--db", db]
    cmd += ["--config", config] if config else [data_dir]
    print("building: " + " ".join(cmd), flush=True)
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    # 3: some records were rejected, every good one is indexed.
    if proc.returncode not in (0, 3):
        print(out[-4000:])
        raise SystemExit("index build failed (exit %d)" % proc.returncode)
    print("built in %.0fs (exit %d)" % (time.monotonic() - started, proc.returncode), flush=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    source_dir = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index-bin", required=True)
    ap.add_argument("--search-bin", required=True)
    ap.add_argument("--shared", default=os.path.join(source_dir, "..", "shared"))
    ap.add_argument("--db")
    ap.add_argument("--config")
    ap.add_argument("--filter")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    shared = os.path.normpath(args.shared)
    queries = os.path.join(shared, "acceptance", "queries.jsonl")
    data_dir = os.path.join(shared, "data")
    if not os.path.isfile(queries) or not os.path.isdir(data_dir):
        print("skipped: %s or %s is absent" % (queries, data_dir))
        return SKIP
    territories = Territories(os.path.join(source_dir, "data", "territories", "communes.tsv"),
                              os.path.join(data_dir, "territories", "departements.csv"))
    cases = read_cases(queries)
    if args.filter:
        cases = [c for c in cases if re.search(args.filter, c.get("q", c.get("suggest", "")))]

    tmp = None
    db = args.db
    if not db:
        tmp = tempfile.mkdtemp(prefix="spro-acceptance-")
        db = os.path.join(tmp, "index")
        build_index(args.index_bin, data_dir, db, args.config)
    passed = failed = 0
    try:
        for case in cases:
            label = ("suggest %r" % case["suggest"]) if "suggest" in case else ("q %r" % case.get("q", ""))
            if case.get("params"):
                label += " " + json.dumps(case["params"], ensure_ascii=False)
            failures = run_case(case, args.search_bin, db, territories)
            if failures:
                failed += 1
                print("FAIL line %d: %s: %s" % (case["_line"], label, " | ".join(failures)), flush=True)
            else:
                passed += 1
                if args.verbose:
                    print("ok   line %d: %s" % (case["_line"], label), flush=True)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
