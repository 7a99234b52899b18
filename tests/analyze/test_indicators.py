"""Indicators against figures computed by hand."""

from __future__ import annotations

import pytest

from oversight.analyze.indicators import Row, active, alerts, concentration, hhi, series, shares, summary, top
from oversight.analyze.indicators import supplier_country as by_country
from oversight.analyze.risk import Range, country_risk, deployment_risk, safeguards_gap
from oversight.analyze.scenarios import apply, diversify
from oversight.model import PRINCIPLES


def _row(
    n: int,
    country: str | None,
    *,
    vendor: str | None = None,
    start: int | None = 2019,
    end: int | None = None,
    weight: float = 1.0,
    sanctioned: bool = False,
    intrusiveness: float = 0.5,
) -> Row:
    return Row(
        deployment_id=f"d{n}",
        recipient="KAZ",
        technology="cctv_safe_city",
        supplier_country=country,
        vendor=vendor,
        start=start,
        end=end,
        weight=weight,
        sanctioned=sanctioned,
        intrusiveness=intrusiveness,
    )


KAZ = [
    _row(1, "CHN", vendor="hikvision"),
    _row(2, "CHN", vendor="dahua"),
    _row(3, "CHN", vendor="huawei"),
    _row(4, "RUS", vendor="protei"),
    _row(5, "ISR", vendor="nso-group", sanctioned=True),
]


def test_three_chinese_one_russian_one_israeli() -> None:
    result = summary(KAZ)
    assert result["supplier_country_shares"] == pytest.approx({"CHN": 0.6, "ISR": 0.2, "RUS": 0.2})
    assert result["hhi_supplier_country"] == pytest.approx(4400.0)  # 60² + 20² + 20²
    assert result["concentration"] == "high"
    assert result["hhi_vendor"] == pytest.approx(2000.0)  # five vendors of 20% each
    assert (result["top_supplier_country"], result["top_supplier_share"]) == ("CHN", pytest.approx(0.6))
    assert result["sanctioned_share"] == pytest.approx(0.2)
    without_two = apply(KAZ, remove=["d1", "d2"])
    assert summary(without_two)["hhi_supplier_country"] == pytest.approx(10000 / 3)  # three thirds: 3,333


def test_single_supplier_zero_deployments_ties_and_unknowns() -> None:
    assert hhi(shares([_row(1, "RUS")], by_country)) == pytest.approx(10000.0)
    empty = summary([])
    assert (empty["deployments"], empty["hhi_supplier_country"], empty["concentration"]) == (0, None, None)
    assert empty["sanctioned_share"] is None
    tie = shares([_row(1, "RUS"), _row(2, "CHN")], by_country)
    assert list(tie) == ["CHN", "RUS"] and top(tie) == ("CHN", 0.5)
    unknown = summary([_row(1, None), _row(2, "CHN"), _row(3, "RUS")])
    assert unknown["unknown_supplier"] == 1
    assert unknown["hhi_supplier_country"] == pytest.approx(5000.0)  # the unknown is left out of the shares


def test_thresholds_of_the_merger_guidelines() -> None:
    assert [concentration(x) for x in (999.9, 1000.0, 1800.0, 1800.1)] == ["low", "moderate", "moderate", "high"]


def test_value_weights() -> None:
    rows = [_row(1, "CHN", weight=3_000_000.0), _row(2, "RUS", weight=1_000_000.0)]
    assert shares(rows, by_country) == pytest.approx({"CHN": 0.75, "RUS": 0.25})
    assert hhi(shares(rows, by_country)) == pytest.approx(6250.0)


def test_active_periods_series_and_alerts() -> None:
    rows = [
        _row(1, "RUS", start=2012, end=2016),
        _row(2, "RUS", start=2014),
        _row(3, "CHN", start=2017),
        _row(4, "CHN", start=2018),
        _row(5, "CHN", start=None),
    ]
    assert {r.deployment_id for r in active(rows, 2017, 2017)} == {"d2", "d3", "d5"}
    periods = series(rows, [2016, 2017, 2018])
    assert [p["deployments"] for p in periods] == [3, 3, 4]
    assert periods[0]["supplier_country_shares"] == pytest.approx({"RUS": 2 / 3, "CHN": 1 / 3})
    assert periods[1]["supplier_country_shares"] == pytest.approx({"CHN": 2 / 3, "RUS": 1 / 3})
    found = alerts(periods)
    assert [(a["supplier_country"], a["from_year"]) for a in found] == [("CHN", 2016), ("RUS", 2016)]
    assert found[0]["change"] == pytest.approx(1 / 3)  # 33 points: over the 20-point threshold
    assert all(a["from_year"] != 2017 for a in found)  # 2017→2018 moves CHN by 8 points only


def test_risk_ranges_keep_unknowns_visible() -> None:
    all_unknown = safeguards_gap({}, PRINCIPLES)
    assert (all_unknown.low, all_unknown.high) == (0.0, 1.0)
    mixed = {"legality": "met", "competent_judicial_authority": "not-met", "transparency": "partly"}
    gap = safeguards_gap(mixed, PRINCIPLES)
    assert gap.low == pytest.approx(1.5 / 13) and gap.high == pytest.approx(11.5 / 13)
    assert deployment_risk(1.0, Range(0.5, 0.5)) == Range(50.0, 50.0)
    assert country_risk([], gap) is None
    rows = [_row(1, "CHN", intrusiveness=1.0), _row(2, "RUS", intrusiveness=0.5)]
    mean = country_risk(rows, Range(0.2, 0.6))
    assert mean is not None
    assert (mean.low, mean.high) == pytest.approx((15.0, 45.0))  # means of 20 & 10, and 60 & 30


def test_diversify_finds_the_fewest_additions() -> None:
    offers = {code: [f"{code.lower()}-vendor"] for code in ("DEU", "FRA", "GBR", "USA", "JPN")}
    plan = diversify(KAZ, {**offers, "ISR": ["nso-group"], "RUS": ["protei"]})
    assert plan.hhi_before == pytest.approx(4400.0)
    # Counts CHN 3, RUS 1, ISR 1: each new country is worth more than a second Russian or Israeli deployment.
    # By hand: 12/36 → 3,333; 13/49 → 2,653; 14/64 → 2,188; 15/81 → 1,852; 16/100 → 1,600 < 1,800.
    assert [round(s.hhi_after) for s in plan.steps] == [3333, 2653, 2188, 1852, 1600]
    assert plan.reached and {s.supplier_country for s in plan.steps} == set(offers)
    # With only the countries already present, 2,500 (four equal shares at best) is out of reach in few steps.
    assert diversify(KAZ, {"DEU": ["siemens"], "ISR": ["nso-group"], "RUS": ["protei"]}, max_steps=3).reached is False
    assert diversify([_row(1, "CHN")], {}).reached is False
