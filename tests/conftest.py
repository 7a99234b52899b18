"""Shared fixtures: a fresh database on each back end (a SQLite file; a PostgreSQL database when available)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from oversight.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POSTGRES_ENV = "OVERSIGHT_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """A factory of URLs of empty databases: SQLite files, or new databases on the test PostgreSQL server."""
    created: list[str] = []
    server = os.environ.get(POSTGRES_ENV)
    if request.param == "postgresql" and not server:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    admin = create_engine(server, isolation_level="AUTOCOMMIT") if request.param == "postgresql" and server else None

    def make() -> str:
        name = f"oversight_test_{uuid.uuid4().hex[:12]}"
        if admin is None:
            return f"sqlite:///{tmp_path / (name + '.db')}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(server or "").set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as connection:
            for name in created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db_url(new_db_url: Callable[[], str]) -> str:
    """The URL of one empty database on each back end."""
    return new_db_url()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An initialised store on each back end."""
    opened = Store.open(db_url, migrate_schema=True)
    yield opened
    opened.close()


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `oversight` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )
