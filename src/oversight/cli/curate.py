"""`oversight curate`, `review`, `history`, `corrections`, `stale` and `vendors`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.curate import freshness, review
from oversight.curate import vendors as vendor_ops
from oversight.curate.consolidate import curate as run_curate
from oversight.curate.consolidate import deployment_summary
from oversight.errors import InputError
from oversight.model import Deployment, ReviewState
from oversight.reference import reference
from oversight.store import Store
from oversight.store import documents as docs
from oversight.store.records import load_claims, load_deployments, load_history, load_history_field

WhoOption = Annotated[str, typer.Option("--who", help="Who is making the change (default: $OVERSIGHT_USER, $USER).")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why: recorded in the history.")]
review_app = typer.Typer(
    help="Review deployments: an interactive queue, or one action at a time.", invoke_without_command=True
)
vendors_app = typer.Typer(help="Resolve, merge, add and alias vendors.", no_args_is_help=True)


def _who(value: str | None) -> str:
    return value or os.environ.get("OVERSIGHT_USER") or os.environ.get("USER") or "reviewer"


def curate(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Consolidate claims into deployments (new claims attach to existing ones); re-running changes nothing."""
    with Store.open(db) as store:
        result = run_curate(store, reference())
    if as_json:
        print_json(result.as_json())
        return
    _table(f"Curate: {len(result.created)} created, {len(result.changed)} changed", result.created + result.changed)


def _table(title: str, items: list[Deployment]) -> None:
    table = Table(title=title)
    for column in ("id", "vendor", "from", "to", "technology", "status", "year", "review", "corroboration", "claims"):
        table.add_column(column)
    for d in items:
        row = deployment_summary(d)
        table.add_row(
            d.id,
            str(row["vendor"] or "?"),
            row["vendor_country"] or "",
            row["recipient_country"],
            row["technology"],
            row["status"],
            str(row["year"] or ""),
            row["review_state"],
            row["corroboration"],
            str(row["claims"]),
        )
    console.print(table)


@review_app.callback()
def review_queue(
    ctx: typer.Context,
    db: DbOption = None,
    who: WhoOption = "",
    state: Annotated[str, typer.Option("--state", help="Which review state to queue.")] = "proposed",
) -> None:
    """With no sub-command: the interactive queue (a accept, r reject, n needs evidence, e edit, m merge,
    o open source, s skip, q quit)."""
    if ctx.invoked_subcommand is not None:
        return
    with Store.open(db) as store:
        _queue(store, ReviewState(state), _who(who))


def _queue(store: Store, state: ReviewState, who: str) -> None:
    ref = reference()
    with store.transaction() as connection:
        queue = [d for d in load_deployments(connection) if d.review_state is state]
    console.print(f"{len(queue)} deployment(s) {state.value}.")
    for position, deployment in enumerate(queue, start=1):
        while True:
            _show(store, deployment, position, len(queue))
            key = _key("[a]ccept [r]eject [n]eeds-evidence [e]dit [m]erge [o]pen source [s]kip [q]uit > ")
            if key == "q":
                return
            if key == "s":
                break
            if key in ("a", "r", "n"):
                target = {"a": ReviewState.ACCEPTED, "r": ReviewState.REJECTED, "n": ReviewState.NEEDS_EVIDENCE}[key]
                review.set_state(store, deployment.id, target, who=who, note=_line("note: ") or None)
                break
            if key == "e":
                field, _, value = _line("field=value: ").partition("=")
                try:
                    deployment = review.edit(
                        store, ref, deployment.id, {field.strip(): value}, who=who, note=_line("note: ") or None
                    )
                except InputError as exc:
                    console.print(f"[red]{exc}[/]")
            elif key == "m":
                other = _line("merge which deployment into this one? id: ").strip()
                if other:
                    deployment = review.merge(store, ref, deployment.id, other, who=who, note=_line("note: ") or None)
            elif key == "o":
                _open_source(store, deployment)


