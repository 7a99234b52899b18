"""Curation rules as pure functions over plain rows: which claims belong together, what a deployment's status
and corroboration are. The database layer gathers the rows; these functions decide."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from oversight.model import ASSERTED_STATUSES, STATUS_RANK, Claim, ClaimFacts, Corroboration, Status
from oversight.reference.names import fold

#: Claims below this confidence do not decide a deployment's status (they still count as sources).
WELL_SUPPORTED = 0.5
#: Buyers whose names are at least this similar (token set, folded) are the same body.
BUYER_SIMILARITY = 70


@dataclass(frozen=True)
class ClaimView:
    """A claim with what curation needs to know about where it was published."""

    claim: Claim
    publishers: frozenset[str]  # independent publishers: near-duplicate copies share one
    official: bool  # published by the buyer's government or by the vendor itself
    seen: date | None  # publication date of its source


def supplier_key(facts: ClaimFacts) -> str:
    """Who supplied: the vendor, else the name the source gives (a company the registry lacks), else its country,
    else unknown."""
    if facts.vendor_id:
        return f"vendor:{facts.vendor_id}"
    if facts.vendor_name:  # a company the registry lacks, named by the source
        return f"name:{fold(facts.vendor_name)}"
    if facts.vendor_country:
        return f"country:{facts.vendor_country}"
    return "unknown"


def group_key(facts: ClaimFacts) -> tuple[str, str, str]:
    """Claims about one deployment share supplier, recipient country and technology."""
    return supplier_key(facts), facts.recipient_country, facts.technology


def buyers_compatible(a: str | None, b: str | None) -> bool:
    """Whether two buyer names can be the same body (an unknown buyer is compatible with any)."""
    if not a or not b:
        return True
    x, y = fold(a), fold(b)
    return x == y or fuzz.token_set_ratio(x, y) >= BUYER_SIMILARITY


def timeline(views: Iterable[ClaimView]) -> list[tuple[int | None, Status, str]]:
    """(year, status, claim id) of the claims that assert something, oldest first."""
    rows = [(_when(v), v.claim.facts.status, v.claim.id) for v in views if not v.claim.wrong]
    return sorted(rows, key=lambda r: (r[0] if r[0] is not None else 0, STATUS_RANK[r[1]], r[2]))


def current_status(views: Sequence[ClaimView]) -> Status:
    """The latest well-supported asserted status (agreed 2018 → delivered 2019 → ended 2024 gives ended);
    a deployment only planned, denied or cancelled keeps the most advanced of those."""
    asserted = [
        v
        for v in views
        if not v.claim.wrong and v.claim.facts.status in ASSERTED_STATUSES and v.claim.confidence >= WELL_SUPPORTED
    ]
    if not asserted:
        asserted = [v for v in views if not v.claim.wrong and v.claim.facts.status in ASSERTED_STATUSES]
    if asserted:
        latest = max(asserted, key=lambda v: (_when(v) or 0, STATUS_RANK[v.claim.facts.status]))
        return latest.claim.facts.status
    others = [v.claim.facts.status for v in views if not v.claim.wrong] or [Status.PLANNED]
    return max(others, key=lambda s: STATUS_RANK[s])


def corroboration(views: Sequence[ClaimView]) -> Corroboration:
    """disputed (a denial or cancellation stands beside an assertion) > official > corroborated (two or more
    independent publishers) > single-source."""
    live = [v for v in views if not v.claim.wrong]
    statuses = {v.claim.facts.status for v in live}
    if statuses & {Status.DENIED, Status.CANCELLED} and statuses & ASSERTED_STATUSES:
        return Corroboration.DISPUTED
    if any(v.official for v in live):
        return Corroboration.OFFICIAL
    publishers = {p for v in live for p in v.publishers}
    return Corroboration.CORROBORATED if len(publishers) >= 2 else Corroboration.SINGLE_SOURCE


def merged_facts(views: Sequence[ClaimView], *, status: Status) -> ClaimFacts:
    """A deployment's facts from its claims: the most common value of each field among well-supported claims,
    the earliest year, and the given status."""
    live = [v.claim.facts for v in views if not v.claim.wrong] or [v.claim.facts for v in views]
    first = live[0]

    def common(field: str) -> Any:
        values = Counter(getattr(f, field) for f in live if getattr(f, field) is not None)
        return values.most_common(1)[0][0] if values else None

    years = [f.year for f in live if f.year is not None]
    return ClaimFacts(
        vendor_id=first.vendor_id,
        vendor_name=common("vendor_name"),
        vendor_country=common("vendor_country"),
        recipient_country=first.recipient_country,
        buyer=common("buyer"),
        city=common("city"),
        technology=first.technology,
        status=status,
        year=min(years) if years else None,
        value=common("value"),
        currency=common("currency"),
    )


def seen_range(views: Sequence[ClaimView]) -> tuple[date | None, date | None]:
    """First and last publication dates of the supporting sources."""
    dates = [v.seen for v in views if v.seen is not None and not v.claim.wrong]
    return (min(dates), max(dates)) if dates else (None, None)


def _when(view: ClaimView) -> int | None:
    if view.claim.facts.year is not None:
        return view.claim.facts.year
    return view.seen.year if view.seen else None
