#!/usr/bin/env python3
"""Generate ontology/countries.ttl and ontology/cities.ttl for diplograph.

Source data
-----------
The country facts come from the npm package ``world-countries``
(https://github.com/mledoze/countries, by Mohammed Le Doze, licensed under the
Open Database License ODbL-1.0).  Fetch it with the ordinary npm client::

    mkdir -p /tmp/wc && cd /tmp/wc && npm install world-countries@5.1.0

and run, from the repository root::

    python3 scripts/gen_countries.py \\
        --world-countries /tmp/wc/node_modules/world-countries/countries.json

Hand-curated additions live next to this script and are merged in:

* ``scripts/country_overrides.json`` -- per ISO2 code: news short name,
  extra/dropped alternative labels and demonyms, capital overrides; plus the
  global ambiguity policy (labels assigned to one country or dropped).
* ``scripts/cities.json`` -- per ISO2 code: capitals' variants and ~400
  further cities where diplomacy happens.

Which countries are written
---------------------------
world-countries carries two flags: ``unMember`` and ``independent``.

* Every record with ``unMember: true`` is taken (the script asserts that all
  of them are also ``independent: true``).  In world-countries 5.1.0 that is
  194 records because the Holy See (VA) is flagged ``unMember: true``
  although it is a UN General Assembly observer state; the override file
  lists VA under ``observers`` so it is written with ``dg:unMember false``.
  The script asserts the result is exactly 193 UN member states.
* The non-member states in ``extra_states`` of the override file (PS, the
  second observer, plus Kosovo XK and Taiwan TW) are added with
  ``dg:unMember false`` -- these three are ``independent: false/null`` in
  world-countries, so that flag cannot select them and they are named
  explicitly.  Dependent territories (``independent: false``, not a member,
  not listed) are left out.

Output is sorted (countries by ISO2, cities by slug, literals by code point)
and carries no timestamp, so a rerun on the same inputs is byte-identical.
The script fails loudly when a label or demonym would point to two countries
(compared after accent folding and case folding) unless the override file
resolves it.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNTRY_BASE = "https://w3id.org/diplograph/id/country/"
CITY_BASE = "https://w3id.org/diplograph/id/city/"

PREFIXES = """@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""

# Letters that Unicode decomposition does not reduce to ASCII.
FOLD_EXTRA = {
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D",
    "ð": "d", "þ": "th", "ə": "e", "Ə": "E", "ʻ": "'", "ʼ": "'", "‘": "'",
    "’": "'", "ʿ": "'", "ʾ": "'", "–": "-", "—": "-",
}

# Demonyms that have no separate plural form in English.
INVARIANT_DEMONYMS = {
    "Basotho", "Batswana", "Burkinabe", "Burkinabé", "Burkinabè",
    "I-Kiribati", "Kirghiz", "Kyrgyz", "Lao", "Malagasy", "Mosotho",
    "Motswana", "Ni-Vanuatu", "Philippine", "Vatican", "French", "Dutch",
    "British", "Irish", "Swiss",
}
INVARIANT_ENDINGS = ("ese", "ish", "ss", "ois", "ic", "z", "s", "y")


def fold(text):
    """ASCII-ish fold: decompose, drop combining marks, map leftovers."""
    text = "".join(FOLD_EXTRA.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def key(text):
    """Comparison key used for the ambiguity checks."""
    return re.sub(r"\s+", " ", fold(text).casefold().replace(".", "")).strip()


def slugify(name):
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name).lower())
    slug = slug.strip("-")
    if not slug or not slug.isascii():
        raise SystemExit(f"cannot slugify city name {name!r}")
    return slug


def plural(demonym):
    last = demonym.split(" ")[-1].split("-")[-1]
    if demonym in INVARIANT_DEMONYMS or last in INVARIANT_DEMONYMS:
        return None
    if last.endswith(INVARIANT_ENDINGS):
        return None
    return demonym + "s"


def lit(text):
    text = unicodedata.normalize("NFC", text)
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    if any(ch in out for ch in "\n\r\t"):
        raise SystemExit(f"control character in literal {text!r}")
    return f'"{out}"'


def sorted_unique(values):
    seen = {}
    for v in values:
        v = unicodedata.normalize("NFC", v.strip())
        if v:
            seen[v] = None
    return sorted(seen)


def split_demonym(value):
    parts = re.split(r",\s*|\s+or\s+|\s+and\s+", value or "")
    return [p.strip() for p in parts if p.strip()]


def usable_alt(text, cca2):
    """Generic filter for world-countries altSpellings and native names."""
    if text == cca2 or len(text) < 3:
        return False
    if ", " in text or "(" in text:
        return False  # inverted ISO list forms and parenthesised forms
    if re.match(r"(?i)the\s", text):
        return False  # the matcher strips a leading "the"
    if any(ch in text for ch in "ʁɡɔɛ"):
        return False  # IPA transcriptions
    return True


