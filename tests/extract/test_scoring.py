"""The gold scoring rules, checked against figures worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.errors import InputError
from oversight.extract.evaluate import read_gold
from oversight.extract.scoring import Score, maximum_matching, normalise_name, same_vendor, score_passage


def _d(
    vendor: str | None,
    recipient: str,
    technology: str = "spyware",
    *,
    vendor_country: str | None = None,
    status: str = "delivered",
    year: int | None = None,
    buyer: str | None = None,
) -> dict[str, object]:
    return {
        "vendor": vendor,
        "vendor_country": vendor_country,
        "recipient_country": recipient,
        "technology": technology,
        "status": status,
        "year": year,
        "buyer": buyer,
    }


def test_vendor_names_compare_after_folding_suffixes_and_transliteration() -> None:
    assert normalise_name("Huawei Technologies Co., Ltd.") == "huawei technologies"
    assert normalise_name("«Протей»") == "protey"
    assert same_vendor("Protei", "«Протей» (Protei)")
    assert same_vendor("Huawei", "Huawei Technologies Co. Ltd")
    assert same_vendor("NTechLab", "NtechLab")
    assert not same_vendor("NtechLab", "NTech Lab")  # split differently, the token sets differ: below 90
    assert same_vendor("NSO Group", "NSO")
    assert not same_vendor("Hikvision", "Dahua")


def test_null_vendor_matches_only_null_with_compatible_country() -> None:
    gold_unknown = _d(None, "KAZ", "facial_recognition")
    gold_chinese = _d(None, "ECU", "cctv_safe_city", vendor_country="CHN")
    score = Score()
    pairs = score_passage(
        score,
        language="en",
        predicted=[
            _d(None, "KAZ", "facial_recognition", vendor_country="KAZ"),  # gold country null: any country matches
            _d(None, "ECU", "cctv_safe_city", vendor_country="RUS"),  # wrong country: no match
            _d("Huawei", "ECU", "cctv_safe_city"),  # a named vendor never matches a null one
        ],
        gold=[gold_unknown, gold_chinese],
    )
    assert pairs == [(0, 0)]
    assert (score.overall.predictions, score.overall.gold, score.overall.matched) == (3, 2, 1)


def test_maximum_matching_beats_greedy() -> None:
    # P0 matches G0 and G1, P1 matches only G0: greedy P0→G0 would leave P1 unmatched.
    predicted = [_d("Hacking Team", "KAZ"), _d("Hacking Team Srl", "KAZ")]
    gold = [_d("Hacking Team", "KAZ"), _d("HackingTeam", "KAZ")]
    assert len(maximum_matching(predicted, gold)) == 2


def test_duplicates_count_once_and_unscored_statuses_are_dropped() -> None:
    score = Score()
    score_passage(
        score,
        language="ru",
        predicted=[
            _d("Protei", "KAZ", "lawful_interception", year=2012),
            _d("Protei", "KAZ", "lawful_interception", year=2013),  # same four key values: counted once
            _d("Protei", "UZB", "lawful_interception", status="planned"),  # not agreed/delivered/ended: not scored
        ],
        gold=[
            _d("«Протей» (Protei)", "KAZ", "lawful_interception", year=2012, buyer="Kazakhtelecom"),
            _d("«Протей» (Protei)", "UZB", "lawful_interception"),
        ],
    )
    figures = score.as_json()
    assert (figures["predictions"], figures["gold"], figures["matched"]) == (1, 2, 1)
    assert (figures["precision"], figures["recall"]) == (1.0, 0.5)
    assert abs(figures["f1"] - 2 / 3) < 1e-3
    assert figures["fields"]["year"] == {"accuracy": 1.0, "n": 1}
    assert figures["fields"]["buyer"] == {"accuracy": 0.0, "n": 1}
    assert figures["by_language"]["ru"]["recall"] == 0.5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "x", "text": "a"\n', "not a gold passage"),
        ('{"id": "x", "text": "a"}\n', "no 'lang' field"),
        ("[1]\n", "a JSON object is expected"),
        ('{"id": "x", "lang": "en", "text": "a", "deployments": [{"vendor": null}]}\n', "a deployment lacks"),
        ("\n", "no gold passages"),
    ],
)
def test_a_bad_gold_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message):
        read_gold(path)
