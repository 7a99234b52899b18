"""Opening a database: connect, check the schema version, hand out transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from oversight.errors import StoreError
from oversight.store import migrate
from oversight.store.engine import database_url, describe, make_engine
from oversight.store.tables import claims, deployments, documents, history, vendors


@dataclass
class Store:
    """An open Oversight database."""

    engine: Engine
    url: str

    @classmethod
    def open(cls, db: str | None = None, *, migrate_schema: bool = False) -> Store:
        """Connect to the database named by ``db`` (see :func:`database_url`).

        With ``migrate_schema`` the schema is created or upgraded; otherwise a database that is not at this
        version's schema is refused with a message saying what to run.
        """
        url = database_url(db)
        store = cls(engine=make_engine(url), url=url)
        try:
            current = migrate.current_revision(store.engine)
            if migrate_schema:
                migrate.upgrade(store.engine)
            elif current is None:
                raise StoreError(f"database {describe(url)} is not initialised: run `oversight init`")
            elif current != migrate.head_revision():
                raise StoreError(f"database {describe(url)} is at schema {current}: run `oversight db upgrade`")
        except OperationalError as exc:
            store.engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open database {describe(url)}: {reason}") from exc
        return store

    def upgrade(self) -> tuple[str | None, str]:
        """Bring the schema to this version's newest migration; (revision before, revision after)."""
        return migrate.upgrade(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on any error."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as exc:
            raise StoreError(f"database {describe(self.url)} failed: {exc.orig}") from exc

    def counts(self) -> dict[str, int]:
        """How many rows the main tables hold."""
        tables = {
            "documents": documents,
            "claims": claims,
            "deployments": deployments,
            "vendors": vendors,
            "history": history,
        }
        with self.transaction() as connection:
            return {
                name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
                for name, t in tables.items()
            }

    def revision(self) -> str | None:
        """The schema revision the database is at."""
        return migrate.current_revision(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        with suppress(SQLAlchemyError):
            self.engine.dispose()
