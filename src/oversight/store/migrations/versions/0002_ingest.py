"""Ingestion: raw inputs read, ingest errors, MinHash signatures, HTTP cache, feeds and their polls.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

_ID = sa.String(64)
_STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "raw_inputs",
        sa.Column("raw_sha256", sa.String(64)),
        sa.Column("document_id", _ID),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("raw_sha256", name="pk_raw_inputs"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_raw_inputs_document_id_documents"),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", _ID),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("raw_sha256", sa.String(64)),
        sa.Column("at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )
    op.create_table(
        "document_minhash",
        sa.Column("document_id", _ID),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_minhash"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_document_minhash_document_id_documents"),
    )
    op.create_table(
        "http_cache",
        sa.Column("url", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("fetched_at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_http_cache"),
    )
    op.create_table(
        "feeds",
        sa.Column("id", _ID),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("added_at", _STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_table(
        "feed_polls",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("feed_id", _ID, nullable=False),
        sa.Column("at", _STAMP, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("new_documents", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_feed_polls"),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], name="fk_feed_polls_feed_id_feeds"),
    )
    op.create_index("ix_feed_polls_feed_id", "feed_polls", ["feed_id"])
