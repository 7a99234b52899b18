"""The store: one SQLAlchemy database (a SQLite file by default, PostgreSQL for teams) with Alembic migrations.

:class:`Store` opens a database and checks it is at this version's schema; the functions of
:mod:`~oversight.store.documents` and :mod:`~oversight.store.records` read and write rows inside
:meth:`Store.transaction`.
"""

from oversight.store.engine import ENV_URL, database_url
from oversight.store.store import Store

__all__ = ["ENV_URL", "Store", "database_url"]
