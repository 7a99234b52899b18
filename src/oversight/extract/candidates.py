"""Candidate deployments of a text and the features a model scores them by.

A candidate is (supplier, recipient country, technology): the supplier a named vendor, a supplier named only by
its country ("Chinese firms"), or nobody. Every combination whose mentions stand near each other is proposed;
the features describe how near, what kind of words name the country, how much of the text is about the supplier
and the country (their share of the mentions), and which cues (signed, installed, denied, plans, telecom
networks…) stand in the sentences that support it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from oversight.extract.companies import is_unregistered
from oversight.extract.mentions import Analysis, Placed
from oversight.reference import Reference

SUPPLIER_VENDOR, SUPPLIER_COUNTRY, SUPPLIER_NONE = "vendor", "country", "none"
#: Cue categories whose presence in the supporting sentences is a feature.
CUE_FEATURES = (
    "delivered",
    "agreed",
    "ended",
    "planned",
    "negated",
    "hedge",
    "telecom",
    "corporate",
    "location",
    "domestic",
    "list",
)
#: How many sentences apart mentions may stand and still form a candidate.
WINDOW = 3


@dataclass
class Candidate:
    """One possible deployment and the evidence for it."""

    kind: str
    vendor_id: str | None
    vendor_country: str | None
    recipient: str
    technology: str
    support: set[int]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def _distance(a: Iterable[Placed], b: Iterable[Placed]) -> tuple[int, Placed | None, Placed | None]:
    best: tuple[int, Placed | None, Placed | None] = (99, None, None)
    b = list(b)
    for x in a:
        for y in b:
            d = abs(x.sentence - y.sentence)
            if d < best[0]:
                best = (d, x, y)
    return best


# Feature names of cue counts: in the supporting sentences, the supplier's sentences, the country's sentences.
# The features read a cancellation ("the tender was annulled") as a negation; features of their own scored lower
# (cross-validated F1 0.734 against 0.735, own passages 0.508 against 0.512).
_AS_FEATURE = {"cancelled": "negated"}
_CUE_KEYS = {name: f"cue_{name}" for name in CUE_FEATURES}
_VCUE_KEYS = {name: f"vcue_{name}" for name in ("delivered", "agreed", "ended", "planned", "negated")}
_CCUE_KEYS = {
    name: f"ccue_{name}"
    for name in ("delivered", "agreed", "ended", "planned", "negated", "telecom", "corporate", "location", "list")
}


def _feature_counts(cues: Mapping[str, int]) -> Mapping[str, int]:
    """Cue counts by the category the features read them as."""
    if not any(name in cues for name in _AS_FEATURE):
        return cues
    counts = Counter(cues)
    for name, as_name in _AS_FEATURE.items():
        counts[as_name] += counts.pop(name, 0)
    return counts


def _bucket(name: str, distance: int, features: dict[str, float]) -> None:
    features[f"{name}{min(distance, 3)}"] = 1.0


def recipients(analysis: Analysis) -> dict[str, list[Placed]]:
    """Country evidence by country: place mentions, and buyers whose country is unambiguous or also named."""
    found: dict[str, list[Placed]] = {code: list(places) for code, places in analysis.places.items()}
    by_position: dict[int, set[str]] = {}
    for buyer in analysis.buyers:
        by_position.setdefault(buyer.mention.start, set()).add(buyer.mention.detail)
    qualifiers = [(p.mention.start, p.mention.end, code) for code, ps in analysis.places.items() for p in ps]
    for buyer in analysis.buyers:
        countries = by_position[buyer.mention.start]
        if _qualified_by_another_country(analysis.text, buyer, qualifiers):
            continue
        # A body's common name ("Ministry of Internal Affairs") stands for its country only where that is named too
        generic = analysis.generic_body is not None and analysis.generic_body.fullmatch(buyer.mention.text)
        if (len(countries) == 1 and not generic) or buyer.mention.detail in analysis.places:
            found.setdefault(buyer.mention.detail, []).append(buyer)
    return found


#: What may stand between an agency's name and the country that owns it: "… Узбекистана", "… of (the) Uzbekistan".
_OWNER_AFTER = re.compile(r"\s|\s+of\s+(?:the\s+)?")
_OWNER_BEFORE = (" ", "'s ", "’s ")  # "Uzbek Interior Ministry", "Uzbekistan's Interior Ministry"


def _qualified_by_another_country(text: str, buyer: Placed, qualifiers: list[tuple[int, int, str]]) -> bool:
    """ "Министерство внутренних дел Узбекистана", "the Interior Ministry of Uzbekistan", "Uzbekistan's Interior
    Ministry": an agency name that a registry entry gives to one country, qualified by another country's name."""
    m = buyer.mention
    for start, end, code in qualifiers:
        if code == m.detail:
            continue
        if 0 <= start - m.end <= 12 and _OWNER_AFTER.fullmatch(text[m.end : start]):
            return True
        if 0 <= m.start - end <= 3 and text[end : m.start] in _OWNER_BEFORE:
            return True
    return False


