"""Extraction: which extractor version has read which document.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "extraction_runs",
        sa.Column("document_id", sa.String(64)),
        sa.Column("extractor", sa.String(100)),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "extractor", name="pk_extraction_runs"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_extraction_runs_document_id_documents"),
    )