def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def build_countries(wc, ov):
    by_code = {c["cca2"]: c for c in wc}
    observers = set(ov["observers"])
    extra = set(ov["extra_states"])
    members = []
    for c in wc:
        if c.get("unMember"):
            if c.get("independent") is not True:
                raise SystemExit(f"{c['cca2']}: unMember but not independent")
            members.append(c["cca2"])
    selected = sorted(set(members) | extra)
    un_member = {code: code in members and code not in observers for code in selected}
    if sum(un_member.values()) != 193:
        raise SystemExit(f"expected 193 UN members, got {sum(un_member.values())}")

    drop_everywhere = {key(x) for x in ov["ambiguous_dropped"]}
    assigned = {key(k): v for k, v in ov["ambiguous_assigned"].items()}

    countries = {}
    for code in selected:
        c = by_code[code]
        o = ov["countries"].get(code, {})
        name = o.get("name", c["name"]["common"])
        official = c["name"]["official"]
        alts = list(o.get("altLabels", []))
        candidates = [c["name"]["common"], official]
        candidates += c.get("altSpellings", [])
        for nat in c["name"].get("native", {}).values():
            candidates += [nat.get("common", ""), nat.get("official", "")]
        rus = c.get("translations", {}).get("rus", {})
        candidates += [rus.get("common", ""), rus.get("official", "")]
        alts += [a for a in candidates if a and usable_alt(a, code)]
        drop = {key(x) for x in o.get("dropAltLabels", [])}
        alts = [a for a in alts if key(a) not in drop and a != name]

        dem = []
        eng = c.get("demonyms", {}).get("eng", {})
        for g in ("m", "f"):
            dem += split_demonym(eng.get(g))
        dem += o.get("demonyms", [])
        ddrop = {key(x) for x in o.get("dropDemonyms", [])}
        dem = [d for d in dem if key(d) not in ddrop]
        dem += [p for p in (plural(d) for d in dem) if p]
        dem = [d for d in dem if key(d) not in ddrop]

        countries[code] = {
            "code": code,
            "iso3": c["cca3"],
            "name": name,
            "official": official,
            "alt": alts,
            "dem": dem,
            "capitals": o.get("capitals", c.get("capital", [])),
            "region": c.get("region", ""),
            "subregion": c.get("subregion", ""),
            "un": un_member[code],
        }

    # Ambiguity policy: drop or assign labels shared between countries.
    for code, cd in countries.items():
        for field in ("alt", "dem"):
            kept = []
            for v in cd[field]:
                k = key(v)
                if k in drop_everywhere:
                    continue
                if k in assigned and assigned[k] != code:
                    continue
                kept.append(v)
            cd[field] = sorted_unique(kept)
        if key(cd["name"]) in drop_everywhere:
            raise SystemExit(f"{code}: schema:name {cd['name']!r} is on the drop list")

    owner = {}
    for code, cd in sorted(countries.items()):
        for v in [cd["name"]] + cd["alt"] + cd["dem"]:
            owner.setdefault(key(v), set()).add(code)
    clashes = {k: sorted(v) for k, v in owner.items() if len(v) > 1}
    if clashes:
        for k, v in sorted(clashes.items()):
            print(f"ambiguous label {k!r}: {v}", file=sys.stderr)
        raise SystemExit("resolve the labels above in country_overrides.json")
    return countries, owner


def build_cities(countries, cities_in, country_owner, shared_ok):
    capital_of = {}
    for code, cd in countries.items():
        for cap in cd["capitals"]:
            capital_of[(code, cap)] = code
    cities = {}
    seen_caps = set()
    for code in sorted(k for k in cities_in if not k.startswith("_")):
        if code not in countries:
            raise SystemExit(f"cities.json: unknown country {code}")
        for entry in cities_in[code]:
            name = entry["name"]
            slug = entry.get("slug") or slugify(name)
            if slug in cities:
                raise SystemExit(f"duplicate city slug {slug} ({name}, {code});"
                                 " give the less prominent one slug NAME-iso2")
            is_cap = (code, name) in capital_of
            if is_cap:
                seen_caps.add((code, name))
            cities[slug] = {
                "slug": slug, "name": name, "country": code,
                "alt": sorted_unique(a for a in entry.get("alt", []) if a != name),
                "capital": is_cap, "comment": entry.get("comment"),
            }
    for (code, name) in sorted(set(capital_of) - seen_caps):
        slug = slugify(name)
        if slug in cities:
            raise SystemExit(f"capital {name} ({code}) clashes with slug {slug}")
        cities[slug] = {"slug": slug, "name": name, "country": code, "alt": [],
                        "capital": True, "comment": None}
    shared = {key(x) for x in shared_ok}
    label_owner = {}
    for slug, ct in sorted(cities.items()):
        for v in [ct["name"]] + ct["alt"]:
            label_owner.setdefault(key(v), set()).add(slug)
    for k, slugs in sorted(label_owner.items()):
        if len(slugs) > 1:
            print(f"note: city label {k!r} names several cities: {sorted(slugs)}",
                  file=sys.stderr)
    for slug, ct in sorted(cities.items()):
        for v in [ct["name"]] + ct["alt"]:
            k = key(v)
            if k in country_owner and k not in shared:
                raise SystemExit(f"city label {v!r} ({slug}) is also a country label"
                                 f" of {sorted(country_owner[k])}")
    return cities


def header(version, what):
    return (
        f"# diplograph {what} dictionary -- GENERATED by scripts/gen_countries.py; do not edit.\n"
        f"# Contains information from world-countries {version} (https://github.com/mledoze/countries),\n"
        "# (c) Mohammed Le Doze and contributors, made available under the Open Database License\n"
        "# (ODbL-1.0, https://opendatacommons.org/licenses/odbl/1.0/). This file is a Derivative\n"
        "# Database under ODbL-1.0, with hand-curated additions from scripts/country_overrides.json\n"
        "# and scripts/cities.json; see ontology/NOTICE.md.\n"
    )


def country_ttl(countries, cities, ov, version):
    slug_of = {(c["country"], c["name"]): s for s, c in cities.items()}
    out = [header(version, "country")]
    for line in ov["_header_notes"]:
        out.append(f"# {line}\n")
    out.append("\n" + PREFIXES)
    for code in sorted(countries):
        cd = countries[code]
        lines = [f"<{COUNTRY_BASE}{code}> a schema:Country"]
        lines.append(f"dg:isoCode {lit(code)}")
        lines.append(f"schema:identifier {lit(code)}")
        lines.append(f"dg:iso3Code {lit(cd['iso3'])}")
        lines.append(f"schema:name {lit(cd['name'])}")
        lines.append(f"skos:prefLabel {lit(cd['name'])}@en")
        lines.append(f"dg:officialName {lit(cd['official'])}")
        if cd["alt"]:
            lines.append("skos:altLabel " + ", ".join(lit(a) for a in cd["alt"]))
        if cd["dem"]:
            lines.append("dg:demonym " + ", ".join(lit(d) for d in cd["dem"]))
        caps = sorted(slug_of[(code, cap)] for cap in cd["capitals"])
        if caps:
            lines.append("dg:capital " + ", ".join(f"<{CITY_BASE}{s}>" for s in caps))
        if cd["region"]:
            lines.append(f"dg:region {lit(cd['region'])}")
        if cd["subregion"]:
            lines.append(f"dg:subregion {lit(cd['subregion'])}")
        lines.append("dg:unMember " + ("true" if cd["un"] else "false"))
        out.append("\n" + " ;\n    ".join(lines) + " .\n")
    return "".join(out)


def city_ttl(cities, version):
    out = [header(version, "city"), "\n" + PREFIXES]
    for slug in sorted(cities):
        ct = cities[slug]
        out.append("\n")
        if ct["comment"]:
            out.append(f"# {ct['comment']}\n")
        lines = [f"<{CITY_BASE}{slug}> a schema:City"]
        lines.append(f"schema:name {lit(ct['name'])}")
        if ct["alt"]:
            lines.append("skos:altLabel " + ", ".join(lit(a) for a in ct["alt"]))
        lines.append(f"schema:containedInPlace <{COUNTRY_BASE}{ct['country']}>")
        lines.append("dg:isCapital " + ("true" if ct["capital"] else "false"))
        out.append(" ;\n    ".join(lines) + " .\n")
    return "".join(out)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--world-countries", required=True,
                    help="path to world-countries/countries.json")
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "ontology"))
    args = ap.parse_args()

    wc = load_json(args.world_countries)
    pkg = os.path.join(os.path.dirname(os.path.abspath(args.world_countries)), "package.json")
    version = load_json(pkg).get("version", "unknown") if os.path.exists(pkg) else "unknown"
    ov = load_json(os.path.join(ROOT, "scripts", "country_overrides.json"))
    cities_in = load_json(os.path.join(ROOT, "scripts", "cities.json"))

    countries, owner = build_countries(wc, ov)
    cities = build_cities(countries, cities_in, owner, ov["city_country_shared_names"])
    write(os.path.join(args.out_dir, "countries.ttl"), country_ttl(countries, cities, ov, version))
    write(os.path.join(args.out_dir, "cities.ttl"), city_ttl(cities, version))
    print(f"countries: {len(countries)} (UN members {sum(c['un'] for c in countries.values())}),"
          f" cities: {len(cities)}, capitals: {sum(c['capital'] for c in cities.values())}")


if __name__ == "__main__":
    main()
