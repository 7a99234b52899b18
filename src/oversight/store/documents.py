"""Documents: the archived texts every claim points into, their raw bytes, and full-text search."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, text

from oversight.ids import sha256_text
from oversight.model import Document
from oversight.store.rows import insert_ignore
from oversight.store.tables import blobs, document_urls, documents, raw_inputs


def save_document(
    connection: Connection,
    document: Document,
    text_: str,
    *,
    raw: bytes | None = None,
    media_type: str | None = None,
) -> bool:
    """Archive a document with its text (and raw bytes); False if a document with this text was already there.

    An exact duplicate (same text) at another URL only adds the URL to the existing document.
    """
    if sha256_text(text_) != document.sha256:
        raise ValueError(f"document {document.id}: sha256 does not match its text")
    raw_sha = None
    if raw is not None:
        raw_sha = sha256_bytes(raw)
        insert_ignore(
            connection,
            blobs,
            [
                {
                    "sha256": raw_sha,
                    "size": len(raw),
                    "media_type": media_type,
                    "content": zlib.compress(raw, 6),
                }
            ],
        )
    existing = connection.execute(select(documents.c.id).where(documents.c.sha256 == document.sha256)).scalar()
    doc_id = existing or document.id
    if existing is None:
        connection.execute(documents.insert().values(**document.model_dump(), raw_sha256=raw_sha, text=text_))
    if document.url:
        insert_ignore(connection, document_urls, [{"document_id": doc_id, "url": document.url}])
    return existing is None


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def get_document(connection: Connection, document_id: str) -> Document | None:
    """The document with this id, or None."""
    row = connection.execute(select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        return None
    return Document.model_validate({k: row[k] for k in Document.model_fields})


def find_document(connection: Connection, key: str) -> Document | None:
    """A document by id, by any URL it was seen at, or by the name of the input it was read from."""
    if found := get_document(connection, key):
        return found
    by_url = select(document_urls.c.document_id).where(document_urls.c.url == key)
    by_main_url = select(documents.c.id).where((documents.c.url == key) | (documents.c.canonical_url == key))
    by_input = select(raw_inputs.c.document_id).where(raw_inputs.c.input == key)
    for query in (by_main_url, by_url, by_input):
        if (document_id := connection.execute(query.limit(1)).scalar()) is not None:
            return get_document(connection, document_id)
    return None


def document_urls_of(connection: Connection, document_id: str) -> list[str]:
    """Every URL a document was seen at."""
    query = select(document_urls.c.url).where(document_urls.c.document_id == document_id).order_by(document_urls.c.url)
    return list(connection.execute(query).scalars())


def document_text(connection: Connection, document_id: str) -> str | None:
    """The archived text of a document, exactly as claims' offsets refer to it."""
    return connection.execute(select(documents.c.text).where(documents.c.id == document_id)).scalar()


def raw_bytes(connection: Connection, sha256: str) -> bytes | None:
    """The raw bytes archived under this sha256, decompressed."""
    content = connection.execute(select(blobs.c.content).where(blobs.c.sha256 == sha256)).scalar()
    return zlib.decompress(content) if content is not None else None


@dataclass(frozen=True)
class SearchHit:
    """A document that matches a full-text query."""

    document_id: str
    title: str | None
    url: str | None


def search_documents(connection: Connection, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Documents whose title or text match all words of ``query`` (FTS5 on SQLite, tsvector on PostgreSQL)."""
    words = [w for w in query.split() if w]
    if not words:
        return []
    if connection.dialect.name == "sqlite":
        # Each word quoted, so user input cannot be read as FTS5 query syntax.
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = connection.execute(
            text(
                "SELECT d.id, d.title, d.url FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
                "WHERE documents_fts MATCH :match ORDER BY rank LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
    else:
        vector = func.to_tsvector("simple", func.coalesce(documents.c.title, "") + " " + documents.c.text)
        tsquery = func.plainto_tsquery("simple", " ".join(words))
        rows = connection.execute(
            select(documents.c.id, documents.c.title, documents.c.url)
            .where(vector.op("@@")(tsquery))
            .order_by(func.ts_rank(vector, tsquery).desc())
            .limit(limit)
        )
    return [SearchHit(document_id=r[0], title=r[1], url=r[2]) for r in rows]
