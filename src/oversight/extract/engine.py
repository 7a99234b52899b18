"""The rules-and-model extractor: text in, claims (with the sentences that support them) out."""

from __future__ import annotations

from dataclasses import dataclass

from oversight.extract import attributes
from oversight.extract.candidates import SUPPLIER_COUNTRY, SUPPLIER_NONE, SUPPLIER_VENDOR, Candidate, generate
from oversight.extract.lexicon import Lexicon, lexicon
from oversight.extract.mentions import Analysis, analyse
from oversight.extract.model import LinearModel
from oversight.model import ClaimFacts, Status
from oversight.reference import Reference, reference

NAME = "rules-lr"
VERSION = "1"


@dataclass(frozen=True)
class Extraction:
    """One claim the extractor makes about a text: its facts, its confidence and the span that supports it."""

    facts: ClaimFacts
    confidence: float
    start: int
    end: int


class Extractor:
    """Finds supply and deployment claims in English and Russian text."""

    name = NAME
    version = VERSION

    def __init__(self, *, model: LinearModel | None = None, lex: Lexicon | None = None,
                 ref: Reference | None = None) -> None:
        self.model = model or LinearModel.load()
        self.lexicon = lex or lexicon()
        self.reference = ref or reference()

    def candidates(self, text: str) -> tuple[Analysis, list[Candidate]]:
        """The analysis of a text and its scored candidates."""
        analysis = analyse(text, self.lexicon)
        found = generate(analysis, self.reference)
        for candidate in found:
            candidate.score = self.model.probability(candidate.features)
        return analysis, found

    def extract(self, text: str) -> list[Extraction]:
        """The claims a text supports."""
        analysis, found = self.candidates(text)
        accepted = [c for c in found if c.score >= self.model.threshold]
        return [self._extraction(analysis, c) for c in _prune(accepted)]

    def _extraction(self, analysis: Analysis, candidate: Candidate) -> Extraction:
        vendor = self.reference.find_vendors(candidate.vendor_id, exact=True) if candidate.vendor_id else []
        facts = ClaimFacts(
            vendor_id=candidate.vendor_id,
            vendor_name=vendor[0].name if vendor else None,
            vendor_country=candidate.vendor_country,
            recipient_country=candidate.recipient,
            technology=candidate.technology,
            status=attributes.status(analysis, candidate),
            year=attributes.year(analysis, candidate),
            buyer=attributes.buyer(analysis, candidate),
        )
        first, last = min(candidate.support), max(candidate.support)
        span_start, span_end = analysis.sentences[first].start, analysis.sentences[last].end
        return Extraction(facts=facts, confidence=round(candidate.score, 3), start=span_start, end=span_end)


def _prune(accepted: list[Candidate]) -> list[Candidate]:
    """One candidate per (supplier, recipient, technology); suppliers named only by country or not at all give way
    to a named vendor of the same recipient and technology (of that country, for country-only suppliers)."""
    best: dict[tuple[str | None, str | None, str, str], Candidate] = {}
    for c in sorted(accepted, key=lambda c: -c.score):
        best.setdefault((c.vendor_id, c.vendor_country if c.kind != SUPPLIER_VENDOR else None, c.recipient,
                         c.technology), c)
    kept = list(best.values())
    named = {(c.recipient, c.technology): c for c in kept if c.kind in (SUPPLIER_VENDOR, SUPPLIER_COUNTRY)}
    named_countries = {(c.vendor_country, c.recipient, c.technology) for c in kept if c.kind == SUPPLIER_VENDOR}
    result = []
    for c in kept:
        if c.kind == SUPPLIER_NONE and (c.recipient, c.technology) in named:
            continue
        if c.kind == SUPPLIER_COUNTRY and (c.vendor_country, c.recipient, c.technology) in named_countries:
            continue
        result.append(c)
    return result


ASSERTED = frozenset({Status.AGREED, Status.DELIVERED, Status.ENDED})
