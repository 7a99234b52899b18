"""The extractor's vocabulary: every name, adjective, keyword and cue it looks for, compiled into two
Aho–Corasick automata (one case-sensitive for names, one over lower-cased text for words and cues).

Built once from the reference registry and the language files (``languages/*.yaml``); a scan of a text returns
every mention with its character offsets, longest match first where names overlap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick_rs
import yaml

from oversight.extract.money import MoneyReader
from oversight.reference import Reference, fold, kazakh, reference
from oversight.reference.english import plural_phrase
from oversight.reference.loader import data_dir, read_yaml_list
from oversight.reference.names import LEGAL_SUFFIXES
from oversight.reference.russian import adjective_forms, noun_forms, phrase_forms

#: Kinds of mention the extractor knows.
VENDOR, COUNTRY, CITY, BUYER, TECH, CUE, REGION = "vendor", "country", "city", "buyer", "tech", "cue", "region"
_HYPHEN_CHARS = "-‐‑–—"
_CYRILLIC = frozenset(chr(c) for c in range(0x400, 0x500))


class Mention(NamedTuple):
    """A span of text that names something the extractor knows (a tuple: ordered, compared and hashed in C, which
    the sorting and de-duplication of every text's mentions lean on)."""

    start: int
    end: int
    kind: str
    value: str  # vendor id, alpha-3, buyer id, technology id or cue category
    detail: str = ""  # for countries: name, adjective, demonym, city, buyer; for cues: the language
    text: str = ""


@dataclass(frozen=True)
class _Pattern:
    kind: str
    value: str
    detail: str
    stem: bool  # matches any continuation of the last word


def is_cyrillic(text: str) -> bool:
    """Whether the text has a Cyrillic letter."""
    return any(ch in _CYRILLIC for ch in text)


def language_data() -> dict[str, dict[str, Any]]:
    """The cue vocabularies of every shipped language, by ISO 639-1 code."""
    folder = resources.files("oversight.extract") / "languages"
    data = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            loaded = yaml.safe_load(entry.read_text("utf-8"))
            data[loaded["language"]] = loaded
    return data


class Lexicon:
    """Compiled patterns and the scan over a text."""

    def __init__(self, ref: Reference, languages: dict[str, dict[str, Any]]) -> None:
        self._exact: dict[str, list[_Pattern]] = {}
        self._folded: dict[str, list[_Pattern]] = {}
        self.reference = ref
        self.languages = languages
        self.city_names: dict[str, str] = {}  # every form a city is matched by → the city's registry name
        self.buyer_names = {buyer.id: buyer.name for buyer in ref.buyers}  # a registered buyer's id → its name
        # Kazakh case forms of country names → the role their case gives ("Қазақстанда" → "in")
        self.case_roles: dict[str, str] = {}
        self.money = MoneyReader(languages)
        self._add_vendors(ref)
        self._add_places(ref)
        self._add_buyers(ref)
        for tech in ref.technologies:
            for keyword in (*tech.keywords_en, *tech.keywords_ru, *tech.keywords_kk):
                self._fold(keyword.removesuffix("*"), _Pattern(TECH, tech.id, "keyword", stem=keyword.endswith("*")))
            for plural in filter(None, map(plural_phrase, tech.keywords_en)):  # "IMSI catchers", "fake base stations"
                self._fold(plural, _Pattern(TECH, tech.id, "keyword", stem=False))
        for code, data in languages.items():
            for name in (*data.get("regions", []), *data.get("blockers", [])):
                # Matched only so that "Latin America" is not read as "America", nor "New York Times" as a place.
                self._name(str(name), _Pattern(REGION, code, "region", stem=False))
            for category, words in data.get("cues", {}).items():
                for word in words:
                    text = str(word)
                    stem = text.endswith("*")
                    self._fold(text.removesuffix("*"), _Pattern(CUE, category, code, stem=stem))
        roles: dict[str, set[str]] = {}
        for data in languages.values():
            for role, words in data.get("prepositions", {}).items():
                roles.setdefault(role, set()).update(str(w) for w in words)
        self.prepositions = {role: frozenset(words) for role, words in roles.items()}
        self.authority_words = frozenset(str(w) for data in languages.values() for w in data.get("authority_words", []))
        self.aside_before, self.aside_after = _aside_patterns(languages)
        generic = "|".join(
            re.escape(str(w).removesuffix("*")) + (r"\w*" if str(w).endswith("*") else "")
            for data in languages.values()
            for w in data.get("generic_body_words", [])
        )
        #: A name made only of the words of state bodies' common names ("Ministry of Internal Affairs").
        self.generic_body = re.compile(rf"(?:(?:{generic or '(?!)'})(?!\w)[\W_]*)+", re.IGNORECASE)
        self.title_articles = frozenset(str(w) for data in languages.values() for w in data.get("title_articles", []))
        self._trigger_automaton = _compile_triggers(self._exact, self._folded, {VENDOR, TECH})
        self._place_automaton = _compile_triggers(self._exact, self._folded, {COUNTRY, CITY, BUYER})
        self._exact_automaton = _compile(self._exact)
        self._folded_automaton = _compile(self._folded)

    # -- building ----------------------------------------------------------------------------------------------
    def _name(self, name: str, pattern: _Pattern, *, inflect: bool = True, capitals: bool = True) -> None:
        """A proper name: matched case-sensitively as written and (unless ``capitals`` is false) in capitals, and in
        Russian case forms."""
        forms = phrase_forms(name) if inflect and is_cyrillic(name) else (name,)
        for form in forms:
            for variant in {form, form.upper()} if capitals else {form}:
                self._exact.setdefault(variant, []).append(pattern)

    def _fold(self, text: str, pattern: _Pattern) -> None:
        for key in expand_stems(_unhyphenate(text.lower().strip())):
            if key:
                self._folded.setdefault(key, []).append(pattern)

    def _add_vendors(self, ref: Reference) -> None:
        for vendor in ref.vendors:
            for alias in _with_short_forms({vendor.name, *vendor.aliases}):
                pattern = _Pattern(VENDOR, vendor.id, "", stem=False)
                clean = alias.strip(" «»\"'")
                # Multi-word and hyphenated names are safe to match in any case; one-word names ("Area", "NICE",
                # "Ability", "Цитадель") are also common words and match only as written or in capitals.
                if " " in clean or "-" in clean:
                    for form in phrase_forms(clean) if is_cyrillic(clean) else (clean,):
                        self._fold(form, pattern)
                else:
                    self._name(clean, pattern)

    def _add_places(self, ref: Reference) -> None:
        shared_adjectives = _primary_adjectives(ref)
        case_roles = self.languages.get("kk", {}).get("case_roles", {})
        for country in ref.countries:
            for name in _with_article_dropped((country.name_en, country.name_ru, *country.aliases)):
                if len(name) > 3 or name.isupper():
                    self._name(name, _Pattern(COUNTRY, country.alpha3, "name", stem=False))
            if country.name_kk and (len(country.name_kk) > 3 or country.name_kk.isupper()):
                for form, case in kazakh.case_forms(country.name_kk).items():  # "Қазақстанда", "Ресейге"
                    self._name(form, _Pattern(COUNTRY, country.alpha3, "name", stem=False), inflect=False)
                    if case in case_roles:
                        self.case_roles.update(dict.fromkeys((form, form.upper()), str(case_roles[case])))
                for form in kazakh.adjective_forms(country.name_kk):  # "қытайлық", "ресейлік"
                    self._fold(form, _Pattern(COUNTRY, country.alpha3, "adjective", stem=False))
            for adjective in country.adjectives_en:
                if shared_adjectives.get(adjective, country.alpha3) != country.alpha3:
                    continue  # "Chinese" is also given for Hong Kong and Macao; it names China
                for form in {adjective, adjective + "s"}:
                    self._name(form, _Pattern(COUNTRY, country.alpha3, "adjective", stem=False), inflect=False)
            for adjective in country.adjectives_ru:
                self._fold(adjective, _Pattern(COUNTRY, country.alpha3, "adjective", stem=False))
            for demonym in country.demonyms_ru:
                for form in _demonym_forms(demonym):
                    self._fold(form, _Pattern(COUNTRY, country.alpha3, "demonym", stem=False))
        central_asia = set(ref.region("Central Asia").members)
        for city in ref.cities:
            for name in (city.name, *city.aliases):
                # Short names only as written ("Osh", «Ош», not "ОШ", a school's abbreviation), and among other
                # languages' variants only Central Asia's («Ром», a Ukrainian name of Rome, is "rum" in Russian)
                short = len(name) <= 3
                if not short or (
                    (name == city.name or city.country in central_asia)
                    and len(name) >= 2
                    and name[0].isupper()
                    and name[1:].islower()
                ):
                    self._name(name, _Pattern(CITY, city.country, "city", stem=False), capitals=not short)
                    for form in phrase_forms(name) if is_cyrillic(name) else (name,):
                        self.city_names.setdefault(form, city.name)
                        self.city_names.setdefault(form.upper(), city.name)
            for adjective in city.adjectives_ru:  # "бишкекская мэрия": the city's country, read like "казахстанские"
                self._fold(adjective, _Pattern(CITY, city.country, "adjective", stem=False))
                for form in (adjective, adjective.capitalize(), adjective.upper()):
                    self.city_names.setdefault(form, city.name)
        # A province named like a country or a region is not read: «Эквадор» (Équateur, in Congo) is Ecuador, and
        # "Gulf" (a province of Papua New Guinea) is the Gulf.
        taken = {n for c in ref.countries for n in (c.name_en, c.name_ru, *c.aliases)} | {
            str(n) for data in self.languages.values() for n in data.get("regions", [])
        }
        shared = _shared_region_adjectives(ref)
        for division in ref.subdivisions:
            for name in division.names:
                if name not in taken:
                    self._name(name, _Pattern(CITY, division.country, "region", stem=False))
                lemma = _region_adjective(name)
                if lemma and lemma not in shared:  # «в Воронежской области», «павлодарские власти»
                    for form in adjective_forms(lemma):
                        self._fold(form, _Pattern(CITY, division.country, "adjective", stem=False))

    def _add_buyers(self, ref: Reference) -> None:
        for buyer in ref.buyers:
            for name in (buyer.name, *(buyer.name_ru,) * bool(buyer.name_ru), *buyer.aliases):
                if name and (len(name) > 2):
                    pattern = _Pattern(BUYER, buyer.id, buyer.country, stem=False)
                    if len(name) > 8:
                        self._fold(name, pattern)
                    else:
                        self._name(name, pattern)

    # -- scanning ----------------------------------------------------------------------------------------------
    def trigger_offsets(self, text: str) -> list[int]:
        """Where a text names a vendor or a technology (one cheap scan, run before the full analysis)."""
        lowered = _unhyphenate(text.lower())
        return [end - 1 for _, _, end in self._trigger_automaton.find_matches_as_indexes(lowered)]

    def names_place(self, text: str) -> bool:
        """Whether a text names a country, city or buyer as a whole word (a cheap check for context)."""
        lowered = _unhyphenate(text.lower())
        return any(
            _whole_word(lowered, start, end)
            for _, start, end in self._place_automaton.find_matches_as_indexes(lowered, overlapping=True)
        )

    def scan(self, text: str) -> list[Mention]:
        """Every mention in ``text``: overlapping names resolved to the longest, cues kept as found."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets aligned
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        lowered = _unhyphenate(lowered)  # "Көркем-Телеком" and "Көркем Телеком", "face-recognition" alike
        found = list(_matches(self._exact_automaton, text, text))
        found += _matches(self._folded_automaton, lowered, text)
        return _resolve(found)


# Endings a starred word inside a phrase may take ("распознавани* лиц" → распознавание/распознавания/… лиц).
_ENDINGS = (
    "",
    "а",
    "е",
    "и",
    "у",
    "ы",
    "ю",
    "я",
    "ой",
    "ей",
    "ом",
    "ем",
    "ам",
    "ям",
    "ами",
    "ями",
    "ах",
    "ях",
    "ие",
    "ия",
    "ии",
    "ию",
    "ием",
    "ий",
    "ый",
    "ая",
    "ое",
    "ые",
    "ого",
    "его",
    "ому",
    "ему",
    "ым",
    "им",
    "ых",
    "их",
    "ую",
    "юю",
    "ыми",
    "ими",
    "s",
    "es",
    "ed",
    "ing",
)


def expand_stems(phrase: str) -> list[str]:
    """A phrase whose inner words end in * ("базов* станци*") as every combination of endings; a final * is kept
    for the matcher (any continuation of the last word)."""
    words = phrase.split(" ")
    options: list[list[str]] = []
    for index, word in enumerate(words):
        if word.endswith("*") and index < len(words) - 1:
            options.append([word[:-1] + ending for ending in _ENDINGS])
        else:
            options.append([word])
    phrases = [""]
    for choices in options:
        phrases = [f"{p} {c}".strip() for p in phrases for c in choices]
    return phrases


def _with_article_dropped(names: Iterable[str]) -> list[str]:
    """Names as given and, for "… of the …", also without the article ("Democratic Republic of Congo")."""
    return list(dict.fromkeys(form for name in names for form in (name, name.replace(" of the ", " of "))))


def _with_short_forms(names: set[str]) -> set[str]:
    """Names, plus each without its trailing legal form ("Area SpA" → "Area", "IPS S.p.A." → "IPS")."""
    out = set(names)
    for name in names:
        words = name.replace(",", " ").split()
        while len(words) > 1 and fold(words[-1]) in LEGAL_SUFFIXES | {"s p a", "spa", "srl", "s r l"}:
            words.pop()
        out.add(" ".join(words))
    return out


#: A Russian region's name as an adjective and the noun for its kind («Воронежская область», «Приморский край»).
_RUSSIAN_REGION = re.compile(r"^([А-ЯЁ][а-яё-]+(?:ская|цкая|ский|цкий))\s+(?:область|край|автономная область)$")


def _region_adjective(name: str) -> str | None:
    """The dictionary form of the adjective a Russian region's name is built on («Воронежская область» →
    «воронежский»), so that the region is read in any case and where the noun is left out («воронежские власти»)."""
    match = _RUSSIAN_REGION.match(name)
    if match is None:
        return None
    word = match.group(1).lower()
    return word[:-2] + "ий" if word.endswith("ая") else word


def _shared_region_adjectives(ref: Reference) -> set[str]:
    """Region adjectives that regions of more than one country are built on: they name no one country."""
    owners: dict[str, set[str]] = {}
    for division in ref.subdivisions:
        for name in division.names:
            lemma = _region_adjective(name)
            if lemma:
                owners.setdefault(lemma, set()).add(division.country)
    return {lemma for lemma, countries in owners.items() if len(countries) > 1}


def _primary_adjectives(ref: Reference) -> dict[str, str]:
    """For English adjectives that several countries share, the country the curated demonyms give it to."""
    owners: dict[str, list[str]] = {}
    for country in ref.countries:
        for adjective in country.adjectives_en:
            owners.setdefault(adjective, []).append(country.alpha3)
    curated = {
        str(a): str(row["country"]) for row in read_yaml_list(data_dir() / "demonyms.yaml") for a in row.get("en", [])
    }
    return {adj: curated[adj] for adj, codes in owners.items() if len(codes) > 1 and adj in curated}


def _demonym_forms(demonym: str) -> tuple[str, ...]:
    """Singular case forms and the plural of a Russian demonym ("казах" → "казахи", "китаец" → "китайцы")."""
    forms = list(noun_forms(demonym))
    if demonym.endswith("ец"):
        plural_stem = demonym[:-2] + ("йц" if demonym[-3:-2] in "аеиоуяю" else "ц")
        forms += [plural_stem + e for e in ("ы", "ев", "ам", "ами", "ах")]
    elif demonym.endswith("ин"):
        forms += [demonym[:-2] + e for e in ("е", "", "ам", "ами", "ах")]
    else:
        plural = "и" if demonym[-1:] in "гкхжшчщ" else "ы"
        forms += [demonym + e for e in (plural, "ов", "ам", "ами", "ах")]
    return tuple(dict.fromkeys(forms))


def _aside_patterns(languages: dict[str, dict[str, Any]]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regular expressions for the words around a country mentioned aside: ``before`` is searched in the text
    before the mention (it must end there, up to four words later), ``after`` matched at the text after it."""

    def alternation(key: str) -> str:
        phrases = sorted({str(p) for data in languages.values() for p in data.get(key, [])}, key=len, reverse=True)
        return "|".join(
            r"\s+".join(re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in p.split())
            for p in phrases
        )

    # The names of a list before the mention count as one ("registered in Greece, Ireland, Hungary and Malta").
    listed = r"(?-i:(?:[A-ZА-ЯЁ][\w-]*(?:\s+[A-ZА-ЯЁ][\w-]*){0,2}(?:,\s+(?:and\s+|и\s+)?|\s+(?:and|и)\s+))+)"
    before = re.compile(
        rf"(?<!\w)(?:{alternation('aside_before')})\s+(?:the\s+)?(?:{listed}|(?:[\w-]+\s+){{0,4}})$", re.IGNORECASE
    )
    # Entries that start with a hyphen also attach to the name itself ("London-based", "Russian-language").
    attached = "|".join(
        re.escape(str(p).rstrip("*"))
        for data in languages.values()
        for p in data.get("aside_after", [])
        if str(p).startswith("-")
    )
    after = re.compile(
        rf"(?:(?:'s|’s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation('aside_after')})|(?:{attached}))(?!\w)", re.IGNORECASE
    )
    return before, after