def generate(analysis: Analysis, ref: Reference) -> list[Candidate]:
    """Every candidate deployment of the text, with features."""
    places = recipients(analysis)
    techs = analysis.technologies
    candidates: list[Candidate] = []
    passage = _passage_features(analysis, places)
    by_country = {country: {**passage, **_country_features(analysis, evidence)} for country, evidence in places.items()}

    def add(
        candidate: Candidate,
        supplier: list[Placed],
        evidence: list[Placed],
        tech_mentions: list[Placed],
        home: str | None,
        offered: set[str],
    ) -> None:
        candidate.features = {
            **by_country[candidate.recipient],
            **_features(analysis, candidate, supplier, evidence, tech_mentions, vendor_home=home, offered=offered),
        }
        candidates.append(candidate)

    for vendor_id, mentions in analysis.vendors.items():
        vendor = ref.vendor_by_id(vendor_id)
        home = analysis.nationality.get(vendor_id) or (vendor.country if vendor else None)
        offered = set(vendor.technologies) if vendor else set()
        near_keywords = {t for t, ms in techs.items() if _distance(mentions, ms)[0] <= WINDOW}
        # A specialist's one technology stands in for a missing keyword ("NSO Group's customers");
        # a generalist (Huawei) must be named with the technology: its deals without one are mostly networks.
        proposed = near_keywords or (offered if len(offered) == 1 else set())
        for country, evidence in places.items():
            d_vc, v_near, c_near = _distance(mentions, evidence)
            if d_vc > WINDOW or v_near is None or c_near is None:
                continue
            for tech in proposed:
                tech_mentions = techs.get(tech, [])
                d_vt, _, t_near = _distance([v_near], tech_mentions) if tech_mentions else (0, None, None)
                if tech_mentions and d_vt > WINDOW:
                    continue
                support = {v_near.sentence, c_near.sentence} | ({t_near.sentence} if t_near else set())
                candidate = Candidate(SUPPLIER_VENDOR, vendor_id, home, country, tech, support)
                add(candidate, mentions, evidence, tech_mentions, home, offered)
    for supplier, mentions in analysis.supplier_countries.items():
        for country, evidence in places.items():
            if country == supplier:  # "a Swiss company … licences granted by Switzerland": not a sale at home
                continue  # cross-validated F1 0.765 → 0.768, own passages 0.538 → 0.542
            d_sc, s_near, c_near = _distance(mentions, evidence)
            if d_sc > WINDOW or s_near is None or c_near is None:
                continue
            for tech, tech_mentions in techs.items():
                d, _, t_near = _distance([s_near], tech_mentions)
                if d > WINDOW or t_near is None:
                    continue
                support = {s_near.sentence, c_near.sentence, t_near.sentence}
                candidate = Candidate(SUPPLIER_COUNTRY, None, supplier, country, tech, support)
                add(candidate, mentions, evidence, tech_mentions, supplier, set())
    for country, evidence in places.items():
        for tech, tech_mentions in techs.items():
            d, c_near, t_near = _distance(evidence, tech_mentions)
            if d > WINDOW or c_near is None or t_near is None:
                continue
            domestic = analysis.cues_in({c_near.sentence, t_near.sentence}).get("domestic", 0) > 0
            candidate = Candidate(
                SUPPLIER_NONE, None, country if domestic else None, country, tech, {c_near.sentence, t_near.sentence}
            )
            add(candidate, [], evidence, tech_mentions, None, set())
    return candidates


