"""Mentions of one text placed in its sentences, with the readings the candidate generator needs:
which country words name a supplier's nationality, and which name a place."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from oversight.extract.companies import CompanyFinder
from oversight.extract.lexicon import BUYER, CITY, COUNTRY, CUE, TECH, VENDOR, Lexicon, Mention, is_cyrillic
from oversight.extract.money import Amount
from oversight.extract.segment import Span, sentences

#: A year; not a decade ("the 2000s", «в 2000-е», «2010-х годов»).
_YEAR = re.compile(r"(?<![\d.,])(?:19[89]\d|20[0-3]\d)(?![\d.,]\d)(?!(?<=0)['’]?s\b)(?!(?<=0)-[ехы])")
#: How far (in characters) a nationality adjective may stand from the noun or name it qualifies.
_ATTACH = 40


@dataclass
class Placed:
    """A mention with its sentence number."""

    mention: Mention
    sentence: int


@dataclass
class Analysis:
    """Everything the candidate generator needs to know about one text."""

    text: str
    sentences: list[Span]
    aside: tuple[re.Pattern[str], re.Pattern[str]]  # (before, after): see Lexicon.aside_before
    vendors: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))
    places: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))  # recipient evidence
    nationality: dict[str, str] = field(default_factory=dict)  # vendor id → stated home country
    names: dict[str, str] = field(default_factory=dict)  # unregistered vendor id → its name in the text
    supplier_countries: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))
    technologies: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))
    cues: list[Placed] = field(default_factory=list)
    years: list[tuple[int, int, int]] = field(default_factory=list)  # (year, offset, sentence)
    buyers: list[Placed] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    city_names: Mapping[str, str] = field(default_factory=dict)  # a city's form in the text → its registry name
    buyer_names: Mapping[str, str] = field(default_factory=dict)  # a registered buyer's id → its registry name
    prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    case_roles: Mapping[str, str] = field(default_factory=dict)  # a Kazakh case form → its role ("in", "to")
    authority_words: frozenset[str] = frozenset()
    generic_body: re.Pattern[str] | None = None  # see Lexicon.generic_body
    _per_sentence: dict[int, Counter[str]] | None = field(default=None, repr=False)
    memo: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False)  # per-text caches

    def paragraph(self, sentence: int) -> int:
        return self.sentences[sentence].paragraph if self.sentences else 0

    def cues_in(self, sentence_numbers: set[int]) -> Mapping[str, int]:
        """Counts of cue categories in the given sentences (shared between callers: read only)."""
        key = ("cues", frozenset(sentence_numbers))
        cached = self.memo.get(key)
        if cached is not None:
            return cached  # type: ignore[return-value]
        if self._per_sentence is None:
            self._per_sentence = defaultdict(Counter)
            for placed in self.cues:
                self._per_sentence[placed.sentence][placed.mention.value] += 1
        counts: Counter[str] = Counter()
        for number in sentence_numbers:
            counts.update(self._per_sentence.get(number, {}))
        self.memo[key] = counts
        return counts

    def cues_of(self, category: str) -> list[Placed]:
        """The cues of one category, in text order."""
        key = ("cue_list", category)
        cached = self.memo.get(key)
        if cached is None:
            cached = self.memo[key] = [p for p in self.cues if p.mention.value == category]
        return cached  # type: ignore[return-value]


@functools.lru_cache(maxsize=4)
def _companies(lexicon: Lexicon) -> CompanyFinder:
    return CompanyFinder(lexicon.languages)


def analyse(text: str, lexicon: Lexicon, scanned: list[Mention] | None = None) -> Analysis:
    """Scan a text (unless ``scanned`` holds its scan) and sort its mentions into vendors, places, technologies,
    cues and years."""
    spans = sentences(text)
    analysis = Analysis(
        text=text,
        sentences=spans,
        prepositions=lexicon.prepositions,
        case_roles=lexicon.case_roles,
        authority_words=lexicon.authority_words,
        generic_body=lexicon.generic_body,
        aside=(lexicon.aside_before, lexicon.aside_after),
        amounts=lexicon.money.amounts(text),
        city_names=lexicon.city_names,
        buyer_names=lexicon.buyer_names,
    )
    mentions = _companies(lexicon).find(text, lexicon.scan(text) if scanned is None else scanned)
    starts = [s.start for s in spans]
    placed = [Placed(m, _sentence(starts, m.start)) for m in mentions]
    placed = _merge_parenthetical_vendors(text, placed)
    supplier_nouns = [p for p in placed if p.mention.kind == CUE and p.mention.value == "supplier_noun"]
    seller_nouns = [p for p in placed if p.mention.kind == CUE and p.mention.value == "seller_noun"]
    vendor_mentions = [p for p in placed if p.mention.kind == VENDOR]
    tech_mentions = [p for p in placed if p.mention.kind == TECH]
    for p in placed:
        kind = p.mention.kind
        if kind == VENDOR:
            analysis.vendors[p.mention.value].append(p)
            if p.mention.detail == "unregistered":  # a company the registry lacks: its longest name in the text
                analysis.names[p.mention.value] = max(analysis.names.get(p.mention.value, ""), p.mention.text, key=len)
        elif kind == TECH:
            analysis.technologies[p.mention.value].append(p)
        elif kind == CUE:
            if not _cancelled_by_what_follows(p, placed):
                analysis.cues.append(p)
        elif kind == BUYER:
            analysis.buyers.append(p)
        elif kind in (COUNTRY, CITY):
            _place(analysis, p, vendor_mentions, supplier_nouns, lexicon, tech_mentions, sellers=seller_nouns)
    _resolve_references(analysis, placed, vendor_mentions, lexicon)
    for match in _YEAR.finditer(text):
        analysis.years.append((int(match.group(0)), match.start(), _sentence(starts, match.start())))
    return analysis


#: How far (in characters) after a cue a word may stand that says what the cue is about.
_OBJECT_REACH = 30
#: Cue categories whose meaning a word of another category right after them changes: a denial of wrongdoing or of
#: a charge is not a denial of the deal ("ZTE denied any wrongdoing, saying it had delivered the project",
#: «отрицает нарушения», "although she was never charged"); agreeing to pay a penalty is not a contract ("a Dubai
#: distributor has agreed to pay a $2.8 million civil penalty", «подписала соглашение об уплате штрафа»).
_CANCELLED_BY = {"negated": "wrongdoing", "agreed": "penalty"}


#: Kinds of mention that can name a recipient: a text with none of them has no candidate.
PLACE_KINDS = frozenset({COUNTRY, CITY, BUYER})


def _cancelled_by_what_follows(cue: Placed, placed: list[Placed]) -> bool:
    """Whether a cue is about something other than the deal, by the word that follows it (`_CANCELLED_BY`)."""
    about = _CANCELLED_BY.get(cue.mention.value)
    return about is not None and any(
        p.mention.kind == CUE
        and p.mention.value == about
        and p.sentence == cue.sentence
        and 0 <= p.mention.start - cue.mention.end <= _OBJECT_REACH
        for p in placed
    )


_DEFINITE = re.compile(r"(?:\b(?:the|this|that|its)\s+(?:[\w-]+\s+){0,2})$", re.IGNORECASE)


def _earlier_vendor(
    analysis: Analysis, at: Placed, vendors: list[Placed], lexicon: Lexicon, *, country: str | None = None
) -> Placed | None:
    """The last vendor named before ``at`` in its paragraph or the one before (of ``country``, if given)."""
    paragraph = analysis.paragraph(at.sentence)
    for v in reversed(vendors):
        if v.mention.start >= at.mention.start or paragraph - analysis.paragraph(v.sentence) > 1:
            continue
        if country is None:
            return v
        registry = lexicon.reference.vendor_by_id(v.mention.value)
        home = analysis.nationality.get(v.mention.value) or (registry.country if registry else None)
        if home == country:
            return v
    return None


def _as_vendor(vendor: Placed, at: Placed) -> Placed:
    """A reference ("the company") read as a mention of ``vendor`` at the reference's place."""
    m = at.mention
    return Placed(Mention(m.start, m.end, VENDOR, vendor.mention.value, "reference", m.text), at.sentence)


