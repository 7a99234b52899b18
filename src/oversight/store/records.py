"""Claims, deployments and the append-only history: rows in, domain records out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, select

from oversight.model import Claim, ClaimFacts, Deployment, Evidence, HistoryEntry
from oversight.store.rows import insert_ignore
from oversight.store.tables import claims, deployment_claims, deployments, history

_FACT_FIELDS = tuple(ClaimFacts.model_fields)


def _facts(row: RowMapping) -> ClaimFacts:
    return ClaimFacts.model_validate({k: row[k] for k in _FACT_FIELDS})


def claim_row(claim: Claim) -> dict[str, Any]:
    """The claims-table row of a claim."""
    evidence = claim.evidence
    return {
        "id": claim.id,
        **claim.facts.model_dump(mode="json"),
        "document_id": evidence.document_id if evidence else None,
        "quote": evidence.quote if evidence else None,
        "quote_start": evidence.start if evidence else None,
        "quote_end": evidence.end if evidence else None,
        "source_urls": list(claim.source_urls),
        "origin": claim.origin,
        "origin_version": claim.origin_version,
        "confidence": claim.confidence,
        "created_at": claim.created_at,
        "wrong": claim.wrong,
    }


def _claim(row: RowMapping) -> Claim:
    evidence = None
    if row["document_id"] is not None and row["quote"] is not None:
        evidence = Evidence(
            document_id=row["document_id"], start=row["quote_start"], end=row["quote_end"], quote=row["quote"]
        )
    return Claim(
        id=row["id"],
        facts=_facts(row),
        evidence=evidence,
        source_urls=tuple(row["source_urls"]),
        origin=row["origin"],
        origin_version=row["origin_version"],
        confidence=row["confidence"],
        created_at=row["created_at"],
        wrong=bool(row["wrong"]),
    )


def save_claims(connection: Connection, items: Iterable[Claim]) -> int:
    """Store claims whose id is new; return how many were new."""
    return insert_ignore(connection, claims, [claim_row(c) for c in items])


def load_claims(
    connection: Connection,
    *,
    document_id: str | None = None,
    origin: str | None = None,
    ids: Sequence[str] | None = None,
    unlinked: bool = False,
) -> list[Claim]:
    """Claims (of one document, one origin, with given ids, or not linked to any deployment), in id order."""
    query = select(claims).order_by(claims.c.id)
    if ids is not None:
        query = query.where(claims.c.id.in_(ids))
    if unlinked:
        query = query.where(claims.c.id.not_in(select(deployment_claims.c.claim_id)))
    if document_id is not None:
        query = query.where(claims.c.document_id == document_id)
    if origin is not None:
        query = query.where(claims.c.origin == origin)
    return [_claim(row) for row in connection.execute(query).mappings()]


def save_deployment(connection: Connection, deployment: Deployment) -> None:
    """Insert or replace a deployment and its claim links."""
    row = {
        "id": deployment.id,
        **deployment.facts.model_dump(mode="json"),
        "review_state": deployment.review_state.value,
        "corroboration": deployment.corroboration.value,
        "first_seen": deployment.first_seen,
        "last_seen": deployment.last_seen,
        "last_checked": deployment.last_checked,
        "overrides": dict(deployment.overrides),
    }
    connection.execute(delete(deployment_claims).where(deployment_claims.c.deployment_id == deployment.id))
    exists = connection.execute(select(deployments.c.id).where(deployments.c.id == deployment.id)).first()
    if exists:
        connection.execute(deployments.update().where(deployments.c.id == deployment.id).values(**row))
    else:
        connection.execute(deployments.insert().values(**row))
    insert_ignore(
        connection,
        deployment_claims,
        [{"deployment_id": deployment.id, "claim_id": claim_id} for claim_id in deployment.claim_ids],
    )


def load_deployments(connection: Connection, *, ids: Sequence[str] | None = None) -> list[Deployment]:
    """Deployments (all, or those with the given ids) with their claim ids, in id order."""
    query = select(deployments).order_by(deployments.c.id)
    if ids is not None:
        query = query.where(deployments.c.id.in_(ids))
    links: dict[str, list[str]] = {}
    link_query = select(deployment_claims).order_by(deployment_claims.c.claim_id)
    if ids is not None:
        link_query = link_query.where(deployment_claims.c.deployment_id.in_(ids))
    for link in connection.execute(link_query).mappings():
        links.setdefault(link["deployment_id"], []).append(link["claim_id"])
    return [
        Deployment(
            id=row["id"],
            facts=_facts(row),
            review_state=row["review_state"],
            corroboration=row["corroboration"],
            claim_ids=tuple(links.get(row["id"], ())),
            first_seen=row["first_seen"],
            last_seen=row["last_seen"],
            last_checked=row["last_checked"],
            overrides=dict(row["overrides"] or {}),
        )
        for row in connection.execute(query).mappings()
    ]


def append_history(connection: Connection, entries: Iterable[HistoryEntry]) -> int:
    """Append history entries (never updated or deleted); return how many were written."""
    rows = [entry.model_dump() for entry in entries]
    if rows:
        connection.execute(history.insert(), rows)
    return len(rows)


def load_history(connection: Connection, entity_id: str) -> list[HistoryEntry]:
    """Every history entry about one entity, oldest first."""
    query = select(history).where(history.c.entity_id == entity_id).order_by(history.c.at, history.c.id)
    return [
        HistoryEntry.model_validate({k: r[k] for k in HistoryEntry.model_fields})
        for r in connection.execute(query).mappings()
    ]


def load_history_field(connection: Connection, field_name: str) -> list[HistoryEntry]:
    """Every history entry of one field (e.g. the corrections log), newest first."""
    query = select(history).where(history.c.field == field_name).order_by(history.c.at.desc(), history.c.id.desc())
    return [
        HistoryEntry.model_validate({k: r[k] for k in HistoryEntry.model_fields})
        for r in connection.execute(query).mappings()
    ]
