"""The `oversight` command line: thin commands that parse, call one library function and report.

Every error the library raises on purpose (:class:`~oversight.errors.OversightError`) becomes one line on
stderr and exit code 2; nothing prints a traceback at a user.
"""

from __future__ import annotations

import logging
import sys

import typer

from oversight.cli import analyze, curate, db, extract, feeds, imports, ingest
from oversight.cli.common import err_console
from oversight.cli.reference import reference_app
from oversight.errors import OversightError

app = typer.Typer(
    name="oversight",
    help="Oversight: an open observatory of surveillance-technology transfers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("init")(db.init)
app.command("demo")(db.demo)
app.add_typer(db.db_app, name="db")
app.command("ingest")(ingest.ingest)
app.add_typer(ingest.source_app, name="source")
app.add_typer(feeds.feeds_app, name="feeds")
app.command("watch")(feeds.watch)
app.add_typer(imports.import_app, name="import")
app.command("extract")(extract.extract)
app.command("eval")(extract.eval_)
app.command("curate")(curate.curate)
app.add_typer(curate.review_app, name="review")
app.command("history")(curate.history)
app.command("corrections")(curate.corrections)
app.command("stale")(curate.stale)
app.add_typer(curate.vendors_app, name="vendors")
app.command("analyze")(analyze.analyze_command)
app.command("whatif")(analyze.whatif)
app.command("diversify")(analyze.diversify)
app.add_typer(reference_app, name="reference")


def main() -> None:
    """Entry point of the `oversight` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except OversightError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("aborted")
        sys.exit(130)
