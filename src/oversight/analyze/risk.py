"""Human-rights risk: how intrusive the deployed technology is, against how far the country's legal safeguards
fall short of the 13 Necessary & Proportionate principles. Unknown principles give a range, never a point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from oversight.analyze.indicators import Row

#: How far each assessment falls short of the principle: met 0, partly 0.5, not met 1; unknown is 0 in the best
#: case and 1 in the worst.
GAP = {"met": 0.0, "partly": 0.5, "not-met": 1.0}


@dataclass(frozen=True)
class Range:
    """A value known only within bounds (best case, worst case)."""

    low: float
    high: float

    def as_json(self) -> dict[str, float]:
        return {"low": round(self.low, 4), "high": round(self.high, 4)}


def safeguards_gap(assessments: Mapping[str, str], principles: Sequence[str]) -> Range:
    """The mean shortfall over the principles (0 all met, 1 none met); unknown ones span the range."""
    if not principles:
        return Range(0.0, 1.0)
    low = high = 0.0
    for principle in principles:
        assessment = assessments.get(principle, "unknown")
        if assessment in GAP:
            low += GAP[assessment]
            high += GAP[assessment]
        else:
            high += 1.0
    return Range(low / len(principles), high / len(principles))


def deployment_risk(intrusiveness: float, gap: Range) -> Range:
    """Risk of one deployment: technology intrusiveness (0–1) × safeguards gap (0–1), on a 0–100 scale."""
    return Range(100.0 * intrusiveness * gap.low, 100.0 * intrusiveness * gap.high)


def country_risk(rows: Sequence[Row], gap: Range) -> Range | None:
    """The mean risk of a country's active deployments (None without deployments)."""
    if not rows:
        return None
    risks = [deployment_risk(r.intrusiveness, gap) for r in rows]
    return Range(sum(r.low for r in risks) / len(risks), sum(r.high for r in risks) / len(risks))
