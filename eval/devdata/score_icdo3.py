#!/usr/bin/env python3
"""Score MedSummary's ICD-O-3 coding (and grade) on the development data in ../shared/devdata.

Runs `medsummary extract --per-file` on every report (or reads a folder of results made before with --from), then:
- TCGA (tcga-pathology-reports, tcga-pathology-ocr): topography at three characters (C50) and morphology at four
  digits (8500) against TCGA's patient-level labels, counted only where the report's text names the labelled site or
  type (judged by the word lists below, written for this script, never by looking at MedSummary's output); grade
  against TCGA's `grade` where the report states a grade. Precision of every emitted code is reported too.
- FRACCO (fracco-fr): precision of emitted codes against the case's hand annotations (a topography is right when
  one annotated topography has the same three characters; a morphology when one annotated morphology has the same
  code and behaviour), and recall against the case's malignant primary tumour: the annotated /3 morphologies and the
  topographies annotated with them (lymph-node and metastatic sites excluded).

usage: score_icdo3.py [--cli CMD] [--from DIR] [--out DIR] [--errors FILE] [--limit N]
Development tool: reads ../shared/devdata, which is never copied into the project or its tests.
"""
import argparse, glob, json, os, re, shlex, subprocess, sys, tempfile, time

DEVDATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "devdata"))

# Words that name a site in a report, by three-character topography code (this script's own lists).
SITE_WORDS = {
    "C01": r"base of (the )?tongue|tongue", "C02": r"tongue", "C04": r"floor of (the )?mouth", "C05": r"palat",
    "C06": r"buccal|retromolar|mouth|oral cavity|cheek", "C09": r"tonsil", "C10": r"oropharyn", "C13": r"hypopharyn|pyriform|piriform",
    "C14": r"pharyn", "C15": r"esophag|oesophag", "C16": r"stomach|gastric|gastrectomy", "C18": r"colon|cecum|caecum|sigmoid|colectomy",
    "C19": r"rectosigmoid|recto-sigmoid", "C20": r"rectum|rectal", "C22": r"liver|hepat", "C25": r"pancrea",
    "C32": r"larynx|laryng|glott", "C34": r"lung|pulmonary|bronch|lobe", "C50": r"breast|mammary", "C53": r"cervix|cervical",
    "C54": r"endometri|uterine corpus|corpus|uterus", "C55": r"uterus|uterine", "C56": r"ovar", "C61": r"prostat",
    "C64": r"kidney|renal|nephrectomy", "C67": r"bladder|urothelial|cystectomy|cystoprostatectomy", "C71": r"brain|cerebr|frontal|temporal|parietal|occipital|glioblastoma",
    "C73": r"thyroid",
}

# Words that name a histologic type, by four-digit morphology code: every listed pattern must be found.
TYPE_WORDS = {
    "8010": [r"carcinoma"], "8020": [r"undifferentiated"], "8070": [r"squamous"], "8071": [r"(?<!non-)(?<!non)keratiniz", r"squamous"],
    "8072": [r"non-?keratiniz"], "8120": [r"urothelial|transitional"], "8130": [r"papillary", r"urothelial|transitional"],
    "8140": [r"adenocarcinoma"], "8144": [r"intestinal"], "8145": [r"diffuse"], "8160": [r"cholangio"], "8170": [r"hepatocellular"],
    "8180": [r"hepatocellular", r"cholangio"], "8211": [r"tubular"], "8246": [r"neuroendocrine"], "8252": [r"bronchiolo"],
    "8253": [r"bronchiolo", r"mucinous"], "8255": [r"mixed"], "8260": [r"papillary"], "8290": [r"h[uü]rthle|oxyphil|oncocytic"],
    "8310": [r"clear cell"], "8312": [r"renal cell"], "8317": [r"chromophobe"], "8340": [r"follicular variant"],
    "8344": [r"tall cell|columnar"], "8380": [r"endometrioid"], "8384": [r"endocervical"], "8441": [r"serous"], "8460": [r"serous", r"papillary"],
    "8461": [r"serous"], "8480": [r"mucinous|colloid"], "8482": [r"mucinous", r"endocervical"], "8490": [r"signet"],
    "8500": [r"ductal|no special type"], "8510": [r"medullary"], "8520": [r"lobular"], "8522": [r"ductal", r"lobular"],
    "8523": [r"ductal", r"mixed|with"], "8550": [r"acinar"], "8575": [r"metaplastic"], "8950": [r"m[uü]ll?erian"],
    "8980": [r"carcinosarcoma"], "9382": [r"oligoastrocytoma|mixed glioma"], "9401": [r"anaplastic astrocytoma"],
    "9440": [r"glioblastoma"], "9451": [r"anaplastic oligodendroglioma"], "9680": [r"large b-?cell"],
}

