"""Where the database is and how to connect to it: SQLite by default, any SQLAlchemy URL on request."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from oversight.errors import StoreError

ENV_URL = "OVERSIGHT_DATABASE_URL"
DEFAULT_PATH = "oversight.db"


def database_url(db: str | None = None) -> str:
    """The database URL: ``--db`` (a path or a URL), else ``$OVERSIGHT_DATABASE_URL``, else ./oversight.db."""
    target = db or os.environ.get(ENV_URL) or DEFAULT_PATH
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while a pipeline writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode and foreign keys."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r} (give a file path or e.g. postgresql+psycopg://…)") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not Path(database).parent.exists():
            raise StoreError(f"cannot create database {database}: folder {Path(database).parent} does not exist")
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise StoreError(f"no driver for {parsed.drivername}: {exc}") from exc
