#!/usr/bin/env python3
"""Deterministic corpus generator for gazette benchmarks.

Usage: gen_corpus.py --entries N --kind md|raw --out DIR [--seed S]

Writes a complete site into DIR (site.toml + content/). All text is made up
from word pools, so the corpus is the same on every machine for a given seed.

  md   N Markdown entries with TOML front matter; bodies about 4.7 KB; 500
       actors, 120 places, 12 outlets, 300 authors, 200 live-blog stories.
  raw  N raw captures in the four shapes the content pass reads (article
       page with furniture, live blog, pre-extracted dump, aggregator page),
       about 4.7 KB of prose each.
"""
import argparse
import random
from pathlib import Path

GIVEN = """Ana Boris Clara Dmitri Elena Farid Greta Hiro Ines Jonas Kofi Lena Marco Nadia Omar
Petra Quentin Rosa Sami Tomas Ulla Viktor Wanda Xavier Yara Zoltan Aiko Bruno Chiara Dario
Esme Felix Gisela Hugo Irina Jakub Karin Luis Mira Nils""".split()
SURNAMES = """Adler Brandt Castellano Dorsey Eklund Ferreira Grau Halloran Ivanova Jansen Kowalski
Lindqvist Moreau Novak Okafor Petrov Quist Rahman Sorensen Takeda Urquhart Varga Weber Xu Yilmaz
Zamora Abbott Bianchi Carvalho Dumont Engel Fischer Garcia Horvat Ibsen Jovanovic Keller Laine
Marsh Nakamura""".split()
ORGS = """Harbour Authority|Ministry of Transport|Northern Alliance|Central Bank|Rail Union|
Port Workers Council|Federal Audit Office|Coastal Guard|Energy Commission|Green Party|
Labour Party|Civic Forum|Water Board|Health Agency|Fisheries Council""".replace("\n", "").split("|")
PLACES = """Aldport Brenmouth Calder Dunmere Eastwick Farrow Glenholm Harwick Iverness Jutland
Kestrel Lindale Marwick Northam Oakridge Pellham Quarry Ravensby Saltmarsh Thornbury""".split()
OUTLETS = ["The Harbour Times", "Coastal Daily", "Northam Post", "Evening Ledger", "Radio Calder",
           "The Dunmere Courier", "Farrow Gazette", "Lindale Observer", "Saltmarsh Wire",
           "Oakridge Herald", "Kestrel News", "Marwick Tribune"]
WORDS = """the council said on a plan to rebuild harbour wall after storms officials expect work
begin spring budget vote residents asked about costs delays and noise ferry service would continue
during construction engineers warned older sections could fail within years if nothing was done
union leaders welcomed decision but demanded guarantees for jobs ministers promised more funding
talks continued late into evening while protesters gathered outside town hall carrying banners
report found that water levels rose faster than forecast previous decade""".split()
FURNITURE_TOP = ["Skip to main content", "Menu", "Search", "Sign in", "Subscribe", "Home",
                 "World", "Business", "Sport", "Breaking News"]
