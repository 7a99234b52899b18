"""`oversight import sii|csv|deployments`: published data sets into claims and deployments."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.cli.ingest import AllowPrivate
from oversight.ingest import FetchOptions
from oversight.ingest.importers import IMPORTERS, ImportContext, Importer, ImportSummary, TabularImporter, load_mapping
from oversight.reference import reference
from oversight.store import Store

import_app = typer.Typer(help="Import published data sets (a path or an http(s) URL).", no_args_is_help=True)
SourceArg = Annotated[str, typer.Argument(help="The data set: a file path or an http(s) URL.")]


@import_app.command("sii")
def sii(
    source: SourceArg, db: DbOption = None, as_json: JsonOption = False, allow_private: AllowPrivate = False
) -> None:
    """Privacy International's Surveillance Industry Index transfers (transfers.json)."""
    _run(IMPORTERS["sii"], source, db=db, as_json=as_json, allow_private=allow_private)


@import_app.command("csv")
def csv_(
    source: SourceArg,
    mapping: Annotated[
        str, typer.Option("--mapping", help="A mapping YAML file, or a shipped one: eff-atlas, aspi-techmap.")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
    allow_private: AllowPrivate = False,
) -> None:
    """Any CSV data set, through a column mapping."""
    _run(TabularImporter(load_mapping(mapping)), source, db=db, as_json=as_json, allow_private=allow_private)


@import_app.command("deployments")
def deployments(
    source: SourceArg, db: DbOption = None, as_json: JsonOption = False, allow_private: AllowPrivate = False
) -> None:
    """Oversight's canonical CSV of deployments (what `oversight export --format csv` writes)."""
    _run(IMPORTERS["deployments"], source, db=db, as_json=as_json, allow_private=allow_private)


def _run(importer: Importer, source: str, *, db: str | None, as_json: bool, allow_private: bool) -> None:
    with Store.open(db) as store:
        context = ImportContext(store=store, reference=reference(), fetch=FetchOptions(allow_private=allow_private))
        summary = importer.run(context, source)
    if as_json:
        print_json(summary.as_json())
    else:
        _print(importer.name, summary)


def _print(name: str, summary: ImportSummary) -> None:
    table = Table(title=f"Import {name}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in summary.as_json().items():
        if not isinstance(value, (list, dict)):
            table.add_row(key.replace("_", " "), f"{value:,}")
    table.add_row("errors", str(len(summary.errors)))
    console.print(table)
    if summary.unused_fields:
        console.print(
            "Unused fields: " + ", ".join(f"{k} ({v})" for k, v in sorted(summary.unused_fields.items())),
            highlight=False,
        )
    for error in summary.errors[:20]:
        console.print(f"[red]error[/] {error['record']}: {error['error']}", highlight=False)
    if len(summary.errors) > 20:
        console.print(f"… and {len(summary.errors) - 20} more (use --json for all)")
