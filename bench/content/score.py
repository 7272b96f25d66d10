#!/usr/bin/env python3
"""Score gazette's content pass on the held-out captures.

    python3 score.py BIN [--verbose] [--out DIR] [--only SUBSTRING]

For every cases/NN_name.txt, runs `BIN extract --json FILE` on that file alone
(in an empty temporary directory, so no site.toml is read), matches the
entries it prints to the [[entry]] tables of expected/NN_name.toml and scores
each check pass/fail.

Matching: every (expected, produced) pair gets
    0.6 * title similarity (difflib ratio on normalised titles)
  + 0.4 * fraction of the expected body_must substrings found in the body,
pairs are taken greedily, best first; a pair below 0.25 is not a match and
all checks of that expected entry fail.

Checks (category in brackets):
  [count]       number of entries == `entries`
  [title]       title: normalised equality, or one contains the other with
                length ratio >= 0.8; same rule for `story` when given
  [date]        `date` day (YYYY-MM-DD prefix); `updated` day when given
  [time]        `time` HH:MM of the date, and `offset` when given
  [authors]     set equality, case-insensitive, normalised
  [actors]      each actors_must: an actor equal to it, containing it, or
                holding its first and last word (inflection-tolerant)
  [junk]        each actors_must_not: no actor equal to it (normalised)
  [places]      each places_must, same rule as actors, against `places`
  [body]        each body_must substring present in the body
  [boilerplate] each body_must_not substring absent from the body
  [outlet]      normalised equality ignoring a leading "The"; a list in the
                expectation means any of them is right
  [url]         url equality when given

Normalisation: NFKC, curly/guillemet quotes -> straight, dashes -> "-",
whitespace collapsed, lower case; Markdown backslash escapes are removed from
bodies; names also lose dots and accents.
"""

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "expected")

CATEGORIES = ["count", "title", "date", "time", "authors", "actors", "junk",
              "places", "body", "boilerplate", "outlet", "url"]

QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def norm(s):
    if not isinstance(s, str):
        s = "" if s is None else str(s)
    s = unicodedata.normalize("NFKC", s)
    s = "".join(QUOTES.get(c, c) for c in s)
    for d in DASHES:
        s = s.replace(d, "-")
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    # spaces inside guillemets / before French punctuation vary between pages
    s = re.sub(r'"\s+', '"', s)
    s = re.sub(r'\s+"', '"', s)
    s = re.sub(r"\s+", " ", s)
    return s.strip().lower()


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c))


def norm_name(s):
    s = norm(s).replace(".", "")
    s = strip_accents(s)
    s = re.sub(r"\s+", " ", s)
    return s.strip()


def norm_body(s):
    if not isinstance(s, str):
        s = "" if s is None else str(s)
    s = re.sub(r"\\(.)", r"\1", s)  # Markdown escapes
    return norm(s)


def norm_outlet(s):
    s = norm_name(s)
    if s.startswith("the "):
        s = s[4:]
    return s.strip()


def title_ok(got, want):
    g, w = norm(got), norm(want)
    if not g or not w:
        return False
    if g == w:
        return True
    if g in w or w in g:
        return min(len(g), len(w)) / max(len(g), len(w)) >= 0.8
    return False


def tok_like(a, b):
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 4:
        return False
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    return p >= max(4, n - 2)


def name_found(want, names):
    w = norm_name(want)
    if not w:
        return True
    wt = w.split()
    for n in names:
        a = norm_name(n)
        if not a:
            continue
        if a == w:
            return True
        if re.search(r"(^|\W)" + re.escape(w) + r"($|\W)", a):
            return True
        at = a.split()
        if any(tok_like(t, wt[0]) for t in at) and any(tok_like(t, wt[-1]) for t in at):
            return True
    return False


def as_list(v):
    if v is None:
        return []
    if isinstance(v, list):
        return [x for x in v if isinstance(x, str)]
    if isinstance(v, str):
        return [v]
    return []


def as_str(v):
    return v if isinstance(v, str) else ""


TIME_RE = re.compile(r"T(\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?")