def _passage_features(analysis: Analysis, places: dict[str, list[Placed]]) -> dict[str, float]:
    cues = analysis.cues_in(set(range(len(analysis.sentences))))
    features = {
        "single_country": float(len(places) == 1),
        "single_technology": float(len(analysis.technologies) == 1),
        "passage_negated": float(_feature_counts(cues).get("negated", 0) > 0),
        "no_vendor_in_passage": float(not analysis.vendors),
    }
    return {name: value for name, value in features.items() if value}


def _features(
    analysis: Analysis,
    c: Candidate,
    supplier: list[Placed],
    evidence: list[Placed],
    tech_mentions: list[Placed],
    *,
    vendor_home: str | None,
    offered: set[str],
) -> dict[str, float]:
    f: dict[str, float] = {f"kind_{c.kind}": 1.0, f"tech_{c.technology}": 1.0, "bias": 1.0}
    supplier_key = (c.kind, c.vendor_id or c.vendor_country)
    support = c.support
    if supplier:
        f.update(_pair_features(analysis, supplier_key, supplier, c.recipient, evidence))
        if _closest_technology(analysis, supplier, evidence, tech_mentions, c):
            f["t_closest_to_v"] = 1.0
    if tech_mentions:
        _bucket("d_ct", _memo_distance(analysis, ("ct", c.recipient, c.technology), evidence, tech_mentions), f)
        if supplier:
            _bucket("d_vt", _memo_distance(analysis, ("vt", *supplier_key, c.technology), supplier, tech_mentions), f)
    else:
        f["tech_from_specialist"] = 1.0  # no keyword: the vendor's only technology
    if c.kind == SUPPLIER_VENDOR:  # how much of the text is about this vendor
        total, most = _vendor_totals(analysis)
        f["v_share"] = len(supplier) / total
        if len(supplier) == most:
            f["v_top"] = 1.0
    if c.technology in offered:
        f["vendor_offers_tech"] = 1.0
    if is_unregistered(c.vendor_id):
        f["v_unregistered"] = 1.0
    if vendor_home is not None and vendor_home == c.recipient:
        f["recipient_is_home"] = 1.0
        # A deployment at home is told with a place inside the country ("projects in Xinjiang", "in Astana"); the
        # home named only as a country is mostly the vendor's origin. Cross-validated F1 0.757 → 0.761, own
        # passages 0.545 → 0.543 (with buyers as local too: 0.763 / 0.539).
        if any(p.mention.kind == "city" for p in evidence):  # a city, its adjective («московская»), a region
            f["home_local"] = 1.0
    for name, count in _feature_counts(analysis.cues_in(support)).items():
        if count and name in _CUE_KEYS:
            f[_CUE_KEYS[name]] = math.log1p(count)
    if supplier:
        v_sentences = frozenset(p.sentence for p in supplier if p.sentence in support)
        f.update(_supplier_sentence_features(analysis, c.vendor_id, v_sentences))
    c_sentences = frozenset(p.sentence for p in evidence if p.sentence in support)
    f.update(_country_sentence_features(analysis, c.recipient, evidence, c_sentences))
    if c_sentences & _sentences_of(analysis, ("tech", c.technology), tech_mentions):
        f["c_sentence_has_tech"] = 1.0
    # A state body in a supporting sentence that names the technology ("the police identified him with facial
    # recognition"), by kind of supplier. Cross-validated F1 0.768 → 0.769 (Russian 0.784 → 0.789; another 20
    # shufflings 0.766 → 0.768), own passages 0.542 unchanged; one feature for all kinds: 0.765 / 0.530.
    t_sentences = support & _sentences_of(analysis, ("tech", c.technology), tech_mentions)
    if analysis.cues_in(set(t_sentences)).get("state"):
        f[f"{c.kind}_state_uses"] = 1.0
    for role in _country_roles_in(analysis, c.recipient, evidence, c_sentences):
        f[f"c_role_{role}"] = 1.0
    return {name: value for name, value in f.items() if value}  # absent means 0: the scorer sums fewer terms


