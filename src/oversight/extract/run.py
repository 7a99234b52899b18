"""Extraction over the archive: read documents, store their claims with evidence, remember what was read."""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import delete, select

from oversight.errors import InputError, NotFoundError
from oversight.extract.engine import Extraction, Extractor
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
    failed: dict[str, str] = field(default_factory=dict)  # document id → what went wrong (left for the next run)

    def as_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "claims": self.claims,
            "replaced": self.replaced,
            "by_status": dict(sorted(self.by_status.items())),
            "failed": dict(sorted(self.failed.items())),
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
    workers: int = 1,
) -> ExtractSummary:
    """Run the extractor over canonical and near-duplicate documents not yet read by this version, in ``workers``
    processes (the store is written by this one, a batch of documents per transaction: a run stopped half-way goes on
    from the batch it was storing).

    Re-running a newer version replaces this extractor's earlier claims on each document it reads again (claims
    that reviewers already linked to a deployment are kept).
    """
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
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
    pending = [doc_id for doc_id in ids if done.get(doc_id) != extractor.version]
    summary.skipped = len(ids) - len(pending)
    if on_document:
        for _ in range(summary.skipped):
            on_document()
    batch: list[tuple[str, str, list[Extraction]]] = []
    read_before = set(done)
    for doc_id, text, extractions in _read(store, extractor, pending, workers):
        if isinstance(extractions, str):  # the extractor failed on this document: the others go on
            log.error("extraction failed on document %s: %s", doc_id, extractions)
            summary.failed[doc_id] = extractions
            if on_document:
                on_document()
            continue
        batch.append((doc_id, text, extractions))
        if len(batch) >= _BATCH:
            _save(store, extractor, batch, read_before, summary, on_document)
            batch = []
    _save(store, extractor, batch, read_before, summary, on_document)
    return summary


def _texts(store: Store, ids: list[str]) -> dict[str, str]:
    with store.transaction() as connection:
        rows = connection.execute(select(documents.c.id, documents.c.text).where(documents.c.id.in_(ids))).all()
    return dict(rows)


def _read(
    store: Store, extractor: Extractor, ids: list[str], workers: int
) -> Iterator[tuple[str, str, list[Extraction] | str]]:
    """(document id, text, what the extractor found or the error it raised) for each document, in order; texts are
    read from the store a window at a time, so memory stays bounded whatever the size of the archive."""
    window = max(1, workers) * _WINDOW_PER_WORKER

    def documents_in_order() -> Iterator[tuple[str, str]]:
        for start in range(0, len(ids), window):
            texts = _texts(store, ids[start : start + window])
            yield from ((doc_id, texts[doc_id]) for doc_id in ids[start : start + window])

    first, second = itertools.tee(documents_in_order())
    found = _extract_all(extractor, (text for _, text in first), workers)
    for (doc_id, text), extractions in zip(second, found, strict=True):
        yield doc_id, text, extractions


def extract_texts(extractor: Extractor, texts: Iterable[str], *, workers: int = 1) -> Iterator[list[Extraction]]:
    """What the extractor finds in each text, in order: in this process, or in ``workers`` processes that each hold
    a copy of the extractor (forked where the platform allows, else sent once to each). Texts are handed out a
    window at a time. An error in any text is raised."""
    for found in _extract_all(extractor, texts, workers):
        if isinstance(found, str):
            raise RuntimeError(f"extraction failed: {found}")
        yield found


def _extract_all(extractor: Extractor, texts: Iterable[str], workers: int) -> Iterator[list[Extraction] | str]:
    """What the extractor finds in each text, or the error it raised there (as text), in order."""
    if workers <= 1:
        yield from (_extract_one(extractor, text) for text in texts)
        return
    extractor.prepare()  # loaded once here, shared by forked workers
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(extractor,)) as pool:
        iterator = iter(texts)
        while chunk := list(itertools.islice(iterator, workers * _WINDOW_PER_WORKER)):
            # chunks of up to _CHUNK texts, at least four per worker so that a short run is shared too
            size = max(1, min(_CHUNK, len(chunk) // (workers * 4)))
            yield from pool.map(_worker_extract, chunk, chunksize=size)


def _extract_one(extractor: Extractor, text: str) -> list[Extraction] | str:
    try:
        return extractor.extract(text)
    except Exception as exc:  # one document's failure is reported, and the run goes on
        return f"{type(exc).__name__}: {exc}"


#: Documents read from the store per worker at a time, and the most handed to a worker at a time. Measured on
#: 2026-12-06 (10 MB of the benchmark corpus, 2 workers on 2 cores; one process 10.5 MB/s): 64 / 8 14.7–14.9 MB/s,
#: 64 / 32 16.9, 256 / 32 18.1–18.2, 512 / 64 17.7–18.3 — fewer, larger hand-overs leave the parent process, which
#: shares the cores, less to do.
_WINDOW_PER_WORKER = 256
_CHUNK = 32
_worker: Extractor | None = None


def _start_worker(extractor: Extractor) -> None:
    global _worker
    _worker = extractor


def _worker_extract(text: str) -> list[Extraction] | str:
    if _worker is None:
        raise RuntimeError("extraction worker used before it was started")
    return _extract_one(_worker, text)


#: Documents whose claims are stored in one transaction. Measured on 2026-12-06 (4 MB of the benchmark corpus, 1,522
#: documents, SQLite, end to end): a document per transaction, as before, 2.9 MB/s in one process and 5.0 with two
#: workers; now 1 / 16 / 64 / 256 per transaction 5.0 / 6.9 / 7.5–7.7 / 6.5 MB/s in one process, 11.3 with two.
_BATCH = 64


def _save(
    store: Store,
    extractor: Extractor,
    batch: list[tuple[str, str, list[Extraction]]],
    read_before: set[str],
    summary: ExtractSummary,
    on_document: Callable[[], None] | None,
) -> None:
    """Store the claims of a batch of documents (replacing this extractor's earlier ones on the documents it read
    before: ``read_before``) and remember that they were read, in one transaction: a run stopped half-way reads the
    batch it was storing again."""
    if not batch:
        return
    origin = origin_of(extractor)
    with store.transaction() as connection:
        now = datetime.now(UTC)
        found: list[Claim] = []
        counts: dict[str, int] = {}
        directory: VendorDirectory | None = None
        for doc_id, text, extractions in batch:
            counts[doc_id] = len(extractions)
            for extraction in extractions:
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
        again = [doc_id for doc_id in counts if doc_id in read_before]  # read by another version: replace
        if again:
            linked = select(deployment_claims.c.claim_id)
            stale = delete(claims).where(
                claims.c.document_id.in_(again),
                claims.c.origin == origin,
                claims.c.id.not_in([c.id for c in found]),  # a claim's id includes its document's
                claims.c.id.not_in(linked),
            )
            summary.replaced += connection.execute(stale).rowcount or 0
            connection.execute(
                delete(extraction_runs).where(
                    extraction_runs.c.document_id.in_(again), extraction_runs.c.extractor == extractor.name
                )
            )
        summary.claims += save_claims(connection, found)
        for claim in found:
            summary.by_status[claim.facts.status.value] = summary.by_status.get(claim.facts.status.value, 0) + 1
        connection.execute(
            extraction_runs.insert(),
            [
                {"document_id": d, "extractor": extractor.name, "version": extractor.version, "claims": n, "at": now}
                for d, n in counts.items()
            ],
        )
    summary.documents += len(batch)
    if on_document:
        for _ in batch:
            on_document()
