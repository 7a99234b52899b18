"""Importers of published data sets, registered by name: ``sii``, ``csv`` (with a mapping) and ``deployments``."""

from __future__ import annotations

from oversight.ingest.importers.base import ImportContext, Importer, ImportSummary
from oversight.ingest.importers.deployments import DeploymentsImporter
from oversight.ingest.importers.sii import SiiImporter
from oversight.ingest.importers.tabular import TabularImporter, load_mapping, shipped_mappings

#: Importers that need no options, by the name `oversight import NAME` uses.
IMPORTERS: dict[str, Importer] = {"sii": SiiImporter(), "deployments": DeploymentsImporter()}

__all__ = [
    "IMPORTERS",
    "DeploymentsImporter",
    "ImportContext",
    "ImportSummary",
    "Importer",
    "SiiImporter",
    "TabularImporter",
    "load_mapping",
    "shipped_mappings",
]