def _memo_distance(analysis: Analysis, key: tuple[object, ...], a: list[Placed], b: list[Placed]) -> int:
    """The sentence distance of two lists of mentions, once per key and analysis."""
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = _distance(a, b)[0]
    return cached  # type: ignore[return-value]


def _sentences_of(analysis: Analysis, key: tuple[object, ...], mentions: list[Placed]) -> frozenset[int]:
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = frozenset(p.sentence for p in mentions)
    return cached  # type: ignore[return-value]


def _vendor_totals(analysis: Analysis) -> tuple[int, int]:
    """All vendor mentions of the text, and the most any one vendor has."""
    cached = analysis.memo.get(("vendor_totals",))
    if cached is None:
        counts = [len(ms) for ms in analysis.vendors.values()]
        cached = analysis.memo[("vendor_totals",)] = (sum(counts), max(counts))
    return cached  # type: ignore[return-value]


def _pair_features(
    analysis: Analysis,
    supplier_key: tuple[str, str | None],
    supplier: list[Placed],
    recipient: str,
    evidence: list[Placed],
) -> dict[str, float]:
    """Features of a supplier and a country that do not depend on the technology paired with them."""
    key = ("pair", *supplier_key, recipient)
    cached = analysis.memo.get(key)
    if cached is None:
        f: dict[str, float] = {}
        d_vc, v_near, c_near = _distance(supplier, evidence)
        _bucket("d_vc", d_vc, f)
        if v_near and c_near:
            f["same_par_vc"] = float(analysis.paragraph(v_near.sentence) == analysis.paragraph(c_near.sentence))
            f["c_before_v"] = float(c_near.mention.start < v_near.mention.start)
        gap = min(_chars(v, e) for v in supplier for e in evidence)  # characters between supplier and country
        f["vc_gap_log"] = math.log1p(gap) / 5
        f["vc_gap_60"] = float(gap <= 60)
        cached = analysis.memo[key] = f
    return cached  # type: ignore[return-value]


def _supplier_sentence_features(
    analysis: Analysis, vendor_id: str | None, v_sentences: frozenset[int]
) -> dict[str, float]:
    """Other vendors named with the supplier, and the cues of the supplier's supporting sentences."""
    key = ("supplier_sentences", vendor_id, v_sentences)
    cached = analysis.memo.get(key)
    if cached is None:
        others = {
            v for v, ms in analysis.vendors.items() if v != vendor_id and any(m.sentence in v_sentences for m in ms)
        }
        f = {"other_vendors_in_v_sentence": math.log1p(len(others))}
        for name, count in _feature_counts(analysis.cues_in(set(v_sentences))).items():
            if name in _VCUE_KEYS and count > 0:
                f[_VCUE_KEYS[name]] = 1.0
        cached = analysis.memo[key] = f
    return cached  # type: ignore[return-value]


