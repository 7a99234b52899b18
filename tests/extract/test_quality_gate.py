"""The evaluation gate: extraction quality on the dev gold set may not fall below the figures reached.

Floors are pinned with the hash of the gold file they were measured on; a different file fails loudly instead of
being compared with figures that do not belong to it. In-sample figures (the shipped model was trained on this
set) and cross-validated ones (each passage scored by a model that did not see it) are both gated.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oversight.extract.engine import Extractor
from oversight.extract.evaluate import GoldPassage, evaluate, file_hash, read_gold
from oversight.extract.training import cross_validate, leave_one_out, score_elsewhere
from tests.conftest import ROOT, SHARED, run_cli

GOLD = SHARED / "gold" / "dev.jsonl"
GOLD_SHA256 = "cbc451fa58c97b41b0c96ab341bc60aeb57fbc441e2c389b7a89f5066da85386"
OWN = sorted((ROOT / "training" / "extract").glob("*.jsonl"))
HELDOUT = sorted((ROOT / "training" / "heldout").glob("*.jsonl"))
# Measured 2026-12-06, third session (model fitted with L2 = 3 on the gold set and, weighing 0.2, the project's own
# training passages; the reading rules and features of docs/extraction.md as of that session): in-sample F1 0.862
# (ru 0.875), year 0.83, status 0.92, buyer 0.60; 5-fold CV × 20 shufflings F1 0.815 (ru 0.823); each passage left
# out once 0.832 (ru 0.833); a gold-trained model on the own training passages 0.607; the shipped model on the 111
# held-out passages 0.645 (0.481 on the 40 whose errors nobody has read); with the 40 written after the session's
# changes (passages-n and -o, 0.441 on their own), 151 passages 0.607.
FLOORS = {
    "f1": 0.858,
    "f1_ru": 0.87,
    "cv_f1": 0.81,
    "cv_f1_ru": 0.815,
    "loo_f1": 0.825,
    "loo_f1_ru": 0.82,
    "own_f1": 0.60,
    "heldout_f1": 0.60,
}

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the project")


def test_gold_file_is_the_one_the_floors_were_measured_on() -> None:
    assert file_hash(GOLD) == GOLD_SHA256


@pytest.fixture(scope="module")
def in_sample() -> dict[str, Any]:
    """The shipped extractor's figures on the dev set, computed once for the tests that read them."""
    score, predictions = evaluate(read_gold(GOLD), Extractor())
    figures = score.as_json()
    assert figures["passages"] == len(predictions)
    return figures


def test_dev_set_quality_floor(in_sample: dict[str, Any]) -> None:
    figures = in_sample
    assert figures["passages"] == 111
    assert figures["f1"] >= FLOORS["f1"], figures
    assert figures["by_language"]["ru"]["f1"] >= FLOORS["f1_ru"], figures["by_language"]
    assert figures["fields"]["year"]["accuracy"] >= 0.8
    assert figures["fields"]["status"]["accuracy"] >= 0.9
    # 0.557 with buyers as written only; 0.602 with a registered buyer's registry name after the words of the text
    assert figures["fields"]["buyer"]["accuracy"] >= 0.58


def _own_passages() -> list[GoldPassage]:
    return [p for path in OWN for p in read_gold(path)]


def test_cross_validated_quality_floor() -> None:
    figures = cross_validate(read_gold(GOLD), extra=_own_passages())
    assert figures["f1"] >= FLOORS["cv_f1"], figures
    assert figures["by_language"]["ru"]["f1"] >= FLOORS["cv_f1_ru"], figures["by_language"]


def test_leave_one_out_quality_floor(in_sample: dict[str, Any]) -> None:
    """The estimate for a passage the shipped model has not seen, and how far below the in-sample figure it is (a
    held-back set of the same kind is meant to score within 0.05 of the dev set)."""
    figures = leave_one_out(read_gold(GOLD), extra=_own_passages())
    assert figures["f1"] >= FLOORS["loo_f1"], figures
    assert figures["by_language"]["ru"]["f1"] >= FLOORS["loo_f1_ru"], figures["by_language"]
    assert in_sample["f1"] - figures["f1"] <= 0.05, (in_sample["f1"], figures["f1"])


def test_quality_on_text_written_by_other_hands() -> None:
    """A model trained on the gold set alone, scored on the project's own annotated passages."""
    figures = score_elsewhere(read_gold(GOLD), _own_passages())
    assert figures["passages"] == len(_own_passages()) >= 150
    assert figures["f1"] >= FLOORS["own_f1"], figures


def test_quality_on_passages_never_trained_on() -> None:
    """The shipped extractor on the project's held-out passages (text written by other hands after the model)."""
    passages = [p for path in HELDOUT for p in read_gold(path)]
    figures = evaluate(passages, Extractor())[0].as_json()
    assert figures["passages"] == len(passages) >= 150
    assert figures["f1"] >= FLOORS["heldout_f1"], figures


def test_cli_eval_json_and_predictions(tmp_path: Path) -> None:
    out = tmp_path / "predictions.jsonl"
    result = run_cli("eval", str(GOLD), "--json", "--predictions-out", str(out))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= {"precision", "recall", "f1", "by_language", "fields", "passages"}
    assert set(figures["by_language"]) >= {"en", "ru"}
    assert set(figures["fields"]) == {"year", "status", "vendor_country", "buyer"}
    assert figures["in_sample"] is True  # the shipped model was trained on the dev set, and says so
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == figures["passages"] == 111
    claim_keys = {"vendor", "vendor_country", "recipient_country", "technology", "year", "buyer", "status"}
    assert all(set(claim) == claim_keys for line in lines for claim in line["claims"])


def test_cli_eval_says_when_a_file_was_not_in_training(tmp_path: Path) -> None:
    subset = tmp_path / "subset.jsonl"
    subset.write_text("".join(GOLD.read_text("utf-8").splitlines(keepends=True)[:3]), "utf-8")
    result = run_cli("eval", str(subset), "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["passages"] == 3 and figures["in_sample"] is False
