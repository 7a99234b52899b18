"""A generic importer of tabular data sets (CSV), driven by a column mapping written in YAML.

A mapping says which column holds which claim field, how a column's values translate into Oversight's
vocabulary, which values are constant for the whole data set, and which rows to leave out. Shipped mappings
live in ``mappings/``; users can write their own (see docs/importers.md).
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from oversight.errors import InputError, NotFoundError
from oversight.ingest.importers.base import (
    ImportContext,
    ImportSummary,
    error_message,
    load_directory,
    make_claim,
    read_source,
)
from oversight.model import ClaimFacts
from oversight.store.records import save_claims
from oversight.store.vendors import VendorDirectory

_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")
FIELDS = ("vendor", "vendor_country", "recipient_country", "buyer", "city", "technology", "status", "year")


class Column(BaseModel):
    """Where one field comes from, and how its cells are read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    column: str
    after: str | None = None  # keep the part after this separator ("1 | Huawei" → "Huawei")
    split: str | None = None  # several values in one cell: one claim each
    values: dict[str, str | None] = Field(default_factory=dict)  # cell value → Oversight value (None: skip row)
    unmapped: Literal["keep", "skip", "error"] = "keep"


class Mapping(BaseModel):
    """A data-set layout: its columns, translations and constants."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    download: list[str] = Field(default_factory=list)
    encoding: str = "utf-8-sig"
    delimiter: str = ","
    id_column: str | None = None
    source_columns: list[str] = Field(default_factory=list)
    constants: dict[str, str] = Field(default_factory=dict)
    fields: dict[str, Column]
    confidence: float = 0.6


def shipped_mappings() -> dict[str, Path]:
    """The mapping files shipped with Oversight, by name."""
    folder = Path(str(resources.files("oversight.ingest.importers") / "mappings"))
    return {p.stem: p for p in sorted(folder.glob("*.yml"))}


def load_mapping(name_or_path: str) -> Mapping:
    """A shipped mapping by name (``eff-atlas``) or a mapping file by path."""
    path = shipped_mappings().get(name_or_path) or Path(name_or_path)
    if not path.is_file():
        known = ", ".join(shipped_mappings())
        raise InputError(f"no mapping {name_or_path!r}: give a YAML file or one of {known}")
    try:
        mapping = Mapping.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"invalid mapping {path}: {str(exc).splitlines()[0]}") from exc
    unknown = set(mapping.fields) - set(FIELDS)
    if unknown:
        raise InputError(f"mapping {path}: unknown field(s) {', '.join(sorted(unknown))}; use {', '.join(FIELDS)}")
    return mapping


class TabularImporter:
    """Imports a CSV file through a :class:`Mapping`."""

    version = "1"

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.name = f"csv:{mapping.name}"

    def run(self, context: ImportContext, source: str) -> ImportSummary:
        """Import every row; rows the mapping leaves out are counted as skipped with the reason."""
        text = read_source(source, fetch=context.fetch).decode(self.mapping.encoding)
        reader = csv.DictReader(io.StringIO(text), delimiter=self.mapping.delimiter)
        header = list(reader.fieldnames or [])
        wanted = {c.column for c in self.mapping.fields.values()} | set(self.mapping.source_columns)
        missing = sorted(wanted - set(header))
        if missing:
            raise InputError(
                f"{source} does not have the layout of mapping {self.mapping.name!r}: missing "
                f"column(s) {', '.join(missing)}"
            )
        used = wanted | ({self.mapping.id_column} if self.mapping.id_column else set())
        summary = ImportSummary()
        directory = load_directory(context)
        for number, row in enumerate(reader, start=2):
            summary.records += 1
            summary.unused_fields.update(c for c in header if c not in used and (row.get(c) or "").strip())
            try:
                self._row(context, directory, row, number, summary)
            except (InputError, NotFoundError, ValidationError, ValueError) as exc:
                summary.error(f"line {number}", error_message(exc))
                directory = load_directory(context)
        return summary

    def _row(
        self,
        context: ImportContext,
        directory: VendorDirectory,
        row: dict[str, Any],
        number: int,
        summary: ImportSummary,
    ) -> None:
        values: dict[str, list[str | None]] = {field: [value] for field, value in self.mapping.constants.items()}
        for field, column in self.mapping.fields.items():
            cells = _cells(row.get(column.column), column)
            translated = [_translate(cell, column, field) for cell in cells] or [None]
            if any(t is _SKIP for t in translated):
                summary.skipped += 1
                return
            values[field] = [t for t in translated if isinstance(t, str) or t is None]
        urls = tuple(
            u.strip() for c in self.mapping.source_columns if (u := row.get(c) or "").strip().startswith("http")
        )
        key = (row.get(self.mapping.id_column) if self.mapping.id_column else None) or f"line {number}"
        with context.store.transaction() as connection:
            claims = []
            for vendor_name in values.get("vendor", [None]):
                facts = self._facts(context, connection, directory, values, vendor_name, summary)
                claims.append(
                    make_claim(
                        facts=facts,
                        origin=self.name,
                        version=self.version,
                        source_urls=urls,
                        confidence=self.mapping.confidence,
                        now=context.now,
                        key=str(key),
                    )
                )
            new = save_claims(connection, claims)
            summary.records_imported += bool(claims)
        summary.claims += new
        summary.skipped += len(claims) - new

    def _facts(
        self,
        context: ImportContext,
        connection: Any,
        directory: VendorDirectory,
        values: dict[str, list[str | None]],
        vendor_name: str | None,
        summary: ImportSummary,
    ) -> ClaimFacts:
        def one(field: str) -> str | None:
            found = values.get(field, [None])
            return found[0] if found else None

        recipient = context.reference.country(one("recipient_country") or "").alpha3
        vendor_country = one("vendor_country")
        vendor_country = context.reference.country(vendor_country).alpha3 if vendor_country else None
        vendor_id = None
        if vendor_name:
            found = directory.resolve(vendor_name)
            if found is None and vendor_country:
                found = directory.ensure(connection, vendor_name, country=vendor_country)
                summary.vendors_created += 1
            if found is not None:
                vendor_id, vendor_country = found.id, found.country
        year_match = _YEAR.search(one("year") or "")
        return ClaimFacts(
            vendor_id=vendor_id, vendor_name=vendor_name, vendor_country=vendor_country, recipient_country=recipient,
            buyer=one("buyer"), city=one("city"), technology=context.reference.technology(one("technology") or "").id,
            status=one("status") or "delivered", year=int(year_match.group(1)) if year_match else None,
        )  # fmt: skip


class _Skip:
    """A cell value the mapping says to leave out."""


_SKIP = _Skip()


def _cells(raw: object, column: Column) -> list[str]:
    text = str(raw or "").strip()
    if column.after and column.after in text:
        text = text.split(column.after, 1)[1].strip()
    parts = [p.strip() for p in text.split(column.split)] if column.split else [text]
    return [p for p in parts if p]


def _translate(cell: str, column: Column, field: str) -> str | _Skip | None:
    if not column.values:
        return cell
    if cell in column.values:
        mapped = column.values[cell]
        return _SKIP if mapped is None else mapped
    if column.unmapped == "skip":
        return _SKIP
    if column.unmapped == "error":
        raise InputError(f"{field}: value {cell!r} is not in the mapping")
    return cell
