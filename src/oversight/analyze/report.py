"""`oversight analyze`: every indicator for a country or a region, as one plain dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from oversight.analyze import indicators, risk
from oversight.analyze.gather import Selection, gather, years_of
from oversight.analyze.indicators import Row
from oversight.errors import NotFoundError
from oversight.model import PRINCIPLES
from oversight.reference import Reference


@dataclass(frozen=True)
class Query:
    """What to analyse."""

    target: str  # a country (code or name) or a region id ("central-asia")
    technology: str | None = None
    first: int | None = None
    last: int | None = None
    include_unreviewed: bool = False
    weight: str = "count"


def resolve_target(ref: Reference, target: str) -> tuple[str, str, frozenset[str]]:
    """(label, name, member countries) of a country or a region."""
    try:
        region = ref.region(target)
    except NotFoundError:
        country = ref.country(target)
        return country.alpha3, country.name_en, frozenset({country.alpha3})
    return region.id, region.name_en, frozenset(region.members)


def analyze(connection: Connection, ref: Reference, query: Query) -> dict[str, Any]:
    """Dependence, concentration, trend, alerts, sanctions exposure and risk for the query."""
    label, name, countries = resolve_target(ref, query.target)
    if query.technology:
        ref.technology(query.technology)
    selection = Selection(
        countries=countries,
        technology=query.technology,
        include_unreviewed=query.include_unreviewed,
        weight=query.weight,
    )
    rows, unvalued = gather(connection, ref, selection)
    return indicators_for(rows, ref, query, label=label, name=name, countries=countries, unvalued=unvalued)


def indicators_for(
    rows: list[Row],
    ref: Reference,
    query: Query,
    *,
    label: str,
    name: str,
    countries: frozenset[str],
    unvalued: int = 0,
) -> dict[str, Any]:
    """The report over given rows (what-if scenarios call this with changed rows)."""
    now = indicators.active(rows, query.first, query.last)
    years = list(range(query.first, query.last + 1)) if query.first and query.last else years_of(rows)
    periods = indicators.series(rows, years)
    profiles = {code: safeguards_summary(ref, code) for code in sorted(countries)}
    gaps = {code: risk.Range(**p["gap"]) for code, p in profiles.items()}
    risks = [risk.deployment_risk(r.intrusiveness, gaps[r.recipient]) for r in now]
    return {
        "country": label,
        "name": name,
        "countries": sorted(countries),
        "technology": query.technology,
        "period": {"from": query.first, "to": query.last},
        "weight": query.weight,
        "include_unreviewed": query.include_unreviewed,
        "unvalued": unvalued,
        **_rounded(indicators.summary(now)),
        "series": [_rounded(p) for p in periods],
        "alerts": [_rounded(a) for a in indicators.alerts(periods)],
        "risk": risk.Range(sum(r.low for r in risks) / len(risks), sum(r.high for r in risks) / len(risks)).as_json()
        if risks
        else None,
        "safeguards": profiles,
    }


def safeguards_summary(ref: Reference, alpha3: str) -> dict[str, Any]:
    """A country's assessments, how many are unknown, and the resulting gap range."""
    profile = ref.safeguards_of(alpha3)
    assessments = profile.assessments() if profile else dict.fromkeys(PRINCIPLES, "unknown")
    gap = risk.safeguards_gap(assessments, PRINCIPLES)
    return {
        "assessed": str(profile.assessed) if profile else None,
        "assessments": assessments,
        "unknown": sum(1 for a in assessments.values() if a == "unknown"),
        "gap": gap.as_json(),
        "sources": sorted({str(s) for p in (profile.principles.values() if profile else ()) for s in p.sources}),
    }


def _rounded(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, float):
            out[key] = round(value, 1) if key.startswith("hhi") else round(value, 4)
        elif isinstance(value, dict):
            out[key] = {k: round(v, 4) if isinstance(v, float) else v for k, v in value.items()}
        else:
            out[key] = value
    return out
