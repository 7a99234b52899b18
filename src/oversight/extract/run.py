"""Extraction over the archive: read documents, store their claims with evidence, remember what was read."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import delete, select

from oversight.errors import NotFoundError
from oversight.extract.engine import Extractor
from oversight.model import Claim, Evidence
from oversight.store import Store
from oversight.store.records import save_claims
from oversight.store.tables import claims, deployment_claims, documents, extraction_runs
from oversight.store.vendors import VendorDirectory, named_by

log = logging.getLogger(__name__)

#: Extractors by the name `oversight extract --extractor` takes.
EXTRACTORS: dict[str, Callable[[], Extractor]] = {Extractor.name: Extractor}


@dataclass
class ExtractSummary:
    """What an extraction run did."""

    documents: int = 0
    skipped: int = 0
    claims: int = 0
    replaced: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "claims": self.claims,
            "replaced": self.replaced,
            "by_status": dict(sorted(self.by_status.items())),
        }


def origin_of(extractor: Extractor) -> str:
    """The origin recorded on an extractor's claims."""
    return f"extractor:{extractor.name}"


def extract_documents(
    store: Store,
    extractor: Extractor,
    *,
    document_id: str | None = None,
    since: date | None = None,
    on_document: Callable[[], None] | None = None,
) -> ExtractSummary:
    """Run the extractor over canonical and near-duplicate documents not yet read by this version.

    Re-running a newer version replaces this extractor's earlier claims on each document it reads again (claims
    that reviewers already linked to a deployment are kept).
    """
    summary = ExtractSummary()
    query = select(documents.c.id).order_by(documents.c.fetched_at, documents.c.id)
    if document_id is not None:
        query = query.where(documents.c.id == document_id)
    if since is not None:
        query = query.where(documents.c.fetched_at >= datetime.combine(since, time.min, tzinfo=UTC))
    with store.transaction() as connection:
        ids = list(connection.execute(query).scalars())
        if document_id is not None and not ids:
            raise NotFoundError(f"no document {document_id!r} in the store (`oversight ingest` archives documents)")
        done = {
            row.document_id: row.version
            for row in connection.execute(select(extraction_runs).where(extraction_runs.c.extractor == extractor.name))
        }
    for doc_id in ids:
        if done.get(doc_id) == extractor.version:
            summary.skipped += 1
        else:
            _extract_one(store, extractor, doc_id, summary)
        if on_document:
            on_document()
    return summary


def _extract_one(store: Store, extractor: Extractor, doc_id: str, summary: ExtractSummary) -> None:
    origin = origin_of(extractor)
    with store.transaction() as connection:
        text = connection.execute(select(documents.c.text).where(documents.c.id == doc_id)).scalar_one()
        now = datetime.now(UTC)
        found = []
        directory: VendorDirectory | None = None
        for extraction in extractor.extract(text):
            facts = extraction.facts
            if facts.vendor_name and not facts.vendor_id:  # a company the registry lacks: a reviewer may know it
                directory = directory or VendorDirectory(extractor.reference, connection)
                facts = named_by(directory, facts)
            evidence = Evidence(
                document_id=doc_id,
                start=extraction.start,
                end=extraction.end,
                quote=text[extraction.start : extraction.end],
            )
            claim_id = Claim.make_id(facts=facts, evidence=evidence, source_urls=(), origin=origin)
            found.append(
                Claim(
                    id=claim_id,
                    facts=facts,
                    evidence=evidence,
                    origin=origin,
                    origin_version=extractor.version,
                    confidence=extraction.confidence,
                    created_at=now,
                )
            )
        linked = select(deployment_claims.c.claim_id)
        stale = delete(claims).where(
            claims.c.document_id == doc_id,
            claims.c.origin == origin,
            claims.c.id.not_in([c.id for c in found]),
            claims.c.id.not_in(linked),
        )
        summary.replaced += connection.execute(stale).rowcount or 0
        summary.claims += save_claims(connection, found)
        for claim in found:
            summary.by_status[claim.facts.status.value] = summary.by_status.get(claim.facts.status.value, 0) + 1
        connection.execute(
            delete(extraction_runs).where(
                extraction_runs.c.document_id == doc_id, extraction_runs.c.extractor == extractor.name
            )
        )
        connection.execute(
            extraction_runs.insert().values(
                document_id=doc_id, extractor=extractor.name, version=extractor.version, claims=len(found), at=now
            )
        )
    summary.documents += 1
