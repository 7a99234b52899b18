"""Oversight's canonical CSV of deployments: the columns `oversight export --format csv` writes and
`oversight import deployments` reads (documented in docs/canonical-csv.md)."""

from __future__ import annotations

from oversight.ids import content_id
from oversight.model.records import ClaimFacts
from oversight.reference.names import fold

#: Column order of the canonical CSV.
DEPLOYMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "vendor",
    "vendor_id",
    "vendor_country",
    "recipient_country",
    "buyer",
    "city",
    "technology",
    "status",
    "year",
    "value",
    "currency",
    "review_state",
    "corroboration",
    "first_seen",
    "last_seen",
    "last_checked",
    "source_url",
    "notes",
)
#: Columns a row must fill (and at least one of vendor / vendor_country).
REQUIRED_COLUMNS: tuple[str, ...] = ("recipient_country", "technology", "status")
#: Separator of several URLs in the source_url column.
URL_SEPARATOR = " | "


def deployment_id(facts: ClaimFacts) -> str:
    """The id of the deployment that claims with these facts describe: supplier, recipient, technology, buyer.

    One deployment per (vendor — its registry id, else the name the source gives, else its country when no vendor is
    named —, recipient country, technology, buyer), as in the gold annotation rules; years and statuses change along
    a deployment's timeline.
    """
    if facts.vendor_id or facts.vendor_name:
        supplier = facts.vendor_id or fold(facts.vendor_name or "")
    else:
        supplier = f"country:{facts.vendor_country}" if facts.vendor_country else ""
    return content_id("dep", [supplier, facts.recipient_country, facts.technology, fold(facts.buyer or "")])
