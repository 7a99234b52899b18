"""Initial schema: documents and their archive, claims, deployments, history, user vendors, full-text search.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

_ID = sa.String(64)
_CODE = sa.String(3)


def _facts() -> list[sa.Column[object]]:
    return [
        sa.Column("vendor_id", sa.String(100)),
        sa.Column("vendor_name", sa.Text),
        sa.Column("vendor_country", _CODE),
        sa.Column("recipient_country", _CODE, nullable=False),
        sa.Column("buyer", sa.Text),
        sa.Column("city", sa.Text),
        sa.Column("technology", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("value", sa.Float),
        sa.Column("currency", sa.String(3)),
    ]


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(200)),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blobs"),
    )
    op.create_table(
        "documents",
        sa.Column("id", _ID),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(8)),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duplicate_of", _ID),
        sa.Column("raw_sha256", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
        sa.ForeignKeyConstraint(["duplicate_of"], ["documents.id"], name="fk_documents_duplicate_of_documents"),
        sa.ForeignKeyConstraint(["raw_sha256"], ["blobs.sha256"], name="fk_documents_raw_sha256_blobs"),
    )
    op.create_table(
        "document_urls",
        sa.Column("document_id", _ID),
        sa.Column("url", sa.Text),
        sa.PrimaryKeyConstraint("document_id", "url", name="pk_document_urls"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_document_urls_document_id_documents"),
    )
    op.create_table(
        "claims",
        sa.Column("id", _ID),
        *_facts(),
        sa.Column("document_id", _ID),
        sa.Column("quote", sa.Text),
        sa.Column("quote_start", sa.Integer),
        sa.Column("quote_end", sa.Integer),
        sa.Column("source_urls", sa.JSON, nullable=False),
        sa.Column("origin", sa.String(100), nullable=False),
        sa.Column("origin_version", sa.String(40), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_claims_document_id_documents"),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_origin", "claims", ["origin"])
    op.create_index("ix_claims_recipient_country", "claims", ["recipient_country"])
    op.create_table(
        "deployments",
        sa.Column("id", _ID),
        *_facts(),
        sa.Column("review_state", sa.String(20), nullable=False),
        sa.Column("corroboration", sa.String(20), nullable=False),
        sa.Column("first_seen", sa.Date),
        sa.Column("last_seen", sa.Date),
        sa.Column("last_checked", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_deployments"),
    )
    op.create_index("ix_deployments_recipient_country", "deployments", ["recipient_country"])
    op.create_table(
        "deployment_claims",
        sa.Column("deployment_id", _ID),
        sa.Column("claim_id", _ID),
        sa.PrimaryKeyConstraint("deployment_id", "claim_id", name="pk_deployment_claims"),
        sa.ForeignKeyConstraint(
            ["deployment_id"], ["deployments.id"], name="fk_deployment_claims_deployment_id_deployments"
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name="fk_deployment_claims_claim_id_claims"),
    )
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("entity_type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(100), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("why", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_history"),
    )
    op.create_index("ix_history_entity_type_entity_id", "history", ["entity_type", "entity_id"])
    op.create_table(
        "vendors",
        sa.Column("id", sa.String(100)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", _CODE, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("parent", sa.String(100)),
        sa.Column("review", sa.String(20), nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_vendors"),
    )
    op.create_table(
        "vendor_aliases",
        sa.Column("vendor_id", sa.String(100)),
        sa.Column("alias", sa.Text),
        sa.Column("folded", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("vendor_id", "alias", name="pk_vendor_aliases"),
    )
    op.create_index("ix_vendor_aliases_folded", "vendor_aliases", ["folded"])
    _create_full_text_search()


def _create_full_text_search() -> None:
    """FTS5 over documents on SQLite (kept in sync by triggers); a tsvector GIN index on PostgreSQL."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', "
            "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
            "VALUES ('delete', old.rowid, old.title, old.text); "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_documents_fts ON documents USING gin "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
        )
