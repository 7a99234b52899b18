"""`oversight ingest` and `oversight source show`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from oversight.cli.common import DbOption, JsonOption, console, err_console, print_json
from oversight.errors import NotFoundError
from oversight.ingest import FetchOptions, IngestOptions, Ingestor, IngestSummary
from oversight.store import Store
from oversight.store import documents as docs

source_app = typer.Typer(help="Show archived documents.", no_args_is_help=True)

AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow URLs on loopback and private networks (your own intranet).")
]


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, '-' for standard input, or http(s) URLs.")],
    db: DbOption = None,
    as_json: JsonOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first bad document.")] = False,
    allow_private: AllowPrivate = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest single document read.")] = 25 * 1024**2,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Fetch even where robots.txt says no.")
    ] = False,
    fast_html: Annotated[
        bool, typer.Option("--fast-html", help="Extract HTML with resiliparse (faster; no date or site name).")
    ] = False,
) -> None:
    """Archive documents (HTML, text, Markdown, PDF, DOCX, JSON Lines, WARC) and link near-duplicates."""
    options = IngestOptions(
        strict=strict,
        max_bytes=max_bytes,
        html_extractor="resiliparse" if fast_html else "trafilatura",
        fetch=FetchOptions(allow_private=allow_private, max_bytes=max_bytes, respect_robots=not ignore_robots),
    )
    store = Store.open(db)
    show_progress = not as_json and err_console.is_terminal
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} records"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not show_progress,
    )
    task = progress.add_task("ingesting", total=None, rate="")

    def advance(_outcome: str) -> None:
        progress.advance(task)
        elapsed = progress.tasks[0].elapsed or 0.0
        done = progress.tasks[0].completed
        progress.update(task, rate=f"{done / elapsed:.1f} docs/s" if elapsed else "")

    try:
        with progress:
            summary = Ingestor(store, options, on_record=advance).run(inputs)
    finally:
        store.close()
    if as_json:
        print_json(summary.as_json())
    else:
        _print_summary(summary)


def _print_summary(summary: IngestSummary) -> None:
    table = Table(title="Ingest")
    table.add_column("outcome")
    table.add_column("records", justify="right")
    for key, value in summary.as_json().items():
        table.add_row(key.replace("_", " "), str(len(value) if isinstance(value, list) else value))
    console.print(table)
    for error in summary.errors[:20]:
        console.print(f"[red]error[/] {error['input']}: {error['error']}", highlight=False)
    if len(summary.errors) > 20:
        console.print(f"… and {len(summary.errors) - 20} more (see the ingest_errors table)")


@source_app.command("show")
def show(
    key: Annotated[str, typer.Argument(help="A document id, a URL it was seen at, or the input it was read from.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print a document's metadata and archived text."""
    with Store.open(db) as store, store.transaction() as connection:
        document = docs.find_document(connection, key)
        if document is None:
            raise NotFoundError(f"no document {key!r}: give a document id, URL or input name")
        text = docs.document_text(connection, document.id) or ""
        urls = docs.document_urls_of(connection, document.id)
    if as_json:
        print_json({**document.model_dump(mode="json"), "urls": urls, "text": text})
        return
    meta = Table.grid(padding=(0, 2))
    for name, value in document.model_dump(mode="json").items():
        meta.add_row(f"[bold]{name}[/]", "" if value is None else str(value))
    meta.add_row("[bold]urls[/]", "\n".join(urls))
    console.print(Panel(meta, title=document.title or document.id))
    console.print(text, highlight=False, markup=False)
