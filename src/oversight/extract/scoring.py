"""Scoring of extracted deployments against gold annotations, exactly as ../shared/gold/README.md specifies.

Pure functions over plain rows, so the same code scores any extractor's predictions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from oversight.reference.names import transliterate

SCORED_STATUSES = frozenset({"agreed", "delivered", "ended"})
#: Legal suffixes removed before vendor names are compared (the gold rules' list).
GOLD_LEGAL_SUFFIXES = frozenset({"ltd", "llc", "inc", "co", "corp", "group", "corporation", "ag", "sa", "ooo", "ao",
                                 "pao"})  # fmt: skip
VENDOR_SIMILARITY = 90
BUYER_SIMILARITY = 80
_PUNCT = re.compile(r"[^\w\s]+")
KEY_FIELDS = ("vendor", "vendor_country", "recipient_country", "technology")


def normalise_name(name: str, *, drop_suffixes: bool = True) -> str:
    """Case-folded, transliterated, without punctuation (and legal suffixes) — the gold comparison form."""
    text = transliterate(unicodedata.normalize("NFKC", name).casefold())
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    tokens = _PUNCT.sub(" ", text).split()
    if drop_suffixes:
        tokens = [t for t in tokens if t not in GOLD_LEGAL_SUFFIXES]
    return " ".join(tokens)


def same_vendor(predicted: str, gold: str) -> bool:
    """Whether two vendor names denote the same company under the gold rules."""
    a, b = normalise_name(predicted), normalise_name(gold)
    return a == b or (bool(a) and bool(b) and fuzz.token_set_ratio(a, b) >= VENDOR_SIMILARITY)


def matches(prediction: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Whether a predicted deployment matches a gold one."""
    if prediction.get("recipient_country") != gold.get("recipient_country"):
        return False
    if prediction.get("technology") != gold.get("technology"):
        return False
    if gold.get("vendor"):
        return bool(prediction.get("vendor")) and same_vendor(prediction["vendor"], gold["vendor"])
    if prediction.get("vendor"):
        return False
    return gold.get("vendor_country") is None or gold.get("vendor_country") == prediction.get("vendor_country")


def unique_by_key(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the same (vendor, vendor_country, recipient_country, technology) counted once (the first kept)."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(tuple(row.get(k) for k in KEY_FIELDS), row)
    return list(seen.values())


def maximum_matching(predictions: Sequence[dict[str, Any]], golds: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """A maximum set of (prediction index, gold index) pairs, each used at most once (augmenting paths)."""
    edges = [[g for g, gold in enumerate(golds) if matches(p, gold)] for p in predictions]
    gold_to_pred: dict[int, int] = {}

    def augment(p: int, visited: set[int]) -> bool:
        for g in edges[p]:
            if g in visited:
                continue
            visited.add(g)
            if g not in gold_to_pred or augment(gold_to_pred[g], visited):
                gold_to_pred[g] = p
                return True
        return False

    for p in range(len(predictions)):
        augment(p, set())
    return sorted((p, g) for g, p in gold_to_pred.items())


@dataclass
class Tally:
    """Counts for precision, recall and F1."""

    predictions: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, other: Tally) -> None:
        self.predictions += other.predictions
        self.gold += other.gold
        self.matched += other.matched

    def figures(self) -> dict[str, float | int]:
        precision = self.matched / self.predictions if self.predictions else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "predictions": self.predictions,
            "gold": self.gold,
            "matched": self.matched,
        }


@dataclass
class FieldTally:
    """Accuracy of one field over matched pairs where gold has a value."""

    right: int = 0
    total: int = 0

    def figure(self) -> dict[str, float | int]:
        return {"accuracy": round(self.right / self.total, 4) if self.total else 0.0, "n": self.total}


@dataclass
class Score:
    """Scores over a gold set: micro totals, per language, field accuracies."""

    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    fields: dict[str, FieldTally] = field(
        default_factory=lambda: {k: FieldTally() for k in ("year", "status", "vendor_country", "buyer")}
    )
    passages: int = 0

    def as_json(self) -> dict[str, Any]:
        figures = self.overall.figures()
        return {
            "precision": figures["precision"], "recall": figures["recall"], "f1": figures["f1"],
            "predictions": figures["predictions"], "gold": figures["gold"], "matched": figures["matched"],
            "by_language": {lang: t.figures() for lang, t in sorted(self.by_language.items())},
            "fields": {name: f.figure() for name, f in self.fields.items()},
            "passages": self.passages,
        }  # fmt: skip


def score_passage(
    score: Score, *, language: str, predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    """Add one passage's predictions and gold deployments to ``score``; returns the matched pairs."""
    predictions = unique_by_key(p for p in predicted if p.get("status") in SCORED_STATUSES)
    golds = unique_by_key(gold)
    pairs = maximum_matching(predictions, golds)
    tally = Tally(predictions=len(predictions), gold=len(golds), matched=len(pairs))
    score.overall.add(tally)
    score.by_language.setdefault(language, Tally()).add(tally)
    score.passages += 1
    for p, g in pairs:
        _score_fields(score, predictions[p], golds[g])
    return pairs


def _score_fields(score: Score, predicted: dict[str, Any], gold: dict[str, Any]) -> None:
    for name in ("year", "status", "vendor_country"):
        if gold.get(name) is not None:
            score.fields[name].total += 1
            score.fields[name].right += predicted.get(name) == gold[name]
    if gold.get("buyer"):
        score.fields["buyer"].total += 1
        a = normalise_name(predicted.get("buyer") or "", drop_suffixes=False)
        b = normalise_name(gold["buyer"], drop_suffixes=False)
        score.fields["buyer"].right += bool(a) and fuzz.token_set_ratio(a, b) >= BUYER_SIMILARITY