def _resolve_references(analysis: Analysis, placed: list[Placed], vendors: list[Placed], lexicon: Lexicon) -> None:
    """ "the company", "the firm", "компания" in a sentence that names no vendor refer to the last vendor named."""
    named_sentences = {v.sentence for v in vendors}
    for p in placed:
        m = p.mention
        if m.kind != CUE or m.value != "supplier_noun" or p.sentence in named_sentences:
            continue
        before = analysis.text[max(0, m.start - 30) : m.start]
        russian = is_cyrillic(m.text)
        if not (_DEFINITE.search(before) or (russian and m.text[:1].isupper())):
            continue
        earlier = _earlier_vendor(analysis, p, vendors, lexicon)
        if earlier is not None:
            analysis.vendors[earlier.mention.value].append(_as_vendor(earlier, p))


def _merge_parenthetical_vendors(text: str, placed: list[Placed]) -> list[Placed]:
    """ "Sandvine Inc. (Procera Networks)", «НТЦ «Протей»»: the second name, in parentheses or quotes, is the same
    company, not a second vendor. The registered one of the two names it; else the first."""
    vendors = [p for p in placed if p.mention.kind == VENDOR]
    drop = set()
    for first, second in itertools.pairwise(vendors):
        if text[first.mention.end : second.mention.start].strip() in ("(", "«", "(«") and first.mention.value != (
            second.mention.value
        ):
            unregistered_first = first.mention.detail == "unregistered" and second.mention.detail != "unregistered"
            drop.add(id(first) if unregistered_first else id(second))
    return [p for p in placed if id(p) not in drop]


