"""Ingestion: files, folders, standard input, URLs, feeds and web archives → archived, de-duplicated documents.

:class:`Ingestor` runs it; importers of published data sets live in :mod:`oversight.ingest.importers`.
"""

from oversight.ingest.fetch import Fetcher, FetchOptions
from oversight.ingest.pipeline import IngestOptions, Ingestor, IngestSummary

__all__ = ["FetchOptions", "Fetcher", "IngestOptions", "IngestSummary", "Ingestor"]