def time_of(date):
    m = TIME_RE.search(as_str(date))
    if not m:
        return None, None
    off = m.group(3)
    if off == "Z":
        off = "+00:00"
    elif off and ":" not in off:
        off = off[:3] + ":" + off[3:]
    return f"{m.group(1)}:{m.group(2)}", off


def run(bin_path, case_path, timeout=180):
    """Return (entries, error text)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            p = subprocess.run([bin_path, "extract", "--json", case_path], cwd=tmp,
                               capture_output=True, timeout=timeout)
        except Exception as e:  # timeout, missing binary ...
            return [], f"run failed: {e}"
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    try:
        data = json.loads(out)
    except Exception:
        # tolerate leading noise: parse from the first '['
        i = out.find("[")
        try:
            data = json.loads(out[i:]) if i >= 0 else None
        except Exception:
            data = None
    if data is None:
        return [], f"exit {p.returncode}, no JSON; stderr: {err.strip()[:300]}"
    if isinstance(data, dict):
        data = data.get("entries", [data])
    if not isinstance(data, list):
        return [], "JSON is not a list"
    return [e for e in data if isinstance(e, dict)], (err if p.returncode else "")


def match(expected, got):
    pairs = []
    for i, x in enumerate(expected):
        bm = [norm(b) for b in as_list(x.get("body_must"))]
        for j, e in enumerate(got):
            ts = difflib.SequenceMatcher(None, norm(x.get("title", "")),
                                         norm(e.get("title"))).ratio()
            body = norm_body(e.get("body"))
            bf = (sum(1 for b in bm if b in body) / len(bm)) if bm else 0.0
            pairs.append((0.6 * ts + 0.4 * bf, i, j))
    pairs.sort(key=lambda t: -t[0])
    m, used = {}, set()
    for s, i, j in pairs:
        if s < 0.25 or i in m or j in used:
            continue
        m[i] = j
        used.add(j)
    return m


def check_entry(x, e):
    """Yield (category, ok, description) for expected entry x vs produced entry e (or None)."""
    def short(v, n=90):
        v = as_str(v) if not isinstance(v, list) else json.dumps(v, ensure_ascii=False)
        return v if len(v) <= n else v[:n] + "…"

    title = as_str(e.get("title")) if e else ""
    yield "title", bool(e) and title_ok(title, x.get("title", "")), \
        f"title: want {short(x.get('title'))!r}, got {short(title)!r}"
    if "story" in x:
        st = as_str(e.get("story")) if e else ""
        yield "title", bool(e) and title_ok(st, x["story"]), \
            f"story: want {short(x['story'])!r}, got {short(st)!r}"
    date = as_str(e.get("date")) if e else ""
    if "date" in x:
        yield "date", bool(e) and date.startswith(x["date"]), \
            f"date: want {x['date']}, got {date or None}"
    if "updated" in x:
        up = as_str(e.get("updated")) if e else ""
        yield "date", bool(e) and up.startswith(x["updated"]), \
            f"updated: want {x['updated']}, got {up or None}"
    if "time" in x:
        t, off = time_of(date)
        ok = bool(e) and t == x["time"]
        want = x["time"]
        if "offset" in x:
            ok = ok and off == x["offset"]
            want += " " + x["offset"]
        yield "time", ok, f"time: want {want}, got {date or None}"
    if "authors" in x:
        want = sorted(norm_name(a) for a in as_list(x["authors"]))
        got = sorted(norm_name(a) for a in as_list(e.get("authors"))) if e else []
        yield "authors", bool(e) and want == got, \
            f"authors: want {as_list(x['authors'])}, got {as_list(e.get('authors')) if e else None}"
    actors = as_list(e.get("actors")) if e else []
    for a in as_list(x.get("actors_must")):
        yield "actors", bool(e) and name_found(a, actors), f"actor missing: {a!r}"
    nact = {norm_name(a) for a in actors}
    for a in as_list(x.get("actors_must_not")):
        yield "junk", bool(e) and norm_name(a) not in nact, f"junk actor present: {a!r}"
    places = as_list(e.get("places")) if e else []
    for p in as_list(x.get("places_must")):
        yield "places", bool(e) and name_found(p, places), \
            f"place missing: {p!r} (places: {short(places, 120)})"
    body = norm_body(e.get("body")) if e else ""
    for b in as_list(x.get("body_must")):
        yield "body", bool(e) and norm(b) in body, f"body lacks: {short(b)!r}"
    for b in as_list(x.get("body_must_not")):
        yield "boilerplate", bool(e) and norm(b) not in body, f"body has boilerplate: {short(b)!r}"
    if "outlet" in x:
        wants = as_list(x["outlet"])
        got = as_str(e.get("outlet")) if e else ""
        ok = bool(e) and bool(got) and norm_outlet(got) in {norm_outlet(w) for w in wants}
        yield "outlet", ok, f"outlet: want {wants}, got {got or None!r}"
    if "url" in x:
        got = as_str(e.get("url")) if e else ""
        yield "url", bool(e) and got.strip() == x["url"].strip(), f"url: want {x['url']}, got {got or None}"


def main(argv):
    args = [a for a in argv[1:]]
    verbose = "--verbose" in args or "-v" in args
    out_dir = None
    only = None
    if "--out" in args:
        i = args.index("--out")
        out_dir = args[i + 1] if i + 1 < len(args) else None
        del args[i:i + 2]
    if "--only" in args:
        i = args.index("--only")
        only = args[i + 1] if i + 1 < len(args) else None
        del args[i:i + 2]
    args = [a for a in args if a not in ("--verbose", "-v")]
    if not args:
        print(__doc__)
        return 2
    bin_path = os.path.abspath(args[0]) if os.path.exists(args[0]) else args[0]
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)

    totals = OrderedDict((c, [0, 0]) for c in CATEGORIES)
    passed_all = total_all = 0
    for name in sorted(os.listdir(CASES)):
        if not name.endswith(".txt") or (only and only not in name):
            continue
        stem = name[:-4]
        exp_path = os.path.join(EXPECTED, stem + ".toml")
        if not os.path.exists(exp_path):
            print(f"{stem}: no expectation, skipped")
            continue
        try:
            with open(exp_path, "rb") as f:
                exp = tomllib.load(f)
        except Exception as e:
            print(f"{stem}: bad expectation file: {e}")
            continue
        got, err = run(bin_path, os.path.join(CASES, name))
        if out_dir:
            with open(os.path.join(out_dir, stem + ".json"), "w") as f:
                json.dump(got, f, ensure_ascii=False, indent=2)
        results = []
        n_exp = exp.get("entries")
        if isinstance(n_exp, int):
            results.append(("count", len(got) == n_exp,
                            f"entries: want {n_exp}, got {len(got)} "
                            f"{[as_str(e.get('title'))[:50] for e in got]}"))
        xs = [x for x in exp.get("entry", []) if isinstance(x, dict)]
        try:
            m = match(xs, got)
        except Exception:
            m = {}
        for i, x in enumerate(xs):
            e = got[m[i]] if i in m else None
            tag = f"[{i + 1}] " if len(xs) > 1 else ""
            if e is None:
                results.append(("title", False, f"{tag}no produced entry matches {x.get('title')!r}"))
                checks = list(check_entry(x, None))[1:]
                checks = [(c, ok, "unmatched: " + d) for c, ok, d in checks]
            else:
                checks = list(check_entry(x, e))
            for c, ok, d in checks:
                results.append((c, ok, tag + d))
        p = sum(1 for _, ok, _ in results if ok)
        t = len(results)
        passed_all += p
        total_all += t
        for c, ok, _ in results:
            totals.setdefault(c, [0, 0])
            totals[c][1] += 1
            totals[c][0] += 1 if ok else 0
        print(f"{stem}: {p}/{t}")
        if verbose:
            if err:
                print(f"    ! {err.strip().splitlines()[0][:200] if err.strip() else ''}")
            for c, ok, d in results:
                if not ok:
                    print(f"    FAIL {c:11} {d}")
    pct = 100.0 * passed_all / total_all if total_all else 0.0
    print(f"TOTAL: {passed_all}/{total_all} ({pct:.1f}%)")
    for c, (p, t) in totals.items():
        if t:
            print(f"  {c:11} {p}/{t} ({100.0 * p / t:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