def _country_sentence_features(
    analysis: Analysis, recipient: str, evidence: list[Placed], c_sentences: frozenset[int]
) -> dict[str, float]:
    """The cues of the country's supporting sentences, and whether it stands in a list of countries there."""
    key = ("country_sentences", recipient, c_sentences)
    cached = analysis.memo.get(key)
    if cached is None:
        f: dict[str, float] = {}
        own_c = _feature_counts(analysis.cues_in(set(c_sentences)))
        for name, count in own_c.items():
            if name in _CCUE_KEYS and count > 0:
                f[_CCUE_KEYS[name]] = 1.0
        countries_there = _countries_in(analysis, set(c_sentences))
        in_list = len(countries_there) >= 3
        f["c_in_list"] = float(in_list)
        f["list_x_delivered"] = float(in_list and (own_c.get("delivered", 0) > 0 or own_c.get("list", 0) > 0))
        f["list_x_telecom"] = float(in_list and own_c.get("telecom", 0) > 0)
        f["list_x_location"] = float(
            in_list and (own_c.get("location", 0) > 0 or _near_cue(analysis, evidence, "supplier_noun", reach=25))
        )
        f["c_sentence_countries"] = math.log1p(len(countries_there))
        if in_list:
            for category in _list_head(analysis, [p for p in evidence if p.sentence in c_sentences]):
                f[f"head_{category}"] = 1.0
        cached = analysis.memo[key] = f
    return cached  # type: ignore[return-value]


def _country_roles_in(
    analysis: Analysis, recipient: str, evidence: list[Placed], supported: frozenset[int]
) -> frozenset[str]:
    """The roles of the country's mentions in the supporting sentences (of all of them if none stands there)."""
    key = ("country_roles", recipient, supported)
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = frozenset(
            _country_roles(analysis, [p for p in evidence if p.sentence in supported] or evidence)
        )
    return cached  # type: ignore[return-value]


#: Roles of a country mention that do not make it a recipient.
_SIDELINED = frozenset({"aside", "authority"})


def _country_features(analysis: Analysis, evidence: list[Placed]) -> dict[str, float]:
    """Features of a country's mentions that do not depend on the supplier or technology paired with it."""
    details = {p.mention.detail for p in evidence}
    f = {f"c_{detail}": float(detail in details) for detail in ("name", "adjective", "demonym", "city")}
    f["c_buyer"] = float(any(p.mention.kind == "buyer" for p in evidence))
    f["c_mentions"] = math.log1p(len(evidence))
    f["c_share"] = len(evidence) / max(1, sum(len(places) for places in analysis.places.values()))
    f["c_after_firm"] = float(_near_cue(analysis, evidence, "supplier_noun", reach=25))
    f["c_location_cue"] = float(_near_cue(analysis, evidence, "location"))
    f["c_all_aside"] = float(all("aside" in _mention_roles(analysis, p) for p in evidence))
    # Every mention an aside or an authority ("the US Commerce Department", "sale in the United States" after "the
    # FCC banned"): cross-validated F1 0.746 → 0.750 (Russian 0.737 → 0.759), own passages 0.521 → 0.522.
    f["c_all_sidelined"] = float(all(_mention_roles(analysis, p) & _SIDELINED for p in evidence))
    return {name: value for name, value in f.items() if value}


def _countries_in(analysis: Analysis, sentence_numbers: set[int]) -> frozenset[str]:
    """The countries named in the given sentences (computed once per set of sentences)."""
    key = ("countries", frozenset(sentence_numbers))
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = frozenset(
            code for code, places in analysis.places.items() for p in places if p.sentence in sentence_numbers
        )
    return cached  # type: ignore[return-value]


def _list_head(analysis: Analysis, evidence: list[Placed]) -> set[str]:
    """Cue categories in the words that introduce the list a country stands in ("clients in", "victims in",
    "licences for"): the 60 characters before the first country named in the same sentence."""
    heads: set[str] = set()
    for p in evidence:
        key = ("list_head", p.sentence)
        cached = analysis.memo.get(key)
        if cached is None:
            first = min(
                q.mention.start for places in analysis.places.values() for q in places if q.sentence == p.sentence
            )
            cached = analysis.memo[key] = frozenset(
                cue.mention.value
                for cue in analysis.cues
                if cue.sentence == p.sentence and first - 60 <= cue.mention.start < first
            )
        heads |= cached  # type: ignore[arg-type]
    return heads


