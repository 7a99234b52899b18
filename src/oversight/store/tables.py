"""The database schema: one SQLAlchemy table per record type of :mod:`oversight.model`.

Migrations in ``migrations/versions`` create exactly this schema; a test compares the two.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every back end (SQLite stores no zone, so one is put back on read)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


ID = String(64)
CODE = String(3)

blobs = Table(
    "blobs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("media_type", String(200)),
    Column("content", LargeBinary, nullable=False),  # zlib-compressed raw bytes
)

documents = Table(
    "documents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("title", Text),
    Column("publisher", Text),
    Column("published", Date),
    Column("language", String(8)),
    Column("fetched_at", UtcDateTime(), nullable=False),
    Column("duplicate_of", ID, ForeignKey("documents.id")),
    Column("raw_sha256", String(64), ForeignKey("blobs.sha256")),
    Column("text", Text, nullable=False),
)

document_urls = Table(
    "document_urls",
    metadata,
    Column("document_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("url", Text, primary_key=True),
)


def _fact_columns() -> list[Column[object]]:
    """The columns of :class:`oversight.model.ClaimFacts`, shared by claims and deployments."""
    return [
        Column("vendor_id", String(100)),
        Column("vendor_name", Text),
        Column("vendor_country", CODE),
        Column("recipient_country", CODE, nullable=False),
        Column("buyer", Text),
        Column("city", Text),
        Column("technology", String(40), nullable=False),
        Column("status", String(16), nullable=False),
        Column("year", Integer),
        Column("value", Float),
        Column("currency", String(3)),
    ]


claims = Table(
    "claims",
    metadata,
    Column("id", ID, primary_key=True),
    *_fact_columns(),
    Column("document_id", ID, ForeignKey("documents.id")),
    Column("quote", Text),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("source_urls", JSON, nullable=False),
    Column("origin", String(100), nullable=False),
    Column("origin_version", String(40), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("wrong", Boolean, nullable=False, server_default=false()),  # marked wrong by a reviewer
    Index(None, "document_id"),
    Index(None, "origin"),
    Index(None, "recipient_country"),
)

deployments = Table(
    "deployments",
    metadata,
    Column("id", ID, primary_key=True),
    *_fact_columns(),
    Column("review_state", String(20), nullable=False),
    Column("corroboration", String(20), nullable=False),
    Column("first_seen", Date),
    Column("last_seen", Date),
    Column("last_checked", Date),
    # Values reviewers set by hand, field → value; the columns above hold the effective values.
    Column("overrides", JSON, nullable=False, server_default="{}"),
    Index(None, "recipient_country"),
)

deployment_claims = Table(
    "deployment_claims",
    metadata,
    Column("deployment_id", ID, ForeignKey("deployments.id"), primary_key=True),
    Column("claim_id", ID, ForeignKey("claims.id"), primary_key=True),
)

history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(100), nullable=False),
    Column("field", String(60), nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("who", String(100), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("why", Text),
    Index(None, "entity_type", "entity_id"),
)

# Vendors that are not in the shipped registry: created by importers (unreviewed) or added by users.
vendors = Table(
    "vendors",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", CODE, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("parent", String(100)),
    Column("review", String(20), nullable=False),
    Column("sources", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

# Extra aliases for any vendor, shipped or not, added by reviewers or by vendor resolution.
vendor_aliases = Table(
    "vendor_aliases",
    metadata,
    Column("vendor_id", String(100), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("folded", Text, nullable=False),
    Index(None, "folded"),
)

# -- ingestion ------------------------------------------------------------------------------------------------

# Every raw input (a file, a JSONL line, a WARC record, a fetched page) by the sha256 of its bytes, with what
# became of it, so that a re-run skips what it has already read.
raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("raw_sha256", String(64), primary_key=True),
    Column("document_id", ID, ForeignKey("documents.id")),
    Column("outcome", String(20), nullable=False),
    Column("input", Text, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", ID, primary_key=True),
    Column("input", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("raw_sha256", String(64)),
    Column("at", UtcDateTime(), nullable=False),
)

# MinHash signatures of canonical documents, for near-duplicate detection across runs.
document_minhash = Table(
    "document_minhash",
    metadata,
    Column("document_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

# Validators of fetched URLs for conditional requests (ETag / Last-Modified).
http_cache = Table(
    "http_cache",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("status", Integer, nullable=False),
    Column("fetched_at", UtcDateTime(), nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", ID, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("added_at", UtcDateTime(), nullable=False),
)

feed_polls = Table(
    "feed_polls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("feed_id", ID, ForeignKey("feeds.id"), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("items", Integer, nullable=False),
    Column("new_documents", Integer, nullable=False),
    Column("error", Text),
    Index(None, "feed_id"),
)

# -- extraction -------------------------------------------------------------------------------------------------

# Which extractor version has read which document, so that a re-run skips what it has done.
extraction_runs = Table(
    "extraction_runs",
    metadata,
    Column("document_id", ID, ForeignKey("documents.id"), primary_key=True),
    Column("extractor", String(100), primary_key=True),
    Column("version", String(40), nullable=False),
    Column("claims", Integer, nullable=False),
    Column("at", UtcDateTime(), nullable=False),
)

# Vendors merged into another: claims naming the first now name the second.
vendor_merges = Table(
    "vendor_merges",
    metadata,
    Column("from_id", String(100), primary_key=True),
    Column("into_id", String(100), nullable=False),
    Column("who", String(100), nullable=False),
    Column("at", UtcDateTime(), nullable=False),
)
