"""The status, year and buyer of an accepted candidate, read from the sentences that support it."""

from __future__ import annotations

import re

from oversight.extract.candidates import Candidate
from oversight.extract.mentions import Analysis
from oversight.model import Status

# Years that date the reporting, not the deal: "a 2023 report", "the 2015 leak", "in 2019 … was arrested".
_REPORTING = re.compile(
    r"(report|published|leak|breach|trial|judg|ruling|arrest|sentenc|founded|set up in|released|investigation|"
    r"доклад|утечк|решени|суд|основан)\w*\W{1,40}$|^\W{0,3}(report|leak|judg|доклад)",
    re.IGNORECASE,
)
_SINCE = re.compile(r"(since|from|с)\s*$", re.IGNORECASE)


def status(analysis: Analysis, candidate: Candidate) -> Status:
    """The status the supporting sentences state.

    A denial in the supplier's sentence makes the claim ``denied``; plans and talks with no word of a contract,
    delivery or end make it ``planned``; otherwise the most advanced stated status wins (ended > delivered >
    agreed), delivered when nothing more is said.
    """
    # The supplier's other sentences count too: "…will install cameras" after "the agreement was signed in 2017".
    cues = analysis.cues_in(candidate.support | _all_supplier_sentences(analysis, candidate))
    own = analysis.cues_in(_supplier_sentences(analysis, candidate))
    if own.get("negated"):
        return Status.DENIED
    if cues.get("ended"):
        return Status.ENDED
    if cues.get("delivered"):
        return Status.DELIVERED
    if cues.get("agreed"):
        return Status.AGREED
    if cues.get("planned"):
        return Status.PLANNED
    return Status.DELIVERED


def _all_supplier_sentences(analysis: Analysis, candidate: Candidate) -> set[int]:
    mentions = analysis.vendors.get(candidate.vendor_id or "", [])
    return {p.sentence for p in mentions}


def _supplier_sentences(analysis: Analysis, candidate: Candidate) -> set[int]:
    mentions = analysis.vendors.get(candidate.vendor_id or "", []) or analysis.supplier_countries.get(
        candidate.vendor_country or "", []
    )
    own = {p.sentence for p in mentions if p.sentence in candidate.support}
    return own or candidate.support


def year(analysis: Analysis, candidate: Candidate) -> int | None:
    """The year of the contract or deployment: the first year in the supporting sentences not dating a report."""
    for value, offset, sentence in analysis.years:
        if sentence not in candidate.support:
            continue
        before = analysis.text[max(0, offset - 45) : offset]
        after = analysis.text[offset + 4 : offset + 20]
        if _REPORTING.search(before) or _REPORTING.match(after):
            continue
        return value
    return None


def buyer(analysis: Analysis, candidate: Candidate) -> str | None:
    """The buying body as written, when a known buyer of the recipient country stands in the supporting sentences."""
    for placed in analysis.buyers:
        if placed.sentence in candidate.support and placed.mention.detail == candidate.recipient:
            return placed.mention.text
    return None
