"""`oversight analyze`, `oversight whatif` and `oversight diversify`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from oversight.analyze.gather import Selection, gather, to_row
from oversight.analyze.indicators import Row
from oversight.analyze.report import Query, analyze, indicators_for, resolve_target
from oversight.analyze.scenarios import apply
from oversight.analyze.scenarios import diversify as plan_diversification
from oversight.cli.common import DbOption, JsonOption, console, print_json
from oversight.errors import InputError
from oversight.model import ClaimFacts, Deployment, Status
from oversight.reference import reference
from oversight.store import Store
from oversight.store.vendors import VendorDirectory

TargetArg = Annotated[str, typer.Argument(help="A country (KAZ, Kazakhstan) or a region (central-asia).")]
TechOption = Annotated[str | None, typer.Option("--technology", help="Only this technology category.")]
FromOption = Annotated[int | None, typer.Option("--from", help="First year of the period.")]
ToOption = Annotated[int | None, typer.Option("--to", help="Last year of the period.")]
UnreviewedOption = Annotated[bool, typer.Option("--include-unreviewed", help="Count proposed deployments too.")]
WeightOption = Annotated[str, typer.Option("--weight", help="count (one per deployment) or value (USD).")]

EXPLANATION = """\
Shares: each active deployment counts once (--weight value: its contract value in US dollars at the year's
  average rate; deployments without a convertible value are left out and counted as "unvalued").
HHI: sum of squared percentage shares, 0–10,000; over 1,800 highly concentrated, 1,000–1,800 moderately, under
  1,000 unconcentrated (2023 US Merger Guidelines). Unknown suppliers are left out of shares and counted apart.
Active: a deployment counts in a period unless it started after it or ended before it (start = its year, else
  first seen; end = last seen when its status is ended).
Alerts: a supplier country's share moving by 20 points or more between consecutive years.
Risk per deployment = 100 × intrusiveness (0–1, technologies.yaml) × safeguards gap (0–1: the mean shortfall
  over the 13 Necessary & Proportionate principles, met 0, partly 0.5, not met 1); unknown principles count 0 in
  the low bound and 1 in the high bound. Country risk = mean over active deployments, as a range.
"""


def _query(
    target: str, technology: str | None, first: int | None, last: int | None, unreviewed: bool, weight: str
) -> Query:
    if weight not in ("count", "value"):
        raise InputError("--weight is count or value")
    if first and last and first > last:
        raise InputError("--from must not be after --to")
    return Query(
        target=target, technology=technology, first=first, last=last, include_unreviewed=unreviewed, weight=weight
    )


def analyze_command(
    target: TargetArg,
    technology: TechOption = None,
    first: FromOption = None,
    last: ToOption = None,
    include_unreviewed: UnreviewedOption = False,
    weight: WeightOption = "count",
    explain: Annotated[bool, typer.Option("--explain", help="Say how every figure is computed.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Supplier dependence, concentration, trend, alerts and human-rights risk for a country or region."""
    query = _query(target, technology, first, last, include_unreviewed, weight)
    with Store.open(db) as store, store.transaction() as connection:
        report = analyze(connection, reference(), query)
    if as_json:
        print_json(report | ({"explain": EXPLANATION} if explain else {}))
        return
    _print(report)
    if explain:
        console.print(EXPLANATION, highlight=False)


def _print(report: dict[str, Any], title: str | None = None) -> None:
    head = title or f"{report['name']} — {report['deployments']} active deployment(s)"
    table = Table(title=head)
    table.add_column("supplier country")
    table.add_column("share", justify="right")
    for country, share in report["supplier_country_shares"].items():
        table.add_row(country, f"{share:.1%}")
    console.print(table)
    hhi = report["hhi_supplier_country"]
    console.print(
        f"HHI over supplier countries: {hhi if hhi is not None else '—'} ({report['concentration'] or 'n/a'})"
        f"; over vendors: {report['hhi_vendor'] if report['hhi_vendor'] is not None else '—'}; "
        f"unknown suppliers: {report['unknown_supplier']}",
        highlight=False,
    )
    if report["sanctioned_vendors"]:
        console.print(
            f"Sanctioned or export-controlled vendors: {', '.join(report['sanctioned_vendors'])} "
            f"({report['sanctioned_share']:.0%} of deployments)",
            highlight=False,
        )
    if report["risk"]:
        console.print(f"Risk index: {report['risk']['low']:.1f}–{report['risk']['high']:.1f} (0–100)", highlight=False)
    for alert in report["alerts"]:
        console.print(
            f"[yellow]alert[/] {alert['supplier_country']} {alert['from_year']}→{alert['to_year']}: "
            f"{alert['share_before']:.0%} → {alert['share_after']:.0%}",
            highlight=False,
        )