def _compile_triggers(exact: dict[str, list[_Pattern]], folded: dict[str, list[_Pattern]], kinds: set[str]) -> Any:
    """One automaton of the names and keywords of some kinds, lower-cased: the prefilter's patterns."""
    keys = {
        _unhyphenate(key.lower())
        for table in (exact, folded)
        for key, patterns in table.items()
        if any(p.kind in kinds for p in patterns)
    }
    return ahocorasick_rs.AhoCorasick(sorted(keys), matchkind=ahocorasick_rs.MatchKind.Standard)


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


def _unhyphenate(text: str) -> str:
    """Hyphens and dashes as spaces (``str.replace`` per character: many times faster than ``str.translate``)."""
    for hyphen in _HYPHEN_CHARS:
        if hyphen in text:
            text = text.replace(hyphen, " ")
    return text


@dataclass(frozen=True)
class _Automaton:
    """An Aho–Corasick automaton of keys, each with its patterns."""

    search: Any
    patterns: tuple[tuple[_Pattern, ...], ...]


def _compile(patterns: dict[str, list[_Pattern]]) -> _Automaton:
    keys = sorted(patterns)
    return _Automaton(
        ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard),
        tuple(tuple(dict.fromkeys(patterns[key])) for key in keys),
    )


def _matches(automaton: _Automaton, haystack: str, original: str) -> Iterator[Mention]:
    size = len(haystack)
    table = automaton.patterns
    for index, start, end in automaton.search.find_matches_as_indexes(haystack, overlapping=True):
        if start > 0 and haystack[start - 1].isalnum():
            continue
        whole_word = end >= size or not haystack[end].isalnum()
        for pattern in table[index]:
            if not (whole_word or pattern.stem):
                continue
            stop = end
            if pattern.stem:
                while stop < size and haystack[stop].isalnum():
                    stop += 1
            yield Mention(start, stop, pattern.kind, pattern.value, pattern.detail, original[start:stop])


def _resolve(found: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping names (a country inside a vendor's name is part of the name), and of
    overlapping technology keywords ("internet-monitoring system" over "monitoring system"); cues stay as found."""
    found = list(found)
    kept = _longest(m for m in found if m.kind not in (CUE, TECH)) + _longest(m for m in found if m.kind == TECH)
    return sorted({*kept, *(m for m in found if m.kind == CUE)})


def _longest(mentions: Iterable[Mention]) -> list[Mention]:
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    covered_until = -1
    for mention in ordered:
        if mention.start >= covered_until or (kept and (mention.start, mention.end) == (kept[-1].start, kept[-1].end)):
            kept.append(mention)
            covered_until = max(covered_until, mention.end)
    return kept


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon of the shipped reference data and languages, built once per process."""
    return Lexicon(reference(), language_data())
