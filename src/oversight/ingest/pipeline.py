"""The ingestion run: inputs → records → archived, de-duplicated documents, one transaction per document."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import Connection, select

from oversight.errors import InputError
from oversight.ids import content_id, sha256_text
from oversight.ingest.dedup import NearDuplicateIndex, signature
from oversight.ingest.fetch import Fetcher, FetchOptions
from oversight.ingest.records import BadRecord, Record, Unchanged
from oversight.ingest.sources import fetched_records, file_records, files_of, is_url, stdin_records
from oversight.ingest.text import HtmlExtractor
from oversight.model import Document
from oversight.store import Store
from oversight.store.documents import save_document, sha256_bytes
from oversight.store.rows import insert_ignore
from oversight.store.tables import document_urls, documents, http_cache, ingest_errors, raw_inputs

log = logging.getLogger(__name__)
Outcome = Literal["ingested", "duplicates", "near_duplicates", "skipped", "errors"]


@dataclass(frozen=True)
class IngestOptions:
    """How a run behaves."""

    strict: bool = False
    max_bytes: int = 25 * 1024 * 1024
    html_extractor: HtmlExtractor = "trafilatura"
    fetch: FetchOptions = field(default_factory=FetchOptions)


@dataclass
class IngestSummary:
    """What a run did. Every record lands in exactly one bucket."""

    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The summary with the keys `oversight ingest --json` prints."""
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "skipped": self.skipped,
            "errors": self.errors,
        }


class Ingestor:
    """Runs ingestion against one store; reusable across inputs (feeds use it for every poll)."""

    def __init__(
        self,
        store: Store,
        options: IngestOptions | None = None,
        *,
        fetcher: Fetcher | None = None,
        on_record: Callable[[Outcome], None] | None = None,
    ) -> None:
        self.store = store
        self.options = options or IngestOptions()
        self.fetcher = fetcher or Fetcher(self.options.fetch)
        self.on_record = on_record
        with store.transaction() as connection:
            self.index = NearDuplicateIndex.load(connection)

    def run(self, inputs: Sequence[str]) -> IngestSummary:
        """Ingest every input; bad records are recorded and skipped (or, with ``strict``, stop the run)."""
        summary = IngestSummary()
        for value in inputs:
            for record in self._records(value):
                self._count(summary, self.ingest(record, summary))
        return summary

    def ingest_url(self, url: str, summary: IngestSummary) -> None:
        """Fetch one URL (conditionally) and ingest what it serves."""
        for record in self._url_records(url):
            self._count(summary, self.ingest(record, summary))

    def _count(self, summary: IngestSummary, outcome: Outcome) -> None:
        if outcome != "errors":
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        if self.on_record:
            self.on_record(outcome)

    def _records(self, value: str) -> Iterator[Record | BadRecord | Unchanged]:
        if value == "-":
            yield from stdin_records(max_bytes=self.options.max_bytes)
        elif is_url(value):
            yield from self._url_records(value)
        else:
            try:
                paths = list(files_of(Path(value)))
            except InputError as exc:
                yield BadRecord(name=value, error=str(exc))
                return
            for path in paths:
                yield from file_records(path, max_bytes=self.options.max_bytes)

    def _url_records(self, url: str) -> Iterator[Record | BadRecord | Unchanged]:
        with self.store.transaction() as connection:
            cached = connection.execute(select(http_cache).where(http_cache.c.url == url)).mappings().first()
        try:
            fetched = self.fetcher.get(
                url, etag=cached["etag"] if cached else None, last_modified=cached["last_modified"] if cached else None
            )
        except InputError as exc:
            yield BadRecord(name=url, error=str(exc))
            return
        if fetched.content is None:
            yield Unchanged(name=url)
            return
        yield from fetched_records(fetched, max_bytes=self.options.max_bytes)
        with self.store.transaction() as connection:
            connection.execute(http_cache.delete().where(http_cache.c.url == url))
            connection.execute(
                http_cache.insert().values(
                    url=url,
                    etag=fetched.etag,
                    last_modified=fetched.last_modified,
                    status=fetched.status,
                    fetched_at=datetime.now(UTC),
                )
            )

    def ingest(self, record: Record | BadRecord | Unchanged, summary: IngestSummary) -> Outcome:
        """Archive one record; returns the bucket it landed in."""
        if isinstance(record, BadRecord):
            return self._error(summary, record.name, record.error, record.raw)
        if isinstance(record, Unchanged):
            return "skipped"
        raw_sha = sha256_bytes(record.raw)
        with self.store.transaction() as connection:
            if connection.execute(select(raw_inputs.c.outcome).where(raw_inputs.c.raw_sha256 == raw_sha)).first():
                return "skipped"
        try:
            found = record.read(html=self.options.html_extractor)
        except InputError as exc:
            return self._error(summary, record.name, str(exc), record.raw)
        now = datetime.now(UTC)
        text_sha = sha256_text(found.text)
        minhash = None
        with self.store.transaction() as connection:
            existing = connection.execute(select(documents.c.id).where(documents.c.sha256 == text_sha)).scalar()
            if existing is not None:
                if url := record.url or found.url:
                    insert_ignore(connection, document_urls, [{"document_id": existing, "url": url}])
                _mark(connection, raw_sha, existing, "duplicate", record.name, now)
                summary.document_ids.append(existing)
                return "duplicates"
            minhash = signature(found.text)
            near = self.index.match(minhash)
            canonical = _canonical(connection, near) if near else None
            url = record.url or found.url
            document = Document(
                id=f"doc-{text_sha[:20]}",
                url=url,
                canonical_url=found.url if found.url and found.url != url else url,
                title=found.title,
                publisher=found.publisher or (urlsplit(url).hostname if url else None),
                published=found.published,
                language=found.language,
                sha256=text_sha,
                fetched_at=record.fetched_at or now,
                duplicate_of=canonical,
            )
            save_document(connection, document, found.text, raw=record.raw, media_type=str(record.kind))
            if canonical is None:
                self.index.save(connection, document.id, minhash)
            _mark(connection, raw_sha, document.id, "near_duplicate" if canonical else "ingested", record.name, now)
        if canonical is None:
            self.index.remember(document.id, minhash)
        summary.document_ids.append(document.id)
        return "near_duplicates" if canonical else "ingested"

    def _error(self, summary: IngestSummary, name: str, error: str, raw: bytes | None) -> Outcome:
        raw_sha = sha256_bytes(raw) if raw else None
        with self.store.transaction() as connection:
            insert_ignore(
                connection,
                ingest_errors,
                [
                    {
                        "id": content_id("err", [name, error, raw_sha]),
                        "input": name,
                        "error": error,
                        "raw_sha256": raw_sha,
                        "at": datetime.now(UTC),
                    }
                ],
            )
        summary.errors.append({"input": name, "error": error})
        log.warning("%s: %s", name, error)
        if self.options.strict:
            raise InputError(f"{name}: {error} (stopped by --strict)")
        return "errors"


def _canonical(connection: Connection, document_id: str) -> str:
    """The canonical document of a near-duplicate group (the one a near-duplicate points to)."""
    parent = connection.execute(select(documents.c.duplicate_of).where(documents.c.id == document_id)).scalar()
    return str(parent or document_id)


def _mark(connection: Connection, raw_sha: str, document_id: str, outcome: str, name: str, at: datetime) -> None:
    insert_ignore(
        connection,
        raw_inputs,
        [{"raw_sha256": raw_sha, "document_id": document_id, "outcome": outcome, "input": name, "at": at}],
    )