def _show(store: Store, deployment: Deployment, position: int, total: int) -> None:
    row = deployment_summary(deployment)
    head = (
        f"{row['vendor'] or 'unknown supplier'} ({row['vendor_country'] or '?'}) → {row['recipient_country']}: "
        f"{row['technology']}, {row['status']} {row['year'] or ''}  buyer: {row['buyer'] or '?'}"
    )
    body = Text(head + f"\ncorroboration: {row['corroboration']}, {row['claims']} claim(s)\n")
    with store.transaction() as connection:
        for claim in load_claims(connection, ids=list(deployment.claim_ids)):
            body.append(
                f"\n• {claim.origin} {claim.facts.status.value} conf {claim.confidence:.2f}"
                + (" [marked wrong]" if claim.wrong else "")
                + "\n",
                style="dim",
            )
            if claim.evidence:
                text = docs.document_text(connection, claim.evidence.document_id) or ""
                start, end = claim.evidence.start, claim.evidence.end
                body.append("  …" + text[max(0, start - 80) : start])
                body.append(text[start:end], style="bold yellow")
                body.append(text[end : end + 80] + "…\n")
            for url in claim.source_urls:
                body.append(f"  {url}\n", style="blue")
    console.print(Panel(body, title=f"{position}/{total} {deployment.id} — {deployment.review_state.value}"))


def _open_source(store: Store, deployment: Deployment) -> None:
    with store.transaction() as connection:
        for claim in load_claims(connection, ids=list(deployment.claim_ids)):
            if claim.evidence:
                document = docs.get_document(connection, claim.evidence.document_id)
                if document:
                    console.print(f"{document.title or ''} {document.url or ''} ({document.published or '?'})")
                    console.print(docs.document_text(connection, document.id) or "", markup=False)
                    return
    console.print("no archived source for this deployment")


def _key(prompt: str) -> str:
    """One key press on a terminal; one line elsewhere (so the queue can be driven from a script)."""
    console.print(prompt, end="", markup=False, highlight=False)
    if sys.stdin.isatty():
        import termios
        import tty

        fd = sys.stdin.fileno()
        old = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            key = sys.stdin.read(1)
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, old)
        console.print(key)
        return key.lower()
    line = sys.stdin.readline()
    return (line.strip()[:1] or "q").lower()


def _line(prompt: str) -> str:
    console.print(prompt, end="", markup=False, highlight=False)
    return sys.stdin.readline().rstrip("\n")


def _act(db: str | None, deployment_id: str, state: ReviewState, who: str, note: str | None, as_json: bool) -> None:
    with Store.open(db) as store:
        after = review.set_state(store, deployment_id, state, who=_who(who), note=note)
    _report(after, as_json)


def _report(after: Deployment, as_json: bool) -> None:
    if as_json:
        print_json(deployment_summary(after))
    else:
        _table("Deployment", [after])