def _chars(a: Placed, b: Placed) -> int:
    return max(0, max(a.mention.start, b.mention.start) - min(a.mention.end, b.mention.end))


def _closest_technology(
    analysis: Analysis, supplier: list[Placed], evidence: list[Placed], tech_mentions: list[Placed], c: Candidate
) -> bool:
    """Whether the candidate's technology is named closer (in characters) than any other to the supplier's mention
    that stands closest to the country in the supporting sentences."""
    pairs = [(_chars(v, e), v) for v in supplier for e in evidence if v.sentence in c.support]
    if not pairs or not tech_mentions:
        return False
    v_best = min(pairs, key=lambda t: t[0])[1]
    gaps = _technology_gaps(analysis, v_best)
    return all(gaps[c.technology] <= gap for tech, gap in gaps.items() if tech != c.technology)


def _technology_gaps(analysis: Analysis, v: Placed) -> dict[str, int]:
    """Characters from a supplier's mention to the nearest mention of each technology of the text."""
    key = ("technology_gaps", v.mention.start, v.mention.end)
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = {
            tech: min(_chars(v, t) for t in ms) for tech, ms in analysis.technologies.items() if ms
        }
    return cached  # type: ignore[return-value]


_AGENCY_WORDS = (
    "police",
    "ministry",
    "government",
    "authorities",
    "regime",
    "agency",
    "agencies",
    "service",
    "army",
    "military",
    "intelligence",
    "security",
    "secret",
    "interior",
    "state",
    "city",
    "federal",
)


def _country_roles(analysis: Analysis, evidence: list[Placed]) -> set[str]:
    """How the country words are used: after which preposition, as a possessive of an agency, as a subject."""
    roles: set[str] = set()
    for p in evidence:
        roles |= _mention_roles(analysis, p)
    return roles


def _mention_roles(analysis: Analysis, p: Placed) -> frozenset[str]:
    """The roles of one country mention, computed once per analysis (many candidates share a mention)."""
    key = ("roles", p.mention.start, p.mention.end, p.mention.kind)
    cached = analysis.memo.get(key)
    if cached is None:
        cached = analysis.memo[key] = frozenset(_roles(analysis, p))
    return cached  # type: ignore[return-value]


def _roles(analysis: Analysis, p: Placed) -> set[str]:
    roles: set[str] = set()
    text = analysis.text
    before = text[max(0, p.mention.start - 25) : p.mention.start].lower().split()
    words = [w.strip("(«\"'") for w in before[-2:]]
    found = next((role for w in reversed(words) for role, forms in analysis.prepositions.items() if w in forms), None)
    found = found or analysis.case_roles.get(p.mention.text)  # "Қазақстанда": "in", said by the case ending
    roles.add(f"prep_{found or 'none'}")
    after = text[p.mention.end : p.mention.end + 40].lower()
    if after.startswith(("'s ", "’s ")) and after[3:].split(" ", 1)[0].strip(",") in _AGENCY_WORDS:
        roles.add("agency_owner")
    if p.mention.detail == "adjective" and after.lstrip().split(" ", 1)[0].strip(",") in _AGENCY_WORDS:
        roles.add("agency_owner")
    if p.mention.kind == "buyer":
        roles.add("buyer")
    words_after = after.replace("'s", " ").replace("’s", " ").split()[:2]
    first = words_after[0].strip(",.") if words_after else ""
    if first in analysis.authority_words or " ".join(words_after).strip(",.") in analysis.authority_words:
        roles.add("authority")
    aside_before, aside_after = analysis.aside
    if aside_before.search(text, max(0, p.mention.start - 60), p.mention.start) or aside_after.match(
        text, p.mention.end, p.mention.end + 50
    ):
        roles.add("aside")
    return roles


def _near_cue(analysis: Analysis, evidence: list[Placed], category: str, reach: int = 40) -> bool:
    cues = analysis.cues_of(category)
    return any(0 <= p.mention.start - cue.mention.end <= reach for p in evidence for cue in cues)
