"""`oversight init`, `oversight db upgrade` and `oversight demo`."""

from __future__ import annotations

import typer
from rich.table import Table

from oversight.cli.analyze import analyze_command
from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.demo import load_demo_data
from oversight.reference import reference
from oversight.store import Store
from oversight.store.engine import describe

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


def init(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Create the database (or bring an existing one up to date)."""
    _upgrade(db, as_json=as_json)


@db_app.command("upgrade")
def upgrade(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Apply any pending schema migrations."""
    _upgrade(db, as_json=as_json)


def _upgrade(db: str | None, *, as_json: bool) -> None:
    with Store.open(db, migrate_schema=True) as store:
        revision = store.revision()
    if as_json:
        print_json({"database": describe(store.url), "revision": revision})
    else:
        console.print(f"Database [bold]{describe(store.url)}[/] is at schema revision {revision}.")


def demo(db: DbOption = "demo.db", as_json: JsonOption = False) -> None:
    """Build the demo database (the verified Central Asia starter data set) and summarise it."""
    with Store.open(db, migrate_schema=True) as store:
        imported = load_demo_data(store)
        counts = store.counts()
    stats = reference().stats()
    if as_json:
        print_json(
            {"database": describe(store.url), "imported": imported.as_json(), "rows": counts, "reference": stats}
        )
        return
    table = Table(title=f"Oversight demo — {describe(store.url)}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in {**counts, **{f"reference {k}": v for k, v in stats.items()}}.items():
        table.add_row(name.replace("_", " "), f"{value:,}")
    console.print(table)
    console.print(
        f"Starter data set: {imported.records} rows read, {imported.deployments} new deployments, "
        f"{len(imported.errors)} errors."
    )
    analyze_command("central-asia", db=db)
