"""`oversight reference stats|vendors|countries|buyers`: look things up in the reference knowledge base."""

from __future__ import annotations

from typing import Annotated, TypeVar

import typer
from rich.table import Table

from oversight.cli.common import JsonOption, console, print_json
from oversight.errors import NotFoundError
from oversight.model import Buyer, Country, Vendor
from oversight.reference import reference

reference_app = typer.Typer(
    help="Look up countries, vendors and buyers by any code, name or alias.", no_args_is_help=True
)
T = TypeVar("T", Vendor, Country, Buyer)
QueryArg = Annotated[str | None, typer.Argument(help="A code, id, name or alias (any case, any script).")]


@reference_app.command("stats")
def stats(as_json: JsonOption = False) -> None:
    """How many countries, vendors, buyers and technologies the knowledge base holds."""
    figures = reference().stats()
    if as_json:
        print_json(figures)
        return
    table = Table(title="Reference knowledge base")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in figures.items():
        table.add_row(name.replace("_", " "), str(value))
    console.print(table)


@reference_app.command("vendors")
def vendors(query: QueryArg = None, as_json: JsonOption = False) -> None:
    """Vendors, or those matching QUERY (e.g. `протей` finds Protei)."""
    found = _found(reference().find_vendors(query) if query else list(reference().vendors), "vendor", query)
    if as_json:
        print_json([v.model_dump(mode="json") for v in found])
        return
    table = Table(title=f"Vendors ({len(found)})")
    for column in ("id", "name", "country", "kind", "technologies", "aliases", "listings"):
        table.add_column(column)
    for v in found:
        table.add_row(
            v.id,
            v.name,
            v.country,
            v.kind.value,
            ", ".join(v.technologies),
            _short(v.aliases),
            ", ".join(sorted({x.list.value for x in v.listings})),
        )
    console.print(table)


@reference_app.command("countries")
def countries(query: QueryArg = None, as_json: JsonOption = False) -> None:
    """Countries, or those matching QUERY (code, English or Russian name, adjective: `казахстанские`)."""
    found = _found(reference().find_countries(query) if query else list(reference().countries), "country", query)
    if as_json:
        print_json([c.model_dump(mode="json") for c in found])
        return
    table = Table(title=f"Countries ({len(found)})")
    for column in ("alpha3", "numeric", "name", "name (ru)", "regions", "adjectives"):
        table.add_column(column)
    for c in found:
        table.add_row(
            c.alpha3,
            c.numeric,
            c.name_en,
            c.name_ru,
            ", ".join(c.regions),
            _short((*c.adjectives_en, *c.adjectives_ru[:1])),
        )
    console.print(table)


@reference_app.command("buyers")
def buyers(query: QueryArg = None, as_json: JsonOption = False) -> None:
    """Buying agencies and operators, or those matching QUERY (e.g. `ГКНБ`)."""
    found = _found(reference().find_buyers(query) if query else list(reference().buyers), "buyer", query)
    if as_json:
        print_json([b.model_dump(mode="json") for b in found])
        return
    table = Table(title=f"Buyers ({len(found)})")
    for column in ("id", "country", "kind", "name", "name (ru)", "aliases"):
        table.add_column(column)
    for b in found:
        table.add_row(b.id, b.country, b.kind.value, b.name, b.name_ru or "", _short(b.aliases))
    console.print(table)


def _found(items: list[T], kind: str, query: str | None) -> list[T]:
    if query and not items:
        raise NotFoundError(f"no {kind} matches {query!r}")
    return items


def _short(values: tuple[str, ...] | list[str], limit: int = 4) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f" (+{len(values) - limit})" if len(values) > limit else "")
