"""Rows for the indicators, gathered from the published deployments of the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from oversight.analyze.indicators import Row
from oversight.curate.published import published_deployments
from oversight.model import ASSERTED_STATUSES, Deployment, Status
from oversight.reference import Reference


@dataclass(frozen=True)
class Selection:
    """Which deployments to count and how to weigh them."""

    countries: frozenset[str]
    technology: str | None = None
    include_unreviewed: bool = False
    weight: str = "count"  # or "value": contract value in US dollars where known


def to_row(deployment: Deployment, ref: Reference) -> Row:
    """A deployment as the indicators see it: supplier country, active years, sanction flag, intrusiveness."""
    facts = deployment.facts
    vendor = ref.vendor_by_id(facts.vendor_id) if facts.vendor_id else None
    start = facts.year or (deployment.first_seen.year if deployment.first_seen else None)
    end = None
    if facts.status is Status.ENDED:
        end = deployment.last_seen.year if deployment.last_seen else facts.year
    return Row(
        deployment_id=deployment.id,
        recipient=facts.recipient_country,
        technology=facts.technology,
        supplier_country=facts.vendor_country or (vendor.country if vendor else None),
        vendor=facts.vendor_id,
        start=start,
        end=end,
        sanctioned=bool(vendor and vendor.listings),
        intrusiveness=ref.technology(facts.technology).intrusiveness,
    )


def gather(connection: Connection, ref: Reference, selection: Selection) -> tuple[list[Row], int]:
    """Rows of the selected published deployments that assert a supply (and how many were left out because a
    value weighting could not convert their value)."""
    rows, unvalued = [], 0
    for deployment in published_deployments(connection, include_unreviewed=selection.include_unreviewed):
        facts = deployment.facts
        if facts.recipient_country not in selection.countries or facts.status not in ASSERTED_STATUSES:
            continue
        if selection.technology and facts.technology != selection.technology:
            continue
        row = to_row(deployment, ref)
        if selection.weight == "value":
            usd = ref.to_usd(facts.value, facts.currency or "USD", facts.year) if facts.value else None
            if usd is None:
                unvalued += 1
                continue
            row = Row(**{**row.__dict__, "weight": usd})
        rows.append(row)
    return rows, unvalued


def years_of(rows: Sequence[Row]) -> list[int]:
    """The years the rows span (first start to last end, or the last start when none ended)."""
    starts = [r.start for r in rows if r.start is not None]
    ends = [r.end for r in rows if r.end is not None]
    if not starts:
        return []
    return list(range(min(starts), max([*starts, *ends]) + 1))
