"""The project's own annotated passages (training/extract/) follow the gold annotation format and rules."""

from __future__ import annotations

import json
import re

import pytest

from oversight.reference import reference
from tests.conftest import ROOT, SHARED

FILES = sorted((ROOT / "training" / "extract").glob("*.jsonl"))
GOLD = SHARED / "gold" / "dev.jsonl"
KEYS = {"vendor", "vendor_country", "recipient_country", "technology", "year", "buyer", "status"}


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for path in FILES for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_passages_are_well_formed_and_sourced() -> None:
    ref = reference()
    countries = {c.alpha3 for c in ref.countries}
    technologies = {t.id for t in ref.technologies}
    rows = _rows()
    assert len(FILES) >= 7 and len(rows) >= 150
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["lang"] in {"en", "ru"}, row["id"]
        assert str(row["fact_source"]).startswith("http"), row["id"]  # no invented events about real companies
        assert isinstance(row["text"], str) and 80 <= len(row["text"]) <= 3000, row["id"]
        for deployment in row["deployments"]:  # type: ignore[attr-defined]
            assert set(deployment) == KEYS, row["id"]
            assert deployment["recipient_country"] in countries, row["id"]
            assert deployment["vendor_country"] in countries | {None}, row["id"]
            assert deployment["technology"] in technologies, row["id"]
            assert deployment["status"] in {"agreed", "delivered", "ended"}, row["id"]
            assert deployment["year"] is None or 1990 <= deployment["year"] <= 2026, row["id"]


def test_both_languages_and_negatives_are_represented() -> None:
    rows = _rows()
    russian = [row for row in rows if row["lang"] == "ru"]
    negatives = [row for row in rows if not row["deployments"]]
    assert len(russian) >= 70
    assert len(negatives) >= 40


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


def _figures(text: str) -> set[str]:
    return {x for x in re.findall(r"\d[\d.,]*", text) if len(x) >= 3}


def _address(url: object) -> str:
    return re.sub(r"^https?://(www\.)?", "", str(url or "")).rstrip("/").lower()


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the project")
def test_no_passage_retells_a_gold_passage() -> None:
    """Cross-validated figures on the gold set would be flattered by retellings of its passages in training."""
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    sources = {_address(row.get("fact_source")) for row in gold}
    gold_text = [(_words(row["text"]), _figures(row["text"])) for row in gold]
    for row in _rows():
        words, figures = _words(str(row["text"])), _figures(str(row["text"]))
        assert _address(row["fact_source"]) not in sources, row["id"]
        assert max(len(words & w) / len(words | w) for w, _ in gold_text) < 0.14, row["id"]
        assert max(len(figures & f) for _, f in gold_text) < 3, row["id"]