def _rows(db: str | None, countries: frozenset[str], technology: str | None, unreviewed: bool) -> list[Row]:
    with Store.open(db) as store, store.transaction() as connection:
        rows, _ = gather(
            connection,
            reference(),
            Selection(countries=countries, technology=technology, include_unreviewed=unreviewed),
        )
    return rows


def _hypothetical(spec: str, directory: VendorDirectory, recipient: str, number: int) -> Deployment:
    fields = dict(part.split("=", 1) for part in spec.split() if "=" in part)
    if "technology" not in fields:
        raise InputError(f"--add needs technology=… (got {spec!r})")
    ref = directory.reference
    vendor = directory.resolve(fields["vendor"]) if "vendor" in fields else None
    if "vendor" in fields and vendor is None:
        raise InputError(f"unknown vendor {fields['vendor']!r}")
    country = fields.get("vendor_country") or (vendor.country if vendor else None)
    facts = ClaimFacts(
        vendor_id=vendor.id if vendor else None,
        vendor_name=vendor.name if vendor else None,
        vendor_country=ref.country(country).alpha3 if country else None,
        recipient_country=recipient,
        technology=ref.technology(fields["technology"]).id,
        status=Status.DELIVERED,
        year=int(fields["year"]) if fields.get("year", "").isdigit() else None,
    )
    return Deployment(id=f"hypothetical-{number}", facts=facts)


def whatif(
    target: TargetArg,
    add: Annotated[list[str] | None, typer.Option("--add", help='"vendor=hikvision technology=…" (repeat)')] = None,
    remove: Annotated[list[str] | None, typer.Option("--remove", help="A deployment id (repeat).")] = None,
    technology: TechOption = None,
    first: FromOption = None,
    last: ToOption = None,
    include_unreviewed: UnreviewedOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every indicator before and after adding or removing deployments."""
    query = _query(target, technology, first, last, include_unreviewed, "count")
    ref = reference()
    label, name, countries = resolve_target(ref, target)
    rows = _rows(db, countries, technology, include_unreviewed)
    with Store.open(db) as store, store.transaction() as connection:
        directory = VendorDirectory(ref, connection)
    recipient = sorted(countries)[0]
    added = [to_row(_hypothetical(spec, directory, recipient, i), ref) for i, spec in enumerate(add or [], 1)]
    missing = set(remove or []) - {r.deployment_id for r in rows}
    if missing:
        raise InputError(f"not among the counted deployments: {', '.join(sorted(missing))}")
    before = indicators_for(rows, ref, query, label=label, name=name, countries=countries)
    after = indicators_for(
        apply(rows, add=added, remove=remove or []), ref, query, label=label, name=name, countries=countries
    )
    if as_json:
        print_json({"before": before, "after": after})
        return
    _print(before, f"Before — {before['deployments']} deployment(s)")
    _print(after, f"After — {after['deployments']} deployment(s)")


def diversify(
    target: TargetArg,
    technology: TechOption = None,
    include_unreviewed: UnreviewedOption = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The fewest added deployments, by supplier country, that bring the HHI under 1,800 — and who offers them."""
    ref = reference()
    label, name, countries = resolve_target(ref, target)
    rows = _rows(db, countries, technology, include_unreviewed)
    offers: dict[str, list[str]] = {}
    for vendor in ref.vendors:
        if technology is None or technology in vendor.technologies:
            offers.setdefault(vendor.country, []).append(vendor.id)
    plan = plan_diversification(rows, offers)
    result = {
        "country": label,
        "technology": technology,
        "hhi_before": plan.hhi_before,
        "target": plan.target,
        "reached": plan.reached,
        "additions": len(plan.steps),
        "steps": [
            {"supplier_country": s.supplier_country, "hhi_after": round(s.hhi_after, 1), "vendors": list(s.vendors)}
            for s in plan.steps
        ],
    }
    if as_json:
        print_json(result)
        return
    console.print(
        f"{name}: HHI {plan.hhi_before if plan.hhi_before is not None else '—'}; "
        + (
            "already under 1,800"
            if plan.reached and not plan.steps
            else f"{len(plan.steps)} addition(s) {'reach' if plan.reached else 'do not reach'} HHI < 1,800"
        ),
        highlight=False,
    )
    for step in plan.steps:
        console.print(
            f"  + one deployment from {step.supplier_country} → HHI {step.hhi_after:.0f} "
            f"(vendors: {', '.join(step.vendors[:6])}{'…' if len(step.vendors) > 6 else ''})",
            highlight=False,
        )
