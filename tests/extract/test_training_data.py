"""The project's own annotated passages (training/extract/ for training, training/heldout/ never trained on) follow
the gold annotation format and rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from oversight.reference import reference
from tests.conftest import ROOT, SHARED

TRAINING = sorted((ROOT / "training" / "extract").glob("*.jsonl"))
HELDOUT = sorted((ROOT / "training" / "heldout").glob("*.jsonl"))
FILES = TRAINING + HELDOUT
GOLD = SHARED / "gold" / "dev.jsonl"
KEYS = {"vendor", "vendor_country", "recipient_country", "technology", "year", "buyer", "status"}


def _rows(files: list[Path] = FILES) -> list[dict[str, object]]:
    return [json.loads(line) for path in files for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_passages_are_well_formed_and_sourced() -> None:
    ref = reference()
    countries = {c.alpha3 for c in ref.countries}
    technologies = {t.id for t in ref.technologies}
    rows = _rows()
    assert len(TRAINING) >= 7 and len(_rows(TRAINING)) >= 150
    assert len(HELDOUT) >= 8 and len(_rows(HELDOUT)) >= 150
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


@pytest.mark.parametrize(("files", "least_russian", "least_negatives"), [(TRAINING, 70, 40), (HELDOUT, 60, 40)])
def test_both_languages_and_negatives_are_represented(
    files: list[Path], least_russian: int, least_negatives: int
) -> None:
    rows = _rows(files)
    russian = [row for row in rows if row["lang"] == "ru"]
    negatives = [row for row in rows if not row["deployments"]]
    assert len(russian) >= least_russian
    assert len(negatives) >= least_negatives


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


def test_no_held_out_passage_retells_a_training_passage() -> None:
    """A held-out passage retelling a training passage's report or event would flatter the held-out figure: the
    same limits as against the gold set."""
    training = _rows(TRAINING)
    sources = {_address(row["fact_source"]) for row in training}
    texts = [(_words(str(row["text"])), _figures(str(row["text"]))) for row in training]
    for row in _rows(HELDOUT):
        words, figures = _words(str(row["text"])), _figures(str(row["text"]))
        assert _address(row["fact_source"]) not in sources, row["id"]
        assert max(len(words & w) / len(words | w) for w, _ in texts) < 0.14, row["id"]
        assert max(len(figures & f) for _, f in texts) < 3, row["id"]
