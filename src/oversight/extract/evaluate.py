"""`oversight eval`: run an extractor over a gold file and score it (rules in scoring.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oversight.errors import InputError
from oversight.extract.engine import Extraction, Extractor
from oversight.extract.scoring import Score, score_passage


@dataclass(frozen=True)
class GoldPassage:
    """One annotated passage."""

    id: str
    language: str
    text: str
    deployments: list[dict[str, Any]]


def read_gold(path: Path) -> list[GoldPassage]:
    """The passages of a gold JSON Lines file."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file {path}: {exc.strerror}") from exc
    passages = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: not a gold passage (a JSON object is expected)")
            deployments = list(row.get("deployments") or [])
            for deployment in deployments:
                missing = _REQUIRED_DEPLOYMENT_KEYS - set(deployment)
                if missing:
                    raise InputError(f"{path}:{number}: a deployment lacks {', '.join(sorted(missing))}")
            passages.append(GoldPassage(row["id"], row["lang"], row["text"], deployments))
        except KeyError as exc:
            raise InputError(f"{path}:{number}: not a gold passage (no {exc.args[0]!r} field)") from exc
        except (json.JSONDecodeError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a gold passage ({exc})") from exc
    if not passages:
        raise InputError(f"{path}: no gold passages in the file")
    return passages


_REQUIRED_DEPLOYMENT_KEYS = frozenset({"vendor", "vendor_country", "recipient_country", "technology", "status"})


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes (pins the gold set a figure was measured on)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def prediction_row(extraction: Extraction) -> dict[str, Any]:
    """A claim as the predictions file and the scorer see it."""
    facts = extraction.facts
    return {
        "vendor": facts.vendor_name,
        "vendor_country": facts.vendor_country,
        "recipient_country": facts.recipient_country,
        "technology": facts.technology,
        "year": facts.year,
        "buyer": facts.buyer,
        "status": facts.status.value,
    }


def evaluate(passages: list[GoldPassage], extractor: Extractor) -> tuple[Score, list[dict[str, Any]]]:
    """Score the extractor on the passages; also return one predictions row per passage."""
    score = Score()
    predictions = []
    for passage, rows in _predict(passages, extractor):
        score_passage(score, language=passage.language, predicted=rows, gold=passage.deployments)
        predictions.append({"id": passage.id, "claims": rows})
    return score, predictions


def _predict(passages: list[GoldPassage], extractor: Extractor) -> Iterator[tuple[GoldPassage, list[dict[str, Any]]]]:
    for passage in passages:
        yield passage, [prediction_row(e) for e in extractor.extract(passage.text)]
