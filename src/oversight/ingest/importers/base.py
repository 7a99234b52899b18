"""What every importer shares: its summary, its context, and reading a data set from a path or URL."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from oversight.errors import InputError
from oversight.ingest.fetch import Fetcher, FetchOptions
from oversight.ingest.sources import is_url
from oversight.model import Claim, ClaimFacts
from oversight.reference import Reference
from oversight.store import Store
from oversight.store.vendors import VendorDirectory


@dataclass
class ImportSummary:
    """What an import did: records read, rows created, what was skipped and why, fields nobody used."""

    records: int = 0
    records_imported: int = 0  # records that gave at least one claim (new, or already there)
    claims: int = 0
    deployments: int = 0
    vendors_created: int = 0
    skipped: int = 0
    unused_fields: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)

    def error(self, record: str, message: str) -> None:
        """Note a record that could not be imported."""
        self.errors.append({"record": record, "error": message})

    def as_json(self) -> dict[str, Any]:
        """The summary as `oversight import … --json` prints it."""
        return {
            "records": self.records,
            "records_imported": self.records_imported,
            "claims": self.claims,
            "deployments": self.deployments,
            "vendors_created": self.vendors_created,
            "skipped": self.skipped,
            "unused_fields": dict(sorted(self.unused_fields.items())),
            "errors": self.errors,
        }


@dataclass(frozen=True)
class ImportContext:
    """What an importer is handed: the store, the reference registry and fetch options for URL sources."""

    store: Store
    reference: Reference
    fetch: FetchOptions = field(default_factory=FetchOptions)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


class Importer(Protocol):
    """An importer of one published data set layout."""

    name: str
    version: str

    def run(self, context: ImportContext, source: str) -> ImportSummary:
        """Import the data set at ``source`` (a path or an http(s) URL)."""
        ...


def read_source(source: str, *, fetch: FetchOptions) -> bytes:
    """The bytes of a data set given as a path or an http(s) URL."""
    if is_url(source):
        fetcher = Fetcher(fetch)
        try:
            fetched = fetcher.get(source)
        finally:
            fetcher.close()
        if fetched.content is None:
            raise InputError(f"{source} returned no content")
        return fetched.content
    path = Path(source)
    if not path.is_file():
        raise InputError(f"no such file: {source}")
    return path.read_bytes()


def load_directory(context: ImportContext) -> VendorDirectory:
    """The vendor directory of the context's database, loaded once per import run."""
    with context.store.transaction() as connection:
        return VendorDirectory(context.reference, connection)


def make_claim(
    *,
    facts: ClaimFacts,
    origin: str,
    version: str,
    source_urls: tuple[str, ...],
    confidence: float,
    now: datetime,
    key: str,
) -> Claim:
    """A claim from a data set record; ``key`` (the record's own id) keeps distinct records distinct."""
    claim_id = Claim.make_id(facts=facts, evidence=None, source_urls=(*source_urls, f"record:{key}"), origin=origin)
    return Claim(
        id=claim_id,
        facts=facts,
        source_urls=source_urls,
        origin=origin,
        origin_version=version,
        confidence=confidence,
        created_at=now,
    )


def error_message(exc: Exception) -> str:
    """One line saying what was wrong with a record (the first problem of a validation error)."""
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        return f"{where}: {error['msg']}" if where else str(error["msg"])
    return str(exc).splitlines()[0]
