"""Curation: reviewers' overrides on deployments, claims marked wrong, vendor merges.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("deployments") as batch:
        batch.add_column(sa.Column("overrides", sa.JSON, nullable=False, server_default="{}"))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("wrong", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "vendor_merges",
        sa.Column("from_id", sa.String(100)),
        sa.Column("into_id", sa.String(100), nullable=False),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("from_id", name="pk_vendor_merges"),
    )
