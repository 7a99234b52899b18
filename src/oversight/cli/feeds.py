"""`oversight feeds add|list` and `oversight watch`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.cli.ingest import AllowPrivate
from oversight.ingest import FetchOptions, IngestOptions, Ingestor
from oversight.ingest import feeds as feed_ops
from oversight.store import Store

feeds_app = typer.Typer(help="Manage the RSS/Atom feeds that `oversight watch` polls.", no_args_is_help=True)


@feeds_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="The feed's http(s) URL.")],
    name: Annotated[str | None, typer.Option("--name", help="A label for the feed.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a feed."""
    with Store.open(db) as store:
        feed = feed_ops.add_feed(store, url, name=name)
    if as_json:
        print_json(feed.__dict__)
    else:
        console.print(f"Feed [bold]{feed.name or feed.url}[/] registered as {feed.id}.")


@feeds_app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Registered feeds and their latest poll."""
    with Store.open(db) as store:
        found = feed_ops.list_feeds(store)
    if as_json:
        print_json([f.__dict__ for f in found])
        return
    table = Table(title=f"Feeds ({len(found)})")
    for column in ("id", "name", "url", "last poll", "outcome", "new documents"):
        table.add_column(column)
    for f in found:
        table.add_row(
            f.id,
            f.name or "",
            f.url,
            str(f.last_poll or ""),
            f.last_outcome or "",
            "" if f.last_new_documents is None else str(f.last_new_documents),
        )
    console.print(table)


def watch(
    interval: Annotated[str, typer.Option("--interval", help="Time between polls: 30m, 2h, 45s…")] = "30m",
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once and stop.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
    allow_private: AllowPrivate = False,
) -> None:
    """Poll the registered feeds and ingest their new items."""
    seconds = feed_ops.parse_interval(interval)
    store = Store.open(db)
    ingestor = Ingestor(store, IngestOptions(fetch=FetchOptions(allow_private=allow_private)))

    def report(result: feed_ops.Poll) -> None:
        if not as_json:
            console.print(
                f"{result.feed.name or result.feed.url}: {result.outcome}, {result.items} new items, "
                f"{result.summary.ingested + result.summary.near_duplicates} new documents"
                + (f" — {result.error}" if result.error else ""),
                highlight=False,
            )

    try:
        polls = feed_ops.watch(ingestor, interval=seconds, once=once, on_poll=report)
    except KeyboardInterrupt:
        polls = []
    finally:
        ingestor.fetcher.close()
        store.close()
    if as_json:
        print_json(
            [
                {"feed": p.feed.url, "outcome": p.outcome, "items": p.items, "error": p.error, **p.summary.as_json()}
                for p in polls
            ]
        )
