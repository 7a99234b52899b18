"""Curation rules on plain rows, against outcomes worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from oversight.curate.rules import (
    ClaimView,
    buyers_compatible,
    corroboration,
    current_status,
    group_key,
    merged_facts,
    timeline,
)
from oversight.model import Claim, ClaimFacts, Corroboration, Status


def _view(
    status: str,
    year: int | None,
    *,
    publishers: tuple[str, ...] = ("a",),
    official: bool = False,
    confidence: float = 0.9,
    wrong: bool = False,
    buyer: str | None = None,
    key: str = "",
) -> ClaimView:
    facts = ClaimFacts(
        vendor_id="sergek",
        vendor_country="KAZ",
        recipient_country="KAZ",
        technology="cctv_safe_city",
        status=status,
        year=year,
        buyer=buyer,
    )
    claim = Claim(
        id=f"clm-{status}-{year}-{key}",
        facts=facts,
        origin="test",
        origin_version="1",
        confidence=confidence,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        wrong=wrong,
    )
    return ClaimView(claim=claim, publishers=frozenset(publishers), official=official, seen=date(2025, 1, 1))


def test_status_is_the_latest_well_supported_one() -> None:
    views = [_view("delivered", 2019), _view("agreed", 2018), _view("ended", 2024)]
    assert current_status(views) is Status.ENDED
    assert [s for _, s, _ in timeline(views)] == [Status.AGREED, Status.DELIVERED, Status.ENDED]
    weak_end = [_view("delivered", 2019), _view("ended", 2024, confidence=0.3)]
    assert current_status(weak_end) is Status.DELIVERED
    wrong_end = [_view("delivered", 2019), _view("ended", 2024, wrong=True)]
    assert current_status(wrong_end) is Status.DELIVERED
    assert current_status([_view("planned", 2025)]) is Status.PLANNED


def test_corroboration_levels() -> None:
    assert corroboration([_view("delivered", 2019)]) is Corroboration.SINGLE_SOURCE
    same_outlet = [_view("delivered", 2019, publishers=("a",), key="1"), _view("delivered", 2019, key="2")]
    assert corroboration(same_outlet) is Corroboration.SINGLE_SOURCE
    two = [_view("delivered", 2019, publishers=("a",)), _view("agreed", 2018, publishers=("b",))]
    assert corroboration(two) is Corroboration.CORROBORATED
    assert corroboration([_view("delivered", 2019, official=True)]) is Corroboration.OFFICIAL
    denied = [*two, _view("denied", 2020, publishers=("c",))]
    assert corroboration(denied) is Corroboration.DISPUTED


def test_grouping_and_buyers() -> None:
    a, b = _view("delivered", 2019).claim.facts, _view("agreed", 2018).claim.facts
    assert group_key(a) == group_key(b) == ("vendor:sergek", "KAZ", "cctv_safe_city")
    assert buyers_compatible("Ministry of Internal Affairs", "ministry of internal affairs of Kazakhstan")
    assert buyers_compatible(None, "KNB")
    assert not buyers_compatible("Akimat of Almaty", "Ministry of Defence")
    merged = merged_facts(
        [
            _view("delivered", 2019, buyer="MVD"),
            _view("agreed", 2017, buyer="MVD"),
            _view("agreed", 2018, buyer="police"),
        ],
        status=Status.DELIVERED,
    )
    assert (merged.year, merged.buyer, merged.status) == (2017, "MVD", Status.DELIVERED)
