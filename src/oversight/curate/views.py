"""Gather what curation needs about claims from the database: their publishers and publication dates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, select

from oversight.curate.rules import ClaimView
from oversight.model import Claim
from oversight.reference import Reference
from oversight.reference.names import fold
from oversight.store.tables import documents


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.lower().removeprefix("www.") if host else None


def _documents(connection: Connection, ids: set[str]) -> dict[str, Any]:
    if not ids:
        return {}
    query = select(
        documents.c.id,
        documents.c.duplicate_of,
        documents.c.publisher,
        documents.c.url,
        documents.c.published,
        documents.c.fetched_at,
    ).where(documents.c.id.in_(ids))
    return {r.id: r for r in connection.execute(query)}


def claim_views(connection: Connection, claims: Sequence[Claim], ref: Reference) -> list[ClaimView]:
    """A view of each claim: independent publishers (near-duplicates count once; an importer's claim counts as the
    publishers it cites), whether an official publisher states it, and when its source was published."""
    doc_ids = {c.evidence.document_id for c in claims if c.evidence}
    rows = _documents(connection, doc_ids)
    rows.update(_documents(connection, {r.duplicate_of for r in rows.values() if r.duplicate_of} - set(rows)))
    views = []
    for claim in claims:
        hosts: set[str] = set()
        publishers: set[str] = set()
        seen = claim.created_at.date()
        if claim.evidence and claim.evidence.document_id in rows:
            row = rows[claim.evidence.document_id]
            canonical = rows.get(row.duplicate_of) if row.duplicate_of else row
            canonical = canonical or row
            host = _host(row.url)
            hosts.update(h for h in (host,) if h)
            publishers.add(fold(canonical.publisher) if canonical.publisher else _host(canonical.url) or canonical.id)
            seen = row.published or row.fetched_at.date()
        for url in claim.source_urls:
            host = _host(url)
            if host:
                hosts.add(host)
                publishers.add(host)
        if not publishers:
            publishers.add(claim.origin)
        official = any(_is_official(ref, host, claim) for host in hosts)
        views.append(ClaimView(claim=claim, publishers=frozenset(publishers), official=official, seen=seen))
    return views


def _is_official(ref: Reference, host: str, claim: Claim) -> bool:
    source = ref.official_source(host)
    if source is None:
        return False
    return source.country == claim.facts.recipient_country or (
        source.vendor is not None and source.vendor == claim.facts.vendor_id
    )
