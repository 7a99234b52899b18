"""Dependence and concentration indicators: pure functions over plain rows, each tested against figures worked
out by hand. Shares are fractions (0–1); the Herfindahl–Hirschman Index runs from 0 to 10,000."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

#: Thresholds of the 2023 US Merger Guidelines: above 1,800 highly concentrated, 1,000–1,800 moderately.
HIGH, MODERATE = 1800.0, 1000.0
#: A supplier country's share moving by this much between consecutive periods raises an alert.
ALERT_CHANGE = 0.20
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    """One deployment as the indicators see it."""

    deployment_id: str
    recipient: str
    technology: str
    supplier_country: str | None  # None: the supplier is unknown
    vendor: str | None  # vendor id, None when only the country (or nothing) is known
    start: int | None  # first year it is known to be active (None: unknown, counted in every period)
    end: int | None  # last year it is known to be active (None: still active)
    weight: float = 1.0
    sanctioned: bool = False
    intrusiveness: float = 0.0


def active(rows: Iterable[Row], first: int | None, last: int | None) -> list[Row]:
    """Rows active at some time in [first, last] (open bounds when None)."""
    return [
        r
        for r in rows
        if (last is None or r.start is None or r.start <= last) and (first is None or r.end is None or r.end >= first)
    ]


def shares(rows: Sequence[Row], key: Callable[[Row], str | None]) -> dict[str, float]:
    """Weighted shares of each key among rows whose key is known, largest first (ties alphabetical)."""
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        value = key(row)
        if value is not None:
            totals[value] += row.weight
    whole = sum(totals.values())
    if whole <= 0:
        return {}
    return {k: v / whole for k, v in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))}


def hhi(share_map: dict[str, float]) -> float:
    """Herfindahl–Hirschman Index of shares (0–1): the sum of squared percentage shares, 0–10,000."""
    return sum((100.0 * s) ** 2 for s in share_map.values())


def concentration(index: float | None) -> str | None:
    """high (> 1,800), moderate (1,000–1,800) or low (< 1,000); None when nothing is measured."""
    if index is None:
        return None
    if index > HIGH:
        return "high"
    return "moderate" if index >= MODERATE else "low"


def top(share_map: dict[str, float]) -> tuple[str | None, float | None]:
    """The largest share and its key (alphabetically first on ties)."""
    if not share_map:
        return None, None
    key = min(share_map, key=lambda k: (-share_map[k], k))
    return key, share_map[key]


def supplier_country(row: Row) -> str | None:
    return row.supplier_country


def vendor(row: Row) -> str | None:
    return row.vendor


def summary(rows: Sequence[Row]) -> dict[str, object]:
    """Counts, shares, HHI and concentration over supplier countries and vendors, and the sanctioned share."""
    by_country = shares(rows, supplier_country)
    by_vendor = shares(rows, vendor)
    index_country = hhi(by_country) if by_country else None
    leader, leader_share = top(by_country)
    weighted = sum(r.weight for r in rows)
    sanctioned = sum(r.weight for r in rows if r.sanctioned)
    return {
        "deployments": len(rows),
        "unknown_supplier": sum(1 for r in rows if r.supplier_country is None),
        "supplier_country_shares": by_country,
        "vendor_shares": by_vendor,
        "hhi_supplier_country": index_country,
        "hhi_vendor": hhi(by_vendor) if by_vendor else None,
        "concentration": concentration(index_country),
        "top_supplier_country": leader,
        "top_supplier_share": leader_share,
        "supplier_countries": len(by_country),
        "sanctioned_vendors": sorted({r.vendor for r in rows if r.sanctioned and r.vendor}),
        "sanctioned_share": sanctioned / weighted if weighted else None,
    }


def series(rows: Sequence[Row], years: Sequence[int]) -> list[dict[str, object]]:
    """Shares and HHI over supplier countries for each year, counting the deployments active that year."""
    out = []
    for year in years:
        now = active(rows, year, year)
        by_country = shares(now, supplier_country)
        out.append(
            {
                "year": year,
                "deployments": len(now),
                "supplier_country_shares": by_country,
                "hhi_supplier_country": hhi(by_country) if by_country else None,
            }
        )
    return out


def alerts(periods: Sequence[dict[str, object]], threshold: float = ALERT_CHANGE) -> list[dict[str, object]]:
    """Supplier countries whose share moved by ``threshold`` or more between consecutive periods."""
    found = []
    for before, after in itertools.pairwise(periods):
        old: dict[str, float] = before["supplier_country_shares"]  # type: ignore[assignment]
        new: dict[str, float] = after["supplier_country_shares"]  # type: ignore[assignment]
        if not old or not new:
            continue
        for country in sorted(set(old) | set(new)):
            change = new.get(country, 0.0) - old.get(country, 0.0)
            if abs(change) >= threshold - 1e-9:
                found.append(
                    {
                        "from_year": before["year"],
                        "to_year": after["year"],
                        "supplier_country": country,
                        "share_before": old.get(country, 0.0),
                        "share_after": new.get(country, 0.0),
                        "change": change,
                    }
                )
    return found