def _sentence(starts: list[int], offset: int) -> int:
    """The number of the sentence (by the sorted start offsets of the sentences) that holds an offset."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


_DESCRIPTORS = frozenset(
    "the a an its subsidiary unit arm branch office firm firms company companies corporation group start-up startup "
    "giant maker makers manufacturer manufacturers vendor vendors supplier suppliers provider providers developer "
    "developers contractor contractors conglomerate brand brands tech technology "
    "telecoms telecom telecommunications "
    "surveillance spyware camera cameras video security ict ai software hardware equipment state-owned private "
    "defence defense phone-forensics phone-hacking forensics intelligence cybersecurity it analytics biometrics "
    "facial recognition based -based spy electronics engineering national major leading big "
    "sorm dpi imsi interception lawful monitoring filtering face biometric id digital".split()
)
_RU_DESCRIPTOR_STEMS = (
    "компани",
    "фирм",
    "концерн",
    "корпорац",
    "производител",
    "поставщик",
    "разработчик",
    "оператор",
    "групп",
    "ооо",
    "ао",
    "пао",
    "тоо",
    "нтц",
    "стартап",
    "бренд",
    "холдинг",
    "государствен",
    "сорм",
    "видеонаблюден",
    "телеком",
    "крупн",
    "ведущ",
)
_WORD = re.compile(r"[\w-]+")
#: Hyphenated qualifiers that describe a company ("the Chinese state-linked manufacturer").
_DESCRIPTOR_SUFFIXES = ("-linked", "-backed", "-owned", "-controlled", "-run", "-funded", "-affiliated", "-based")
#: "Chinese-built", "Israeli-made": the country that supplied the thing, not a place it is in.
_MADE_BY = re.compile(r"-(?:built|made|designed|supplied|manufactured|developed|produced|engineered|sourced)\b")


def _only_descriptors(between: str) -> bool:
    """Whether the words between a nationality and a name only describe the company ("the Israeli spyware firm",
    "its British subsidiary,"); a comma may only close the description."""
    if any(ch in between for ch in ".;!?\n()") or "," in between.rstrip().rstrip(","):
        return False
    for word in _WORD.findall(between.lower()):
        if (
            word not in _DESCRIPTORS
            and not word.startswith(_RU_DESCRIPTOR_STEMS)
            and not word.endswith(_DESCRIPTOR_SUFFIXES)
        ):
            return False
    return True


#: A country adjective used as a language's name: "in Spanish and Chinese", "(in Chinese)", "Russian-language",
#: «на китайском языке» — "in" (or «на») before it, and after it (past other capitalised words of a list) no noun.
_LANGUAGE_BEFORE = re.compile(r"(?:\bin|\bна)\s+(?:\w+\s*(?:,|and|or|и|или)\s+)?$", re.IGNORECASE)
_LIST_OF_NAMES = re.compile(r"(?:\s*(?:,|and|or|и|или)\s*[A-ZА-ЯЁ][\w-]*)*")
_NO_NOUN_AFTER = re.compile(r"\s*(?:[,.;:)]|$)|\s+языке\b", re.IGNORECASE)


def _language_use(text: str, m: Mention) -> bool:
    """Whether a country adjective names a language ("in Spanish and Chinese,"), not a place ("in Kazakh, Russian
    and Chinese cities")."""
    if text.startswith("-language", m.end):
        return True
    if not _LANGUAGE_BEFORE.search(text, max(0, m.start - 30), m.start):
        return False
    after = _LIST_OF_NAMES.match(text, m.end)
    return bool(_NO_NOUN_AFTER.match(text, after.end() if after else m.end))


def _after_title_article(text: str, m: Mention, articles: frozenset[str]) -> bool:
    """Whether a place name follows a foreign article written with a capital, which makes it part of a title (a
    newspaper, a company: "El Faro", "Le Monde", "La Nación"); names that begin with the article ("El Salvador",
    "La Paz") are matched whole and never get here."""
    if m.detail not in ("name", "city", "region") or m.start < 3 or text[m.start - 1] != " ":
        return False
    word = text[max(0, m.start - 5) : m.start - 1].rsplit(None, 1)[-1:]
    return bool(word) and word[0] in articles


_CURRENCY_AFTER = re.compile(r"\s*(?:dollars?|\$|cents?)\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:доллар\w*|долл\.)\s*$", re.IGNORECASE)


def _before_technology(analysis: Analysis, p: Placed, techs: list[Placed]) -> bool:
    """ "Israeli spyware", "Chinese surveillance cameras", «российское оборудование СОРМ»: a country adjective right
    before a technology names who made it."""
    for t in techs:
        between = analysis.text[p.mention.end : t.mention.start]
        if t.sentence == p.sentence and 0 <= t.mention.start - p.mention.end <= 2 and not between.strip():
            return True
    return False


def _names_the_supplier(
    analysis: Analysis, p: Placed, vendors: list[Placed], techs: list[Placed], sellers: list[Placed]
) -> bool:
    """Whether a country word names who supplied, not where: "Chinese-built", "a supplier from the United Arab
    Emirates"; and in a text that names no vendor, "Israeli spyware" or "cameras from China" (where a vendor is
    named, such words mostly restate its home). Not "an agreement with China": "China signed an agreement with
    Kyrgyzstan" names the other party the same way."""
    if p.mention.detail == "adjective" and _MADE_BY.match(analysis.text, p.mention.end):
        return True
    if p.mention.detail == "name" and any(
        n.sentence == p.sentence and _SUPPLIER_FROM.fullmatch(analysis.text, n.mention.end, p.mention.start)
        for n in sellers
    ):
        return True
    if vendors:
        return False
    return (
        (p.mention.detail == "adjective" and _before_technology(analysis, p, techs))
        or _bought_from(analysis, p, techs)
        or _made_in(analysis, p, techs)
    )


#: Between a technology and the country it was made in: "a spyware tool made in France", «камеры, произведённые в
#: Китае».
_MADE_IN = re.compile(
    r"(?:\s+[\w-]+){0,2}?,?\s+(?:made|produced|manufactured|developed|built|произведенн\w*|произведённ\w*|"
    r"сделанн\w*|разработанн\w*|изготовленн\w*)\s+(?:in|в|во)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _made_in(analysis: Analysis, p: Placed, techs: list[Placed]) -> bool:
    """ "a spyware tool made in France": in a text that names no vendor, the country a technology was made in names
    its supplier (elsewhere "made in" sets a country aside as a vendor's seat)."""
    return p.mention.detail == "name" and any(
        t.sentence == p.sentence and _MADE_IN.fullmatch(analysis.text, t.mention.end, p.mention.start) for t in techs
    )


_FROM_WORDS = frozenset({"from", "из", "у"})
#: Between a seller noun and a country's name: "a supplier from the United Arab Emirates", «поставщик из Китая».
_SUPPLIER_FROM = re.compile(r"\s+(?:from|из)\s+(?:the\s+)?", re.IGNORECASE)


def _bought_from(analysis: Analysis, p: Placed, techs: list[Placed]) -> bool:
    """ "bought facial recognition cameras from China", «закупил камеры у Китая»: a country's name after "from" that
    follows a technology in its sentence names the supplier."""
    if p.mention.detail != "name":
        return False
    before = analysis.text[max(0, p.mention.start - 12) : p.mention.start].split()
    if not before or before[-1].lower() not in _FROM_WORDS:
        return False
    return any(t.sentence == p.sentence and 0 <= p.mention.start - t.mention.end <= 60 for t in techs)


def _place(
    analysis: Analysis,
    p: Placed,
    vendors: list[Placed],
    nouns: list[Placed],
    lexicon: Lexicon,
    techs: list[Placed],
    *,
    sellers: list[Placed],
) -> None:
    """A country word is a vendor's nationality, a nationality-only supplier, or evidence of a place. ``nouns`` are
    the text's nouns for any company, ``sellers`` those for a company that sells."""
    m = p.mention
    text = analysis.text
    if _CURRENCY_AFTER.match(text, m.end) or _CURRENCY_BEFORE.search(text[max(0, m.start - 12) : m.start]):
        return  # "US dollars", "долларов США": a currency, not a place
    if m.detail == "adjective" and _language_use(text, m):
        return  # "in Spanish and Chinese", "Russian-language", «на китайском языке»: a language, not a place
    if _after_title_article(text, m, lexicon.title_articles):
        return  # "El Faro", "Le Monde": a newspaper's title, not the place
    if text[max(0, m.start - 4) : m.start].lower() == "non-":
        return  # "non-Chinese algorithms": any country but this one
    vendor = None if _names_a_place(analysis, m) else _attached_vendor(text, m, vendors)
    vendor = vendor or _possessive_vendor(text, m, vendors)
    if vendor is not None:
        analysis.nationality.setdefault(vendor.mention.value, m.value)
        return
    if _names_the_supplier(analysis, p, vendors, techs, sellers):
        analysis.supplier_countries[m.value].append(p)
        return
    if m.detail in ("adjective", "name"):
        noun = next(
            (
                n
                for n in nouns
                if n.sentence == p.sentence
                and 0 <= n.mention.start - m.end <= _ATTACH
                and _only_descriptors(text[m.end : n.mention.start])
            ),
            None,
        )
        if noun is not None:
            earlier = _earlier_vendor(analysis, p, vendors, lexicon, country=m.value)
            if earlier is not None:  # "the Chinese corporation" after CEIEC was named: the same company
                analysis.vendors[earlier.mention.value].append(_as_vendor(earlier, noun))
                analysis.nationality.setdefault(earlier.mention.value, m.value)
                return
            analysis.supplier_countries[m.value].append(p)
            return
    same = analysis.places[m.value]
    if not (same and same[-1].mention.start == m.start and same[-1].mention.end == m.end):  # "US": name and adjective
        same.append(p)


_PLACE_ROLES = frozenset({"in", "to"})


def _names_a_place(analysis: Analysis, m: Mention) -> bool:
    """A country's or city's name after "in" or "to" («в», «на»), or in the Kazakh locative or dative
    ("Қазақстанда"), is where something is, whatever follows: "In Kazakhstan, Huawei installed…", «В Казахстане
    Huawei…», «в Самарканде компанией Dahua»."""
    if m.detail not in ("name", "city", "region"):
        return False
    if analysis.case_roles.get(m.text) in _PLACE_ROLES:
        return True
    before = analysis.text[max(0, m.start - 12) : m.start].split()
    word = before[-1].lower() if before else ""
    return any(word in analysis.prepositions.get(role, ()) for role in _PLACE_ROLES)


#: A parenthesis right after a vendor's name (its former or other name), skipped when looking for an apposition.
_PARENTHESIS = re.compile(r"^\s*\([^()]{1,60}\)")


def _attached_vendor(text: str, m: Mention, vendors: list[Placed]) -> Placed | None:
    """A vendor named right after ("the Chinese firm Huawei", "US firm Palantir") or right before ("Huawei, the
    Chinese …") m. A country's name with nothing but punctuation before the vendor ("Uzbekistan: Hikvision…") is
    not its nationality."""
    for v in vendors:
        gap_after = v.mention.start - m.end
        between = text[m.end : v.mention.start]
        if (
            0 <= gap_after <= _ATTACH
            and _only_descriptors(between)
            and (m.detail not in ("name", "city", "region") or _WORD.search(between) is not None)
        ):
            return v
        between = _PARENTHESIS.sub("", text[v.mention.end : m.start], count=1)  # "Sandvine (Procera), a US firm"
        if (
            0 < len(between) <= _ATTACH
            and between.lstrip(" »”\"'").startswith((",", "—", "–", "-"))
            and _only_descriptors(between.replace(",", " ").replace("—", " ").replace("–", " "))
        ):
            return v
    return None


#: Words for what a vendor makes: after them, "in" places the products, not the vendor.
_PRODUCT_WORDS = frozenset(
    "camera cameras video surveillance spyware software hardware equipment system systems technology technologies "
    "facial recognition ai security phone-forensics forensics".split()
)
_FROM = re.compile(r"^(?:,? (?:[\w-]+ ){0,4})?(?:of|from|based in|headquartered in|in|\()\s*$")


def _possessive_vendor(text: str, m: Mention, vendors: list[Placed]) -> Placed | None:
    """ "China's Huawei", "Huawei of China", "VASTech, a firm from South Africa", "Стилсофт Бишкек (Кыргызстан)"."""
    for v in vendors:
        after = text[m.end : v.mention.start]
        if after in ("'s ", "’s ") and v.mention.start - m.end <= 3:
            return v
        before = text[v.mention.end : m.start]
        if 0 <= len(before) <= _ATTACH and _FROM.match(before):
            words = [w.lower() for w in before.replace(",", " ").replace("(", " ").split()[:-1]]
            if before.strip() == "(":
                words = []
            if words and words[-1] in ("based", "headquartered"):
                words = words[:-1]
            elif not words and before.rstrip().endswith(" in"):
                continue  # "Sergek in Astana", "Huawei in Kenya": where it works, not where it is from
            if words and before.rstrip().endswith(" in") and _PRODUCT_WORDS & set(words):
                continue  # "Hikvision cameras in Tashkent": where the products are, not where the vendor is from
            if all(w in _DESCRIPTORS or w in {"the", "a", "an"} for w in words):
                return v
    return None