def _state_command(state: ReviewState, summary: str) -> Callable[..., None]:
    def command(
        deployment_id: str,
        db: DbOption = None,
        who: WhoOption = "",
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        _act(db, deployment_id, state, who, note, as_json)

    command.__doc__ = summary
    return command


for _name, _state, _summary in (
    ("accept", ReviewState.ACCEPTED, "Accept a deployment: it feeds the published indicators, pages and exports."),
    ("reject", ReviewState.REJECTED, "Reject a deployment: it leaves indicators and exports, not its history."),
    ("needs-evidence", ReviewState.NEEDS_EVIDENCE, "Hold a deployment until better evidence is found."),
):
    review_app.command(_name)(_state_command(_state, _summary))


@review_app.command("edit")
def edit(
    deployment_id: str,
    set_: Annotated[list[str], typer.Option("--set", help="field=value (repeatable): " + ", ".join(review.EDITABLE))],
    db: DbOption = None,
    who: WhoOption = "",
    note: NoteOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set fields by hand; the machine's value stays derivable from the claims."""
    values = {}
    for item in set_:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--set takes field=value, not {item!r}")
        values[name.strip()] = value
    with Store.open(db) as store:
        after = review.edit(store, reference(), deployment_id, values, who=_who(who), note=note)
    _report(after, as_json)


@review_app.command("merge")
def merge(
    keep: str,
    other: str,
    db: DbOption = None,
    who: WhoOption = "",
    note: NoteOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merge deployment OTHER into KEEP."""
    with Store.open(db) as store:
        after = review.merge(store, reference(), keep, other, who=_who(who), note=note)
    _report(after, as_json)


@review_app.command("split")
def split(
    deployment_id: str,
    claims: Annotated[list[str], typer.Argument(help="Claim ids to move out.")],
    db: DbOption = None,
    who: WhoOption = "",
    note: NoteOption = None,
    as_json: JsonOption = False,
) -> None:
    """Move some claims of a deployment to a new deployment."""
    with Store.open(db) as store:
        kept, moved = review.split(store, reference(), deployment_id, claims, who=_who(who), note=note)
    if as_json:
        print_json([deployment_summary(kept), deployment_summary(moved)])
    else:
        _table("Split", [kept, moved])


@review_app.command("wrong-claim")
def wrong_claim(
    claim_id: str, db: DbOption = None, who: WhoOption = "", note: NoteOption = None, as_json: JsonOption = False
) -> None:
    """Mark a claim wrong: it stays visible but no longer supports its deployment."""
    with Store.open(db) as store:
        changed = review.mark_claim_wrong(store, reference(), claim_id, who=_who(who), note=note)
    if as_json:
        print_json([deployment_summary(d) for d in changed])
    else:
        _table("Deployments recomputed", changed)


def history(
    entity_id: Annotated[str, typer.Argument(help="A deployment, claim or vendor id.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every recorded change to a deployment, claim or vendor."""
    with Store.open(db) as store, store.transaction() as connection:
        entries = load_history(connection, entity_id)
    if not entries:
        raise InputError(f"no history for {entity_id!r}")
    if as_json:
        print_json([e.model_dump(mode="json") for e in entries])
        return
    table = Table(title=f"History of {entity_id}")
    for column in ("when", "who", "field", "old", "new", "why"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M"), e.who, e.field, e.old or "", e.new or "", e.why or "")
    console.print(table)


def corrections(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The public corrections log: changes made to accepted deployments, and why."""
    with Store.open(db) as store, store.transaction() as connection:
        entries = load_history_field(connection, review.CORRECTION)
    if as_json:
        print_json([e.model_dump(mode="json") for e in entries])
        return
    table = Table(title=f"Corrections ({len(entries)})")
    for column in ("when", "deployment", "change", "from", "to", "who"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.at.strftime("%Y-%m-%d"), e.entity_id, e.why or "", e.old or "", e.new or "", e.who)
    console.print(table)


def stale(
    older_than: Annotated[str, typer.Option("--older-than", help="Age: 2y, 18m, 6w, 90d.")] = "2y",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Deployments with no evidence newer than the given age."""
    with Store.open(db) as store:
        found = freshness.stale(store, freshness.parse_age(older_than))
    if as_json:
        print_json([deployment_summary(d) | {"last_seen": str(d.last_seen) if d.last_seen else None} for d in found])
    else:
        _table(f"Stale: no evidence in the last {older_than} ({len(found)})", found)


@vendors_app.command("suggest")
def suggest(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Unreviewed vendors and unresolved names, with the registry vendors they resemble."""
    with Store.open(db) as store:
        found = vendor_ops.suggestions(store, reference())
    if as_json:
        print_json([s.__dict__ for s in found])
        return
    table = Table(title="Vendor names to resolve")
    for column in ("name", "id", "claims", "may be"):
        table.add_column(column)
    for s in found:
        table.add_row(s.name, s.vendor_id or "", str(s.claims), ", ".join(f"{i} ({p:.0f})" for i, _, p in s.matches))
    console.print(table)


@vendors_app.command("merge")
def vendors_merge(source: str, target: str, db: DbOption = None, who: WhoOption = "", note: NoteOption = None) -> None:
    """Merge vendor SOURCE (one created from data) into vendor TARGET."""
    with Store.open(db) as store:
        vendor_ops.merge(store, reference(), source, target, who=_who(who), note=note)
    console.print(f"{source} merged into {target}; run `oversight curate` to regroup deployments.")


@vendors_app.command("add")
def vendors_add(
    name: str,
    country: Annotated[str, typer.Option("--country", help="Home country (ISO code or name).")],
    source: Annotated[str, typer.Option("--source", help="URL of a page stating name and home country.")],
    kind: Annotated[str, typer.Option("--kind", help="manufacturer, integrator, reseller or state_body")] = (
        "manufacturer"
    ),
    db: DbOption = None,
    who: WhoOption = "",
    as_json: JsonOption = False,
) -> None:
    """Add a vendor the registry lacks."""
    with Store.open(db) as store:
        vendor = vendor_ops.add(store, reference(), name=name, country=country, kind=kind, source=source, who=_who(who))
        linked = vendor_ops.link_claims(store, reference())
    if as_json:
        print_json(vendor.model_dump(mode="json") | {"claims_linked": linked})
    else:
        console.print(f"added vendor {vendor.id} ({vendor.country}); {linked} claim(s) naming it now linked")


@vendors_app.command("alias")
def vendors_alias(
    vendor_id: str, alias: str, db: DbOption = None, who: WhoOption = "", note: NoteOption = None
) -> None:
    """Record another name of a vendor."""
    with Store.open(db) as store:
        vendor_ops.alias(store, reference(), vendor_id, alias, who=_who(who), note=note)
        linked = vendor_ops.link_claims(store, reference())
    console.print(f"{alias!r} is now an alias of {vendor_id}; {linked} claim(s) naming it now linked")
