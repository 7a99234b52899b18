"""What-if and diversification: indicators before and after a hypothetical change of the supplier mix."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from oversight.analyze.indicators import HIGH, Row, hhi, shares, supplier_country


def apply(rows: Sequence[Row], *, add: Sequence[Row] = (), remove: Sequence[str] = ()) -> list[Row]:
    """The rows with some deployments removed (by id) and hypothetical ones added."""
    removed = set(remove)
    return [r for r in rows if r.deployment_id not in removed] + list(add)


@dataclass(frozen=True)
class Step:
    """One added deployment from a supplier country, and the concentration after it."""

    supplier_country: str
    hhi_after: float
    vendors: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The fewest additions, country by country, that bring supplier-country concentration under a target."""

    hhi_before: float | None
    target: float
    steps: tuple[Step, ...] = field(default_factory=tuple)
    reached: bool = False


def diversify(
    rows: Sequence[Row], offers: Mapping[str, Sequence[str]], *, target: float = HIGH, max_steps: int = 25
) -> Plan:
    """Greedily add one deployment at a time from the supplier country that lowers the HHI most, among the
    countries whose vendors offer the technology (``offers``: country → vendor ids), until HHI < target."""
    counts: dict[str, float] = {}
    for row in rows:
        if row.supplier_country is not None:
            counts[row.supplier_country] = counts.get(row.supplier_country, 0.0) + row.weight
    before = hhi(shares(rows, supplier_country)) if counts else None
    if before is not None and before < target:
        return Plan(hhi_before=before, target=target, reached=True)
    steps: list[Step] = []
    for _ in range(max_steps):
        options = []
        for country in sorted(offers):
            trial = dict(counts)
            trial[country] = trial.get(country, 0.0) + 1.0
            total = sum(trial.values())
            options.append((hhi({k: v / total for k, v in trial.items()}), -len(offers[country]), country))
        if not options:
            break
        value, _, country = min(options)
        counts[country] = counts.get(country, 0.0) + 1.0
        steps.append(Step(supplier_country=country, hhi_after=value, vendors=tuple(offers[country])))
        if value < target:
            return Plan(hhi_before=before, target=target, steps=tuple(steps), reached=True)
    return Plan(hhi_before=before, target=target, steps=tuple(steps), reached=False)
