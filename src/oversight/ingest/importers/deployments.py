"""Oversight's own canonical CSV of deployments (see docs/canonical-csv.md).

Each row becomes a claim (origin ``deployments-csv``) and the deployment it supports, with the review state the
row gives. Ids derive from content, so importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection

from oversight.errors import InputError, NotFoundError
from oversight.ingest.importers.base import (
    ImportContext,
    ImportSummary,
    error_message,
    load_directory,
    make_claim,
    read_source,
)
from oversight.model import STATUS_RANK, ClaimFacts, Corroboration, Deployment, HistoryEntry, ReviewState
from oversight.model.canonical import DEPLOYMENT_COLUMNS, REQUIRED_COLUMNS, URL_SEPARATOR, deployment_id
from oversight.store.records import append_history, load_deployments, save_claims, save_deployment
from oversight.store.vendors import VendorDirectory


@dataclass(frozen=True)
class _Row:
    """A row read: its line number and the one-claim deployment it describes."""

    number: int
    deployment: Deployment


class DeploymentsImporter:
    """Imports the canonical deployments CSV."""

    name = "deployments-csv"
    version = "1"

    def run(self, context: ImportContext, source: str) -> ImportSummary:
        """Import every row; a row that cannot be read is reported and the others go on.

        Rows that describe the same deployment (same supplier, recipient, technology and buyer, or the same
        ``id``) become one deployment with all their claims; its facts are those of the row with the most
        advanced status (the first such row on ties), so the result does not depend on re-runs.
        """
        reader = csv.DictReader(io.StringIO(read_source(source, fetch=context.fetch).decode("utf-8-sig")))
        columns = set(reader.fieldnames or ())
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing or not columns & {"vendor", "vendor_country"}:
            need = missing or ["vendor or vendor_country"]
            raise InputError(f"{source}: not a deployments CSV: missing column(s) {', '.join(need)}")
        summary = ImportSummary()
        directory = load_directory(context)
        unused = sorted(columns - set(DEPLOYMENT_COLUMNS))
        groups: dict[str, list[_Row]] = {}
        for number, row in enumerate(reader, start=2):
            summary.records += 1
            summary.unused_fields.update(c for c in unused if row.get(c))
            try:
                with context.store.transaction() as connection:
                    parsed = self._row(context, connection, directory, row, number, summary)
            except (InputError, NotFoundError, ValidationError, ValueError) as exc:
                summary.error(f"line {number}", error_message(exc))
                directory = load_directory(context)
                continue
            groups.setdefault(parsed.deployment.id, []).append(parsed)
        for rows in groups.values():
            with context.store.transaction() as connection:
                self._deployment(context, connection, rows, summary)
        return summary

    def _row(
        self,
        context: ImportContext,
        connection: Connection,
        directory: VendorDirectory,
        row: dict[str, Any],
        number: int,
        summary: ImportSummary,
    ) -> _Row:
        facts = self._facts(context, connection, directory, row, summary)
        urls = tuple(u.strip() for u in (row.get("source_url") or "").split(URL_SEPARATOR.strip()) if u.strip())
        claim = make_claim(
            facts=facts,
            origin=self.name,
            version=self.version,
            source_urls=urls,
            confidence=0.9,
            now=context.now,
            key=_clean(row.get("id")) or facts.model_dump_json(),
        )
        summary.claims += save_claims(connection, [claim])
        summary.records_imported += 1
        deployment = Deployment(
            id=_clean(row.get("id")) or deployment_id(facts),
            facts=facts,
            review_state=ReviewState(_clean(row.get("review_state")) or ReviewState.PROPOSED.value),
            corroboration=Corroboration(_clean(row.get("corroboration")) or Corroboration.SINGLE_SOURCE.value),
            claim_ids=(claim.id,),
            first_seen=_date(row.get("first_seen")),
            last_seen=_date(row.get("last_seen")),
            last_checked=_date(row.get("last_checked")),
        )
        return _Row(number=number, deployment=deployment)

    def _deployment(
        self, context: ImportContext, connection: Connection, rows: list[_Row], summary: ImportSummary
    ) -> None:
        chosen = max(rows, key=lambda r: (STATUS_RANK[r.deployment.facts.status], -r.number))
        existing = next(iter(load_deployments(connection, ids=[chosen.deployment.id])), None)
        claim_ids = {c for r in rows for c in r.deployment.claim_ids} | set(existing.claim_ids if existing else ())
        merged = chosen.deployment.model_copy(update={"claim_ids": tuple(sorted(claim_ids))})
        if existing == merged:
            summary.skipped += 1
            return
        save_deployment(connection, merged)
        summary.deployments += existing is None
        lines = ", ".join(str(r.number) for r in rows)
        append_history(connection, [HistoryEntry(
            entity_type="deployment", entity_id=merged.id, field="*", old=None if existing is None else "updated",
            new=f"imported from {self.name} line(s) {lines}", who=f"importer:{self.name}", at=context.now,
        )])  # fmt: skip

    @staticmethod
    def _facts(
        context: ImportContext,
        connection: Connection,
        directory: VendorDirectory,
        row: dict[str, Any],
        summary: ImportSummary,
    ) -> ClaimFacts:
        vendor_name = _clean(row.get("vendor"))
        vendor_country = _clean(row.get("vendor_country"))
        vendor_id = _clean(row.get("vendor_id"))
        if vendor_country:
            vendor_country = context.reference.country(vendor_country).alpha3
        if vendor_id and directory.get(vendor_id) is None:
            raise NotFoundError(f"unknown vendor_id {vendor_id!r}")
        if vendor_name and not vendor_id:
            found = directory.resolve(vendor_name)
            if found is None:
                if not vendor_country:
                    raise InputError(f"unknown vendor {vendor_name!r}: give its vendor_country to add it")
                found = directory.ensure(connection, vendor_name, country=vendor_country)
                summary.vendors_created += 1
            vendor_id = found.id
        if vendor_id and not vendor_country:
            vendor = directory.get(vendor_id)
            vendor_country = vendor.country if vendor else None
        technology = context.reference.technology(_clean(row.get("technology")) or "").id
        year = _clean(row.get("year"))
        value = _clean(row.get("value"))
        return ClaimFacts(
            vendor_id=vendor_id, vendor_name=vendor_name, vendor_country=vendor_country,
            recipient_country=context.reference.country(_clean(row.get("recipient_country")) or "").alpha3,
            buyer=_clean(row.get("buyer")), city=_clean(row.get("city")), technology=technology,
            status=_clean(row.get("status")) or "", year=int(year) if year else None,
            value=float(value) if value else None, currency=_clean(row.get("currency")),
        )  # fmt: skip


def _clean(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: object) -> date | None:
    text = _clean(value)
    return date.fromisoformat(text) if text else None