FURNITURE_BOTTOM = ["Share this article", "Facebook", "Twitter", "Email",
                    "Advertisement", "Comments are closed for this story.",
                    "© 2023 Example Media Group. All rights reserved.", "Privacy policy",
                    "Terms of use", "Contact us"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        r = self.r
        people = set()
        while len(people) < 440:
            people.add(f"{r.choice(GIVEN)} {r.choice(SURNAMES)}")
        self.people = sorted(people)
        self.actors = self.people + ORGS * 4  # about 500 names in all
        self.actors = self.actors[:500]
        authors = set()
        while len(authors) < 300:
            authors.add(f"{r.choice(GIVEN)} {r.choice(SURNAMES)}son")
        self.authors = sorted(authors)
        self.places = PLACES + [f"{p} {s}" for p in PLACES for s in ("North", "South", "Bay", "Hills", "Port")]
        self.places = self.places[:120]
        self.stories = [f"Live: {self.r.choice(PLACES)} {w} day {i}" for i, w in
                        enumerate(self.r.choice(["storm", "strike", "vote", "summit", "flood"]) for _ in range(200))]

    def sentence(self, names):
        r = self.r
        n = r.randint(12, 26)
        words = [r.choice(WORDS) for _ in range(n)]
        if names:
            words.insert(r.randint(0, len(words) - 1), r.choice(names))
        s = " ".join(words)
        if r.random() < 0.2:
            s = f'"{s[0].upper()}{s[1:]}," {r.choice(names) if names else "an official"} said'
        return s[0].upper() + s[1:] + "."

    def paragraphs(self, names, size=4700):
        out, total = [], 0
        while total < size:
            p = " ".join(self.sentence(names) for _ in range(self.r.randint(2, 4)))
            out.append(p)
            total += len(p) + 2
        return out

    def date(self, i, n):
        # Spread entries over about six years, several a day.
        day = i * 2190 // max(n, 1)
        y, rem = 2018 + day // 365, day % 365
        m = min(rem // 31, 11)
        d = min(rem % 31, 27) + 1
        hh, mm = self.r.randint(0, 23), self.r.randint(0, 59)
        return y, m + 1, d, hh, mm


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_md(g, i, n, content):
    r = g.r
    y, m, d, hh, mm = g.date(i, n)
    actors = r.sample(g.actors, r.randint(2, 6))
    places = r.sample(g.places, r.randint(1, 3))
    authors = r.sample(g.authors, r.randint(1, 2))
    title = f"{r.choice(actors)} {r.choice(['warns', 'backs', 'rejects', 'questions'])} {r.choice(WORDS)} {r.choice(WORDS)} plan {i}"
    post = r.random() < 0.15
    fm = [f"title = {toml_str(title)}", f"date = {y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:00Z",
          f"outlet = {toml_str(r.choice(OUTLETS))}",
          "authors = [" + ", ".join(map(toml_str, authors)) + "]",
          "actors = [" + ", ".join(map(toml_str, actors)) + "]",
          "places = [" + ", ".join(map(toml_str, places)) + "]",
          f"url = \"https://news.example.com/{y}/{m:02}/{d:02}/story-{i}\""]
    if post:
        fm += ['kind = "post"', f"story = {toml_str(r.choice(g.stories))}"]
    body = "\n\n".join(g.paragraphs(actors + places))
    folder = content / f"{y:04}" / f"{m:02}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"entry-{i:06}.md").write_text("+++\n" + "\n".join(fm) + "\n+++\n\n" + body + "\n")


def write_raw(g, i, n, content):
    r = g.r
    y, m, d, hh, mm = g.date(i, n)
    actors = r.sample(g.people, r.randint(2, 5))
    places = r.sample(PLACES, 2)
    authors = r.sample(g.authors, 2)
    outlet = r.choice(OUTLETS)
    title = f"{actors[0]} {r.choice(['warns', 'backs', 'rejects'])} harbour plan in {places[0]} ({i})"
    paras = g.paragraphs(actors + places)
    ampm = "a.m." if hh < 12 else "p.m."
    h12 = hh % 12 or 12
    stamp = f"{h12}:{mm:02} {ampm} ET, {MONTHS[m - 1]} {d}, {y}"
    shape = i % 4
    lines = []
    if shape == 0:  # article page with furniture
        lines += FURNITURE_TOP + ["", title, "", f"By {authors[0]} and {authors[1]}, {outlet}", "",
                                  f"Updated {stamp}", ""]
        cap = f"{actors[0]} speaks to reporters in {places[0]} on {MONTHS[m - 1]} {d}."
        lines += [cap, f"{cap} (Photo Agency/Getty Images)", ""]
        for p in paras:
            lines += [p, ""]
        lines += ["Recommended Stories", ""]
        for k in range(8):
            lines += [f"  • {r.choice(PLACES)} {r.choice(WORDS)} {r.choice(WORDS)} report {k}", ""]
        lines += FURNITURE_BOTTOM
    elif shape == 1:  # live blog of three posts
        lines += [f"Live updates: {title}", "", f"By {authors[0]} and {authors[1]}, {outlet}", "",
                  f"Updated {stamp}", "3 Posts", ""]
        per = max(1, len(paras) // 3)
        for k in range(3):
            pm = (mm + 59 - k * 7) % 60
            lines += [f"{h12}:{pm:02} {ampm} ET, {MONTHS[m - 1]} {d}, {y}", "",
                      f"{actors[k % len(actors)]} says {r.choice(WORDS)} {r.choice(WORDS)} talks go on ({i}.{k})", "",
                      f"From {outlet}'s {authors[k % 2]}", ""]
            for p in paras[k * per:(k + 1) * per]:
                lines += [p, ""]
    elif shape == 2:  # pre-extracted dump
        lines += [title, f"{y:04}{m:02}{d:02}", f"https://news.example.com/{y}/{m:02}/{d:02}/dump-{i}"]
        for p in paras:
            lines += [s.strip() + "." for s in p.split(".") if s.strip()]
    else:  # aggregator page
        lines += [f" date {y:04}-{m:02}-{d:02} {title}", "", "·4 min read", "In this article:"]
        for a in actors[:3]:
            lines += [f"  • {a}", f"    {a}", "    Public figure"]
        for p in paras:
            lines += [p, ""]
        lines += ["Recommended Stories", ""]
        for k in range(6):
            lines += [f"  • {r.choice(WORDS).title()} {r.choice(WORDS)} {k}", "",
                      f"    {g.sentence([])}", ""]
    folder = content / f"{y:04}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"capture-{i:06}.txt").write_text("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, required=True)
    ap.add_argument("--kind", choices=["md", "raw"], default="md")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2022)
    a = ap.parse_args()
    content = a.out / "content"
    content.mkdir(parents=True, exist_ok=True)
    (a.out / "site.toml").write_text(
        'title = "Benchmark archive"\nbase_url = "https://bench.example.org/archive/"\n')
    g = Gen(a.seed)
    write = write_md if a.kind == "md" else write_raw
    for i in range(a.entries):
        write(g, i, a.entries, content)


if __name__ == "__main__":
    main()
