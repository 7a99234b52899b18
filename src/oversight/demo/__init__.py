"""The demo database: a starter data set of Central Asian deployments, each checked against its source.

``central-asia.csv`` is in Oversight's canonical deployments format; docs/demo-data.md says how it was made.
"""

from __future__ import annotations

from importlib import resources

from oversight.ingest.importers import IMPORTERS, ImportContext, ImportSummary
from oversight.reference import reference
from oversight.store import Store


def demo_data_path() -> str:
    """The path of the bundled starter data set."""
    return str(resources.files("oversight.demo") / "central-asia.csv")


def load_demo_data(store: Store) -> ImportSummary:
    """Import the starter data set (importing it again changes nothing)."""
    return IMPORTERS["deployments"].run(ImportContext(store=store, reference=reference()), demo_data_path())
