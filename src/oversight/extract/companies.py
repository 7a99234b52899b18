"""Companies the registry lacks, read from how a text introduces them.

A text names a company it expects the reader not to know with a few set phrases: a company noun before the name
("the Dutch firm IAI Industrial Systems", "литовская компания «Гарсу Пасаулис»"), "-based" before it
("Shenzhen-based SenseNets"), an apposition after it ("Crimson Hexagon, a Boston analytics company"), or a
company word that ends it ("Tiandy Technologies", "Computerlinks FZCO"). Each such name becomes a vendor mention
with an id of its own (``~`` and the folded short name), so that the rest of the extractor treats it like a
registered vendor; later bare uses of the name ("Oberthur" after "Oberthur Technologies") are mentions too.

The words are data: the ``companies`` section of each language file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from oversight.extract.lexicon import BUYER, CITY, COUNTRY, CUE, REGION, TECH, VENDOR, Mention
from oversight.reference import fold

#: The id prefix of a vendor the registry lacks.
UNREGISTERED = "~"
#: How many words a name may have.
_MAX_WORDS = 5
_LATIN_WORD = r"(?:[A-Z][\w&'’.-]*|\d+[A-Za-z][\w.-]*)"
_CYRILLIC_WORD = r"[А-ЯЁ][\w'’.-]*"
_WORD = rf"(?:{_LATIN_WORD}|{_CYRILLIC_WORD})"
_NAME = rf"«[^«»\n]{{2,60}}»|{_WORD}(?: (?:{_WORD}|&)){{0,{_MAX_WORDS - 1}}}"
#: A capitalised word right before a company noun: the noun is part of a name ("Service Company Limited").
_CAPITALISED_BEFORE = re.compile(r"[A-ZА-ЯЁ][\w&'’.-]* $")
#: A connector after a capitalised word right before a name: the name is the tail of a longer one.
_TAIL_OF_NAME = re.compile(r"[A-ZА-ЯЁ][\w-]* (?:of|and|for|&|и) $")
#: "State-run", "Israeli-made": a capitalised qualifier, not the start of a name.
_QUALIFIER = re.compile(r"^[\w]+-[a-zа-яё]")
_INITIAL = re.compile(r"^(?:[A-ZА-ЯЁ]\.){1,2}$")
#: «X» right after a country adjective: "литовскую «Гарсу Пасаулис»".
_QUOTED = re.compile(r"\s?(?P<name>«[^«»\n]{2,60}»)")
#: How far before a noun or an ending word a name and its apposition may begin.
_REACH = 120
#: Mentions a company name may not overlap: a known vendor or buyer, a medium or body, a technology's name.
_BLOCKING = frozenset({VENDOR, BUYER, REGION, TECH})


def _alternation(words: Iterable[object]) -> str:
    """Words as a regex alternation; a trailing * matches any continuation of the word."""
    parts = [re.escape(str(w).removesuffix("*")) + (r"\w*" if str(w).endswith("*") else "") for w in words]
    return "|".join(sorted(parts, key=len, reverse=True))


class CompanyFinder:
    """The set phrases of every language, compiled."""

    def __init__(self, languages: Mapping[str, Mapping[str, Any]]) -> None:
        sections = [data.get("companies", {}) for data in languages.values() if data.get("companies", {}).get("nouns")]
        nouns = _alternation(w for s in sections for w in s.get("nouns", []))
        ends = [str(w) for s in sections for w in s.get("name_ends", [])]
        self._not_names = frozenset(str(w) for s in sections for w in s.get("not_names", []))
        self._not_company = frozenset(str(w).lower() for s in sections for w in s.get("not_company", []))
        self._ends = frozenset(ends)
        self._noun = re.compile(rf"(?i:{nouns})")
        self._surnames = tuple(str(w) for s in sections for w in s.get("surname_endings", []))
        operators = _alternation(w for s in sections for w in s.get("operator_words", []))
        self._operator = re.compile(rf"(?i)(?<!\w)(?:{operators})(?!\w)") if operators else None
        # Each phrase is found from its fixed words (a company noun, "-based", a word that ends names), the name
        # then read next to them: a few anchored matches per text instead of a scan for names everywhere.
        self._nouns = [
            (re.compile(rf"(?<!\w)(?:{_alternation(str(w).lower() for w in s['nouns'])})(?!\w)"), _apposition(s))
            for s in sections
        ]
        # "the firm X", "производитель — X"; after a comma only a name the comma closes ("its reseller, X,")
        self._after_noun = re.compile(rf"(?: | — | – |: )(?P<name>{_NAME})|, (?P<name2>{_NAME})(?=[,.;)])")
        # "Shenzhen-based X"
        self._based = re.compile(rf"-based (?P<name>{_NAME})")
        # "X Technologies", "X FZCO"
        self._end_word = re.compile(rf"(?<= )(?:{_alternation(ends)})(?!\w)")
        self._before_end = re.compile(rf"(?:{_WORD} ){{1,{_MAX_WORDS - 1}}}$")

    def find(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with the unregistered companies of ``text`` added, and the places inside their names
        ("See Egypt", "Myanmar Millennium Group") dropped: a place inside a company's name is part of the name."""
        spans: dict[tuple[int, int], str] = {}

        def add(start: int, end: int, anchor: str) -> None:
            found = self._trim(text, start, end, anchor=anchor)
            if found:
                spans.setdefault(found, text[found[0] : found[1]])

        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets aligned
            lowered = "".join(c.lower()[:1] or c for c in text)
        for nouns, apposition in self._nouns:
            for noun in nouns.finditer(lowered):
                if text[noun.start()].isupper() and _CAPITALISED_BEFORE.search(
                    text, max(0, noun.start() - 40), noun.start()
                ):
                    continue  # "… Electronics Service Company Limited": the noun is inside a name, not before one
                after = self._after_noun.match(text, noun.end())
                if after:
                    group = "name" if after.group("name") is not None else "name2"
                    add(after.start(group), after.end(group), "start")
                before = apposition.search(text, max(0, noun.start() - _REACH), noun.start())
                if before:
                    add(before.start("name"), before.end("name"), "end")
        for based in self._based.finditer(text):
            add(based.start("name"), based.end("name"), "start")
        for word in self._end_word.finditer(text):
            name = self._before_end.search(text, max(0, word.start() - _REACH), word.start())
            if name:
                add(name.start(), word.end(), "end")
        for m in mentions if "«" in text else ():
            if m.kind == COUNTRY and m.detail == "adjective":
                quoted = _QUOTED.match(text, m.end)
                if quoted:
                    add(quoted.start("name"), quoted.end("name"), "start")
        if not spans:
            return mentions
        kept = self._accepted(spans, mentions)
        if not kept:
            return mentions
        named = [Mention(s, e, VENDOR, _vendor_id(self._short(t)), "unregistered", t) for (s, e), t in kept.items()]
        named += self._repeats(text, named, mentions)
        inside = [
            m
            for m in mentions
            if m.kind in (COUNTRY, CITY) and any(n.start <= m.start and m.end <= n.end for n in named)
        ]
        named = [self._as_operator(n, inside) for n in named]
        return sorted({*(m for m in mentions if m not in inside), *named})

    def _as_operator(self, company: Mention, inside: list[Mention]) -> Mention:
        """A network operator named after its country ("Pakistan Telecommunication Company", "Telecom Egypt") is a
        buyer of that country, like the operators the registry knows (Kazakhtelecom), not a supplier."""
        if self._operator is None or self._operator.search(company.text) is None:
            return company
        country = next(
            (m.value for m in inside if m.kind == COUNTRY and company.start <= m.start and m.end <= company.end), None
        )
        if country is None:
            return company
        return Mention(company.start, company.end, BUYER, company.value, country, company.text)

    def _trim(self, text: str, start: int, end: int, *, anchor: str) -> tuple[int, int] | None:
        """The name's span without quotes, leading words that do not begin a name, and trailing punctuation or
        possessive; None when nothing that can be a company's name is left. A sentence end inside the span cuts it:
        the name is the part on the side the phrase is anchored at (``start``: "the firm X. Next…"; ``end``:
        "…Duma. Developer, a company" keeps "Developer")."""
        name = text[start:end]
        if name.startswith("«"):
            start, end = start + 1, end - 1
            name = name[1:-1].strip()
            if not name[:1].isupper() and not name[:1].isdigit():
                return None  # «дочка», «умный город»: a word in quotes, not a name
            return (start, end) if not (self._agency(name) or self._person(name)) else None
        if _TAIL_OF_NAME.search(text, max(0, start - 40), start):
            return None  # "… Communications and Information Technologies": the end of a longer name
        words = name.split(" ")
        ends_at = [i for i, w in enumerate(words[:-1]) if w.endswith(".") and w not in self._ends]
        if ends_at and anchor == "start":  # "LLVision. Во время…": a name ends with its sentence
            words = words[: ends_at[0] + 1]
        elif ends_at:
            for word in words[: ends_at[-1] + 1]:
                start += len(word) + 1
            words = words[ends_at[-1] + 1 :]
        owner = max((i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s", "-based"))), default=-1)
        for word in words[: owner + 1]:  # "France's Oberthur Technologies", "US-based Niagara Networks"
            start += len(word) + 1
        words = words[owner + 1 :]
        while words and (words[0].rstrip(".,") in self._not_names or _QUALIFIER.match(words[0])):
            start += len(words[0]) + 1
            words = words[1:]
        while words:
            last = words[-1]
            for suffix in ("'s", "’s"):
                if last.endswith(suffix):
                    last = last[: -len(suffix)]
            if last.endswith(".") and last not in self._ends:
                last = last.rstrip(".")
            if last and last not in self._not_names and last != "&":
                break
            words = words[:-1]
        if not words:
            return None
        words[-1] = last
        name = " ".join(words)
        if len(name) < 3 or not any(ch.isalpha() for ch in name) or self._agency(name) or self._person(name):
            return None
        if all(w in self._ends for w in words):
            return None  # "Limited", "Holdings": what ends a name is not one
        if self._noun.fullmatch(name):  # "Разработчик, компания «…»": a noun opening a sentence
            return None
        return start, start + len(name)

    def _person(self, name: str) -> bool:
        """Whether a name looks like a person's ("М. С. Кудайбергенов", "Иван Петров"): the tool watches companies."""
        words = name.split()
        if any(_INITIAL.match(w) for w in words):
            return True
        return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[-1].endswith(self._surnames)

    def _agency(self, name: str) -> bool:
        return any(word.lower().strip('.,«»"') in self._not_company for word in name.split())

    def _accepted(self, spans: Mapping[tuple[int, int], str], mentions: list[Mention]) -> dict[tuple[int, int], str]:
        """Names that overlap no known vendor, buyer, body or technology, and are more than a place's name."""
        kept: dict[tuple[int, int], str] = {}
        for (start, end), name in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
            if any(start < k_end and k_start < end for k_start, k_end in kept):
                continue  # the longest of overlapping names
            overlapping = [m for m in mentions if m.start < end and start < m.end]
            if any(m.kind in _BLOCKING for m in overlapping):
                continue
            if any(m.kind in (COUNTRY, CITY) and (m.start, m.end) == (start, end) for m in overlapping):
                continue  # the whole name is a place
            kept[(start, end)] = name
        return kept

    def _short(self, name: str) -> str:
        """The name without the company words that end it ("Oberthur Technologies" → "Oberthur")."""
        words = name.split(" ")
        while len(words) > 1 and words[-1] in self._ends:
            words = words[:-1]
        return " ".join(words)

    def _repeats(self, text: str, named: list[Mention], mentions: list[Mention]) -> list[Mention]:
        """Later uses of a found name, in full or short, that stand free of other mentions."""
        taken = [(m.start, m.end) for m in (*mentions, *named) if m.kind != CUE]
        out: list[Mention] = []
        forms = {form: m.value for m in named for form in (m.text, self._short(m.text)) if len(form) >= 3}
        for form, vendor_id in sorted(forms.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                span = (match.start(), match.end())
                if any(span[0] < e and s < span[1] for s, e in taken):
                    continue
                taken.append(span)
                out.append(Mention(span[0], span[1], VENDOR, vendor_id, "unregistered", form))
        return out


def _apposition(section: Mapping[str, Any]) -> re.Pattern[str]:
    """A name and the start of an apposition, ending where a company noun of one language begins: one of the
    language's leads (an article; "+" after it asks for at least one word before the noun: "the Egyptian sister
    company", not "the company" opening a clause), then up to four words. A language without articles has up to
    two words before the noun."""
    leads = [str(lead) for lead in section.get("apposition", [])]
    if not leads:
        return re.compile(rf"(?P<name>{_NAME}), (?:[\w'’-]+ ){{0,2}}$")
    options = []
    for lead in leads:
        word, _, plus = lead.partition(" ")
        options.append(rf"(?i:{re.escape(word)}) (?:[\w'’-]+ ){{{1 if plus else 0},4}}")
    return re.compile(rf"(?P<name>{_NAME}), (?:{'|'.join(options)})$")


def _vendor_id(short_name: str) -> str:
    return UNREGISTERED + fold(short_name)


def is_unregistered(vendor_id: str | None) -> bool:
    """Whether a candidate's vendor id names a company the registry lacks."""
    return bool(vendor_id) and str(vendor_id).startswith(UNREGISTERED)
