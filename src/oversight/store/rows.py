"""Portable row writes: insert-or-ignore on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignore(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the rows whose primary key is new; return how many were inserted."""
    if not rows:
        return 0
    dialect = connection.dialect.name
    if dialect == "postgresql":
        statement: Any = postgresql.insert(table).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise NotImplementedError(dialect)
    # RETURNING counts the inserted rows reliably on both back ends (rowcount does not, with psycopg).
    statement = statement.returning(*table.primary_key.columns)
    return sum(len(connection.execute(statement, row).all()) for row in rows)