GRADE_WORDS = {
    "G1": r"grade\s*(1|i)\b|well[- ]differentiated|low[- ]grade", "G2": r"grade\s*(2|ii)\b|moderately[- ]differentiated",
    "G3": r"grade\s*(3|iii)\b|poorly[- ]differentiated|high[- ]grade", "G4": r"grade\s*(4|iv)\b|undifferentiated",
    "HIGH GRADE": r"high[- ]grade|grade\s*(3|iii|4|iv)\b|poorly", "LOW GRADE": r"low[- ]grade|grade\s*(1|i|2|ii)\b|well|moderately",
}


def run_cli(cli, files, out):
    for i in range(0, len(files), 60):
        cmd = shlex.split(cli) + ["extract", *files[i:i + 60], "--per-file", "--format", "json", "--out", out]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr[-2000:])


def result_of(out, doc_id):
    # The document's own file: "cc_onco1*.json" would also match cc_onco10.json, cc_onco100.json and score another case.
    exact = os.path.join(out, doc_id + ".json")
    found = [exact] if os.path.exists(exact) else [
        f for f in glob.glob(os.path.join(out, glob.escape(doc_id) + "*.json"))
        if not os.path.basename(f)[len(doc_id)].isalnum()]
    return json.load(open(found[0], encoding="utf-8")) if found else {}


def field(res, key):
    f = ((res.get("form") or {}).get("fields") or {}).get(key) or {}
    if f.get("status") == "found":
        return [f.get("normalized")]
    if f.get("status") == "conflict":
        return [c.get("normalized") for c in f.get("candidates") or []]
    return []


def pct(a, b):
    return f"{a}/{b} {a / b:.3f}" if b else f"{a}/{b} -"


def grade_of(v):
    s = (v or "").upper()
    return {"HIGH GRADE": "HIGH", "LOW GRADE": "LOW"}.get(s, s if s in ("G1", "G2", "G3", "G4") else None)


def grade_ok(got, want):
    if got == want:
        return True
    return (want == "HIGH" and got in ("G3", "G4")) or (want == "LOW" and got in ("G1", "G2")) \
        or (got == "HIGH" and want in ("G3", "G4")) or (got == "LOW" and want in ("G1", "G2"))


