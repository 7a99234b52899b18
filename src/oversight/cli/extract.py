"""`oversight extract` and `oversight eval`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.errors import InputError
from oversight.extract.evaluate import evaluate, file_hash, read_gold
from oversight.extract.run import EXTRACTORS, ExtractSummary, extract_documents
from oversight.store import Store


def extract(
    db: DbOption = None,
    as_json: JsonOption = False,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only documents fetched on or after this date.")] = None,
    extractor: Annotated[str, typer.Option("--extractor", help="Which extractor to run.")] = "rules-lr",
    workers: Annotated[int, typer.Option("--workers", help="Processes reading documents (one per core).")] = 1,
) -> None:
    """Propose supply and deployment claims, with their evidence, from archived documents."""
    if extractor not in EXTRACTORS:
        raise InputError(f"unknown extractor {extractor!r}: one of {', '.join(EXTRACTORS)}")
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise InputError(f"--since takes a date like 2024-01-31, not {since!r}") from exc
    with Store.open(db) as store:
        summary = extract_documents(store, EXTRACTORS[extractor](), document_id=doc, since=since_date, workers=workers)
    if as_json:
        print_json(summary.as_json())
    else:
        _print_summary(summary, extractor)
    if summary.failed:  # the other documents were read; these are left for the next run
        raise typer.Exit(code=1)


def _print_summary(summary: ExtractSummary, extractor: str) -> None:
    table = Table(title=f"Extract ({extractor})")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in summary.as_json().items():
        if not isinstance(value, dict):
            table.add_row(key, str(value))
    for status, count in summary.by_status.items():
        table.add_row(f"claims {status}", str(count))
    console.print(table)
    for doc_id, error in summary.failed.items():
        console.print(f"[red]failed[/red] {doc_id}: {error} (left unread: the next run tries it again)")


def eval_(
    gold: Annotated[Path, typer.Argument(help="A gold JSON Lines file (see shared/gold/README.md).")],
    as_json: JsonOption = False,
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write one JSON line of claims per passage here.")
    ] = None,
) -> None:
    """Score the extractor against annotated passages (micro precision, recall, F1; per language; fields)."""
    passages = read_gold(gold)
    extractor = EXTRACTORS["rules-lr"]()
    score, predictions = evaluate(passages, extractor)
    digest = file_hash(gold)
    in_sample = f"sha256:{digest}" in extractor.model.trained_on  # the shipped model was trained on this file
    if predictions_out:
        with predictions_out.open("w", encoding="utf-8") as handle:
            for row in predictions:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    result = score.as_json()
    if as_json:
        print_json(result | {"gold_sha256": digest, "in_sample": in_sample})
        return
    table = Table(title=f"Extraction quality on {gold.name} ({result['passages']} passages)")
    for column in ("set", "precision", "recall", "F1", "predicted", "gold", "matched"):
        table.add_column(column, justify="right" if column != "set" else "left")
    rows = [("all", result)] + [(lang, figures) for lang, figures in result["by_language"].items()]
    for name, figures in rows:
        table.add_row(
            name,
            f"{figures['precision']:.3f}",
            f"{figures['recall']:.3f}",
            f"{figures['f1']:.3f}",
            str(figures["predictions"]),
            str(figures["gold"]),
            str(figures["matched"]),
        )
    console.print(table)
    fields = Table(title="Field accuracy on matched pairs")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    fields.add_column("n", justify="right")
    for name, figure in result["fields"].items():
        fields.add_row(name, f"{figure['accuracy']:.3f}", str(figure["n"]))
    console.print(fields)
    if in_sample:
        console.print(
            "[yellow]The shipped model was trained on this file: these figures are in-sample. "
            "`make train` prints cross-validated ones, the estimate for unseen text.[/yellow]"
        )
