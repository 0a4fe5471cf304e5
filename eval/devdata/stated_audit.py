#!/usr/bin/env python3
"""Audit of score.py's notion of "stated" for TNM labels, on the results score.py wrote with --out DIR.

score.py's `tnm_stated` is case-insensitive and reads the letter O as a zero, so prose such as "2 cm of" (c + M + O)
or "Lymph nodes: None" counts as a stated cM0/N0 although the report writes no M or N category. This script reuses
score.py's own functions (imported from ../shared/devdata, nothing copied) and splits each stated TNM value into
"token" (written as a stage token: the axis letter in upper case, and a letter-O zero in upper case and not followed
by a letter) and "prose" (everything else), then prints score.py's per-field accuracy on all stated values and on
token-stated values only. It never looks at what we extracted to decide what is stated.

usage: python3 eval/devdata/stated_audit.py OUT_DIR SET [SET ...]
"""
import glob, json, os, re, sys

DEVDATA = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "devdata"))
sys.path.insert(0, DEVDATA)
import score  # noqa: E402  (score.py of the development data: the same normalization and "stated" rules)


def token_stated(text, axis, label):
    m = re.match(r"^(?:c|p|y|yp)?" + axis + r"(X|is|\d)([a-d]?\d?)", label or "", re.I)
    if not m:
        return False
    core = re.escape(m.group(1) + m.group(2)).replace("0", "[0O]")
    rx = re.compile(r"(?<![A-Za-z0-9])(y|r|c|p|yp)?\s?" + axis + r"\s?(" + core + r")(?![0-9a-d])", re.I)
    for mm in rx.finditer(text):
        axis_char = text[mm.start(2) - 1] if text[mm.start(2) - 1] != " " else text[mm.start(2) - 2]
        value = mm.group(2)
        after = text[mm.end():mm.end() + 1]
        if axis_char != axis:
            continue
        if value[0] in "Oo" and (value[0] == "o" or after.isalpha()):
            continue
        if score.stated(axis, None, label, text[max(0, mm.start() - 40):mm.end() + 1]):
            return True
    return False


def main():
    out, sets = sys.argv[1], sys.argv[2:]
    per = {}
    for s in sets:
        base = os.path.join(DEVDATA, s)
        for line in open(os.path.join(base, "labels.jsonl"), encoding="utf-8"):
            r = json.loads(line)
            text = open(os.path.join(base, "docs", r["doc_id"] + ".txt"), encoding="utf-8", errors="replace").read()
            found = glob.glob(os.path.join(out, r["doc_id"] + "*.json"))
            fields = (json.load(open(found[0], encoding="utf-8")).get("form") or {}).get("fields") or {} if found else {}
            for key, kind in score.FIELDS:
                label = score.label_of(key, r["labels"])
                want = score.normalize(kind, label)
                if not want or not score.stated(kind, key, label, text):
                    continue
                f = fields.get(key) or {}
                got = score.normalize(kind, f.get("normalized") or f.get("value")) if f.get("status") in ("found", "conflict") else None
                ok = bool(got and got[0] == want[0])
                token = kind not in ("T", "N", "M") or token_stated(text, kind, label)
                row = per.setdefault(key, [0, 0, 0, 0])
                row[0] += ok
                row[1] += 1
                if token:
                    row[2] += ok
                    row[3] += 1
    print(f"{'field':14s} {'all stated (score.py)':>22s} {'written as a token':>22s}")
    tot = [0, 0, 0, 0]
    for key, (g, n, tg, tn) in per.items():
        tot = [a + b for a, b in zip(tot, (g, n, tg, tn))]
        print(f"{key:14s} {g:5d}/{n:<5d} {g / n if n else 0:.3f}   {tg:5d}/{tn:<5d} {tg / tn if tn else 0:.3f}")
    g, n, tg, tn = tot
    print(f"{'all':14s} {g:5d}/{n:<5d} {g / max(1, n):.3f}   {tg:5d}/{tn:<5d} {tg / max(1, tn):.3f}")


if __name__ == "__main__":
    main()