def tcga(out_dir, sets, limit, errs):
    rows = []
    for s in sets:
        base = os.path.join(DEVDATA, s)
        for line in open(os.path.join(base, "labels.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            rows.append((r, os.path.join(base, "docs", r["doc_id"] + ".txt")))
    return rows[:limit] if limit else rows


def score_tcga(rows, out, errs):
    c = {k: [0, 0] for k in ("topo", "morph", "grade", "topo_emit", "morph_emit")}
    for r, path in rows:
        text = open(path, encoding="utf-8", errors="replace").read()
        low = text.lower()
        lab = r["labels"]
        res = result_of(out, r["doc_id"])
        topo = [v for v in field(res, "icdo3_topography") if v]
        morph = [v for v in field(res, "icdo3_morphology") if v]
        t_lab, m_lab = lab.get("icd_o_3_topography", ""), lab.get("icd_o_3_morphology", "")
        if t_lab and topo:
            c["topo_emit"][1] += 1
            c["topo_emit"][0] += any(v[:3] == t_lab[:3] for v in topo) and len(topo) == 1
        if m_lab and morph:
            c["morph_emit"][1] += 1
            c["morph_emit"][0] += any(v[:4] == m_lab[:4] for v in morph) and len(morph) == 1
        words = SITE_WORDS.get(t_lab[:3])
        if words and re.search(words, low):
            c["topo"][1] += 1
            ok = len(topo) == 1 and topo[0][:3] == t_lab[:3]
            c["topo"][0] += ok
            if not ok and errs:
                errs.write(json.dumps({"doc": r["doc_id"], "field": "topography", "label": t_lab, "got": topo}) + "\n")
        need = TYPE_WORDS.get(m_lab[:4])
        if need and all(re.search(w, low) for w in need):
            c["morph"][1] += 1
            ok = len(morph) == 1 and morph[0][:4] == m_lab[:4]
            c["morph"][0] += ok
            if not ok and errs:
                errs.write(json.dumps({"doc": r["doc_id"], "field": "morphology", "label": m_lab, "histology": lab.get("histology"), "got": morph}) + "\n")
        g_lab = grade_of(lab.get("grade"))
        if g_lab and re.search(GRADE_WORDS["HIGH GRADE" if g_lab == "HIGH" else "LOW GRADE" if g_lab == "LOW" else g_lab], low):
            c["grade"][1] += 1
            got = [grade_of(v) for v in field(res, "grade")]
            ok = len(got) == 1 and got[0] is not None and grade_ok(got[0], g_lab)
            c["grade"][0] += ok
            if not ok and errs:
                errs.write(json.dumps({"doc": r["doc_id"], "field": "grade", "label": lab.get("grade"), "got": field(res, "grade")}) + "\n")
    return c


def fracco_cases(limit):
    base = os.path.join(DEVDATA, "fracco-fr", "docs")
    paths = sorted(glob.glob(os.path.join(base, "*.txt")))
    return paths[:limit] if limit else paths


def annotations(ann_path):
    spans, codes, exprs = {}, {}, []
    for line in open(ann_path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind = parts[1].split(" ")[0]
            spans[parts[0]] = kind
            if kind == "expression_CIM":
                exprs.append(parts[0])
        elif line.startswith("#") and len(parts) >= 3:
            target = parts[1].split(" ")[-1]
            # Annotators sometimes join codes with ";" ("8000/1;C34.9") and add ICD-O-3's sixth (grade) digit
            # ("8500/33"): the code and behaviour are the first six characters, which is what is compared.
            codes[target] = [c[:6] if re.fullmatch(r"\d{4}/\d\d", c) else c for c in re.split(r"[\s;]+", parts[2].strip()) if c]
    topo, morph, primary_morph, primary_topo = set(), set(), set(), set()
    for t, cs in codes.items():
        for code in cs:
            if re.fullmatch(r"C\d\d\.\d", code):
                topo.add(code[:3])
            elif re.fullmatch(r"\d{4}/\d", code):
                morph.add(code)
    for e in exprs:
        cs = codes.get(e, [])
        ms = [x for x in cs if re.fullmatch(r"\d{4}/3", x)]
        ts = [x[:3] for x in cs if re.fullmatch(r"C\d\d\.\d", x) and not x.startswith("C77")]
        if ms and not any(x.startswith("8000") or x.endswith("/6") for x in ms):
            primary_morph.update(ms)
            primary_topo.update(ts)
    return topo, morph, primary_topo, primary_morph


def found(res, key):
    f = ((res.get("form") or {}).get("fields") or {}).get(key) or {}
    return [f.get("normalized")] if f.get("status") == "found" and f.get("normalized") else []


def score_fracco(paths, out, errs):
    c = {k: [0, 0] for k in ("topo_prec", "morph_prec", "topo_rec", "morph_rec", "topo_found", "morph_found")}
    for path in paths:
        doc_id = os.path.splitext(os.path.basename(path))[0]
        topo_all, morph_all, topo_prim, morph_prim = annotations(path[:-4] + ".ann")
        res = result_of(out, doc_id)
        topo = [v for v in field(res, "icdo3_topography") if v]
        morph = [v for v in field(res, "icdo3_morphology") if v]
        for v in topo:
            c["topo_prec"][1] += 1
            ok = v[:3] in topo_all
            c["topo_prec"][0] += ok
            if not ok and errs:
                errs.write(json.dumps({"doc": doc_id, "field": "fr-topography", "got": v, "annotated": sorted(topo_all)}) + "\n")
        for v in morph:
            c["morph_prec"][1] += 1
            ok = v[:6] in morph_all
            c["morph_prec"][0] += ok
            if not ok and errs:
                errs.write(json.dumps({"doc": doc_id, "field": "fr-morphology", "got": v, "annotated": sorted(morph_all)}) + "\n")
        for v in found(res, "icdo3_topography"):
            c["topo_found"][1] += 1
            c["topo_found"][0] += v[:3] in topo_all
        for v in found(res, "icdo3_morphology"):
            c["morph_found"][1] += 1
            c["morph_found"][0] += v[:6] in morph_all
        if topo_prim:
            c["topo_rec"][1] += 1
            c["topo_rec"][0] += any(v[:3] in topo_prim for v in topo)
        if morph_prim:
            c["morph_rec"][1] += 1
            c["morph_rec"][0] += any(v[:6] in morph_prim for v in morph)
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="./medsummary")
    ap.add_argument("--from", dest="src")
    ap.add_argument("--out")
    ap.add_argument("--errors")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--sets", default="tcga-pathology-reports,tcga-pathology-ocr,fracco-fr")
    a = ap.parse_args()
    sets = a.sets.split(",")
    rows = tcga(None, [s for s in sets if s.startswith("tcga")], a.limit, None)
    fr = fracco_cases(a.limit) if "fracco-fr" in sets else []
    out = a.src or a.out or tempfile.mkdtemp(prefix="icdo3-")
    if not a.src:
        os.makedirs(out, exist_ok=True)
        t0 = time.time()
        run_cli(a.cli, [p for _, p in rows] + fr, out)
        print(f"extracted {len(rows) + len(fr)} documents in {time.time() - t0:.0f} s -> {out}")
    errs = open(a.errors, "w", encoding="utf-8") if a.errors else None
    if rows:
        c = score_tcga(rows, out, errs)
        print(f"TCGA ({len(rows)} reports)")
        print(f"  topography C.. where the report names the site  {pct(*c['topo'])}")
        print(f"  morphology 4 digits where the report names type {pct(*c['morph'])}")
        print(f"  grade where the report states it                {pct(*c['grade'])}")
        print(f"  precision of emitted topography (vs label)       {pct(*c['topo_emit'])}")
        print(f"  precision of emitted morphology (vs label)       {pct(*c['morph_emit'])}")
    if fr:
        c = score_fracco(fr, out, errs)
        print(f"FRACCO ({len(fr)} French cases)")
        print(f"  precision topography (3 chars), every value and conflict candidate {pct(*c['topo_prec'])}")
        print(f"  precision morphology (code/beh.), every value and conflict candidate {pct(*c['morph_prec'])}")
        print(f"  precision topography, single value only (no conflict) {pct(*c['topo_found'])}")
        print(f"  precision morphology, single value only (no conflict) {pct(*c['morph_found'])}")
        print(f"  recall topography of primary     {pct(*c['topo_rec'])}")
        print(f"  recall morphology of primary     {pct(*c['morph_rec'])}")


if __name__ == "__main__":
    main()
